#include "host/go_int.h"

#include <cstdint>
#include <string>

#include "absl/strings/str_cat.h"

namespace fclone {
namespace {

char Lower(char c) { return static_cast<char>(c | 0x20); }

absl::Status GoError(std::string_view text, std::string_view why) {
  return absl::InvalidArgumentError(
      absl::StrCat("strconv.ParseInt: parsing \"", std::string(text), "\": ", std::string(why)));
}

// Go's underscoreOK: each `_` sits between two digits (a base prefix counts as a digit).
bool UnderscoresOk(std::string_view s) {
  char saw = '^';  // ^ start, 0 digit or prefix, _ underscore, ! anything else
  size_t i = 0;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) s.remove_prefix(1);
  bool hex = false;
  if (s.size() >= 2 && s[0] == '0' &&
      (Lower(s[1]) == 'b' || Lower(s[1]) == 'o' || Lower(s[1]) == 'x')) {
    i = 2;
    saw = '0';
    hex = Lower(s[1]) == 'x';
  }
  for (; i < s.size(); ++i) {
    const char c = s[i];
    if ((c >= '0' && c <= '9') || (hex && Lower(c) >= 'a' && Lower(c) <= 'f')) {
      saw = '0';
      continue;
    }
    if (c == '_') {
      if (saw != '0') return false;
      saw = '_';
      continue;
    }
    if (saw == '_') return false;
    saw = '!';
  }
  return saw != '_';
}

}  // namespace

absl::StatusOr<int64_t> ParseGoInt(std::string_view text) {
  std::string_view s = text;
  if (s.empty()) return GoError(text, "invalid syntax");
  bool negative = false;
  if (s[0] == '+' || s[0] == '-') {
    negative = s[0] == '-';
    s.remove_prefix(1);
    if (s.empty()) return GoError(text, "invalid syntax");
  }
  uint64_t base = 10;
  if (s[0] == '0') {
    if (s.size() >= 3 && Lower(s[1]) == 'b') {
      base = 2;
      s.remove_prefix(2);
    } else if (s.size() >= 3 && Lower(s[1]) == 'o') {
      base = 8;
      s.remove_prefix(2);
    } else if (s.size() >= 3 && Lower(s[1]) == 'x') {
      base = 16;
      s.remove_prefix(2);
    } else {
      base = 8;
      s.remove_prefix(1);
    }
  }
  // Go's ParseUint first (into 64 bits; an overflow there is final), then ParseInt's range.
  const uint64_t overflow_at = UINT64_MAX / base + 1;
  uint64_t n = 0;
  bool underscores = false;
  for (char c : s) {
    uint64_t digit;
    if (c == '_') {
      underscores = true;
      continue;
    } else if (c >= '0' && c <= '9') {
      digit = static_cast<uint64_t>(c - '0');
    } else if (Lower(c) >= 'a' && Lower(c) <= 'z') {
      digit = static_cast<uint64_t>(Lower(c) - 'a') + 10;
    } else {
      return GoError(text, "invalid syntax");
    }
    if (digit >= base) return GoError(text, "invalid syntax");
    if (n >= overflow_at) return GoError(text, "value out of range");
    n *= base;
    if (n + digit < n) return GoError(text, "value out of range");
    n += digit;
  }
  if (underscores && !UnderscoresOk(text)) return GoError(text, "invalid syntax");
  constexpr uint64_t kCutoff = uint64_t{1} << 63;  // |INT64_MIN|
  if ((!negative && n >= kCutoff) || (negative && n > kCutoff)) {
    return GoError(text, "value out of range");
  }
  if (negative) return n == kCutoff ? INT64_MIN : -static_cast<int64_t>(n);
  return static_cast<int64_t>(n);
}

}  // namespace fclone
