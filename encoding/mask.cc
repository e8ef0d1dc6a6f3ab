#include "encoding/mask.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <optional>
#include <vector>

#include "absl/status/status.h"

namespace encoding {
namespace {

struct Alias {
  std::string_view name;
  Mask value;
};

// Single-bit aliases in ascending bit order: MaskToString relies on this order.
constexpr std::array<Alias, 29> kBitAliases = {{
    {"Raw", kRaw},
    {"Slash", kSlash},
    {"LtGt", kLtGt},
    {"DoubleQuote", kDoubleQuote},
    {"SingleQuote", kSingleQuote},
    {"BackQuote", kBackQuote},
    {"Dollar", kDollar},
    {"Colon", kColon},
    {"Question", kQuestion},
    {"Asterisk", kAsterisk},
    {"Pipe", kPipe},
    {"Hash", kHash},
    {"Percent", kPercent},
    {"BackSlash", kBackSlash},
    {"CrLf", kCrLf},
    {"Del", kDel},
    {"Ctl", kCtl},
    {"LeftSpace", kLeftSpace},
    {"LeftPeriod", kLeftPeriod},
    {"LeftTilde", kLeftTilde},
    {"LeftCrLfHtVt", kLeftCrLfHtVt},
    {"RightSpace", kRightSpace},
    {"RightPeriod", kRightPeriod},
    {"RightCrLfHtVt", kRightCrLfHtVt},
    {"InvalidUtf8", kInvalidUtf8},
    {"Dot", kDot},
    {"SquareBracket", kSquareBracket},
    {"Semicolon", kSemicolon},
    {"Exclamation", kExclamation},
}};

// Accepted when parsing only; never printed (rclone prints the flags).
constexpr std::array<Alias, 4> kPresetAliases = {{
    {"None", kNone},
    {"Standard", kStandardMask},
    {"Display", kStandardMask},
    {"Base", kBaseMask},
}};

std::optional<Mask> LookupAlias(std::string_view name) {
  for (const Alias& a : kBitAliases) {
    if (a.name == name) return a.value;
  }
  for (const Alias& a : kPresetAliases) {
    if (a.name == name) return a.value;
  }
  return std::nullopt;
}

std::string PossibleValues() {
  std::vector<std::string_view> names;
  for (const Alias& a : kBitAliases) names.push_back(a.name);
  for (const Alias& a : kPresetAliases) names.push_back(a.name);
  std::sort(names.begin(), names.end());
  std::string out;
  for (std::string_view name : names) {
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

int DigitValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'z') return c - 'a' + 10;
  if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
  return 99;
}

// Go's strconv.ParseInt(s, 0, 64) (what rclone v1.60.1 uses), returned as the uint bit pattern
// Go gets from MultiEncoder(i), so "-1" sets every bit as it does in rclone.
std::optional<Mask> ParseGoInt(std::string_view s) {
  bool negative = false;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  if (s.empty()) return std::nullopt;
  int base = 10;
  bool prefixed = false;
  if (s.size() >= 2 && s[0] == '0') {
    const char p = static_cast<char>(s[1] | 0x20);
    if (p == 'x') base = 16, prefixed = true;
    if (p == 'o') base = 8, prefixed = true;
    if (p == 'b') base = 2, prefixed = true;
  }
  if (prefixed) {
    s.remove_prefix(2);
  } else if (s.size() >= 2 && s[0] == '0') {
    base = 8;  // Go's legacy octal "017"
  }
  // Go allows '_' only between digits or right after a base prefix.
  bool last_was_digit = prefixed || base == 8;  // "0_17" is a valid legacy octal
  if (!prefixed && base == 8) s.remove_prefix(1);
  if (s.empty()) return prefixed ? std::nullopt : std::optional<Mask>(0);
  unsigned __int128 value = 0;
  bool any_digit = false;
  bool last_underscore = false;
  for (char c : s) {
    if (c == '_') {
      if (!last_was_digit) return std::nullopt;
      last_was_digit = false;
      last_underscore = true;
      continue;
    }
    const int d = DigitValue(c);
    if (d >= base) return std::nullopt;
    value = value * base + d;
    if (value > (static_cast<unsigned __int128>(1) << 64)) return std::nullopt;
    any_digit = true;
    last_was_digit = true;
    last_underscore = false;
  }
  if (!any_digit || last_underscore) return std::nullopt;
  // int64 range [-2^63, 2^63-1] as in v1.60.1, widened to uint64 for positive values as rclone
  // HEAD's ParseUint does, so that every mask MaskToString prints parses back.
  const unsigned __int128 limit = static_cast<unsigned __int128>(1) << (negative ? 63 : 64);
  if (negative ? value > limit : value >= limit) return std::nullopt;
  const uint64_t magnitude = static_cast<uint64_t>(value);
  return negative ? ~magnitude + 1 : magnitude;
}

std::string_view TrimSpace(std::string_view s) {
  constexpr std::string_view kSpace = " \t\n\v\f\r";
  const size_t begin = s.find_first_not_of(kSpace);
  if (begin == std::string_view::npos) return {};
  return s.substr(begin, s.find_last_not_of(kSpace) - begin + 1);
}

// Go's %q for the error message, close enough for ASCII and control bytes.
std::string GoQuote(std::string_view s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20 || c == 0x7f) {
      char buf[5];
      std::snprintf(buf, sizeof(buf), "\\x%02x", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  out += '"';
  return out;
}

}  // namespace

absl::StatusOr<Mask> ParseMask(std::string_view text) {
  Mask mask = 0;
  size_t start = 0;
  while (true) {
    const size_t comma = text.find(',', start);
    const std::string_view part =
        TrimSpace(text.substr(start, comma == std::string_view::npos ? text.npos : comma - start));
    std::optional<Mask> bits = LookupAlias(part);
    if (!bits) bits = ParseGoInt(part);
    if (!bits) {
      return absl::InvalidArgumentError("bad encoding " + GoQuote(part) +
                                        ": possible values are: " + PossibleValues());
    }
    mask |= *bits;
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return mask;
}

std::string MaskToString(Mask mask) {
  if (mask == kNone) return "None";
  for (const Alias& a : kBitAliases) {
    if (a.value == mask) return std::string(a.name);
  }
  std::string out;
  for (int bit = 0; bit < 64; ++bit) {
    const Mask value = Mask{1} << bit;
    if ((mask & value) == 0) continue;
    if (!out.empty()) out += ',';
    const Alias* alias = nullptr;
    for (const Alias& a : kBitAliases) {
      if (a.value == value) alias = &a;
    }
    if (alias != nullptr) {
      out += alias->name;
    } else {
      char buf[24];
      std::snprintf(buf, sizeof(buf), "0x%llX", static_cast<unsigned long long>(value));
      out += buf;
    }
  }
  return out;
}

}  // namespace encoding
