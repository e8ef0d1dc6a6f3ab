// UTF-8 with Go's unicode/utf8 rules (shortest form, no surrogates, <= U+10FFFF). Go decides
// what rclone treats as invalid, and an invalid byte is one error unit of its own: Go's
// DecodeRune returns (U+FFFD, 1) there. Every reader of UTF-8 in the tree goes through here.
#ifndef FICHIER_BASE_UTF8_H_
#define FICHIER_BASE_UTF8_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace base::utf8 {

inline constexpr char32_t kReplacement = 0xFFFD;

inline bool IsContinuation(unsigned char b) { return (b & 0xC0) == 0x80; }

// Length of the valid sequence starting at s[i], or 0 when s[i] is an error unit of one byte.
inline size_t RuneLength(std::string_view s, size_t i) {
  const auto at = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char b0 = at(i);
  const size_t left = s.size() - i;
  if (b0 < 0x80) return 1;
  if (b0 < 0xC2) return 0;  // continuation byte or overlong 2-byte lead
  if (b0 < 0xE0) return left >= 2 && IsContinuation(at(i + 1)) ? 2 : 0;
  if (b0 < 0xF0) {
    if (left < 3) return 0;
    const unsigned char b1 = at(i + 1);
    const unsigned char lo = b0 == 0xE0 ? 0xA0 : 0x80;  // overlong
    const unsigned char hi = b0 == 0xED ? 0x9F : 0xBF;  // surrogates
    if (b1 < lo || b1 > hi || !IsContinuation(at(i + 2))) return 0;
    return 3;
  }
  if (b0 < 0xF5) {
    if (left < 4) return 0;
    const unsigned char b1 = at(i + 1);
    const unsigned char lo = b0 == 0xF0 ? 0x90 : 0x80;  // overlong
    const unsigned char hi = b0 == 0xF4 ? 0x8F : 0xBF;  // above U+10FFFF
    if (b1 < lo || b1 > hi || !IsContinuation(at(i + 2)) || !IsContinuation(at(i + 3))) return 0;
    return 4;
  }
  return 0;
}

struct Rune {
  char32_t value;  // kReplacement for an error unit
  size_t size;     // bytes read, 1 for an error unit
};

// Go's DecodeRuneInString at s[i] (i < s.size()).
inline Rune DecodeRune(std::string_view s, size_t i) {
  const size_t len = RuneLength(s, i);
  const auto b = [&](size_t k) { return static_cast<char32_t>(static_cast<unsigned char>(s[i + k])); };
  switch (len) {
    case 1: return {b(0), 1};
    case 2: return {(b(0) & 0x1F) << 6 | (b(1) & 0x3F), 2};
    case 3: return {(b(0) & 0x0F) << 12 | (b(1) & 0x3F) << 6 | (b(2) & 0x3F), 3};
    case 4: return {(b(0) & 0x07) << 18 | (b(1) & 0x3F) << 12 | (b(2) & 0x3F) << 6 | (b(3) & 0x3F), 4};
    default: return {kReplacement, 1};
  }
}

// Length of the unit at s[i] the way Go's `for range` steps: a rune, or one invalid byte.
inline size_t UnitLength(std::string_view s, size_t i) {
  const size_t len = RuneLength(s, i);
  return len == 0 ? 1 : len;
}

// Index of the first invalid byte, or s.size() when `s` is valid UTF-8.
inline size_t FirstInvalid(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    const size_t len = RuneLength(s, i);
    if (len == 0) return i;
    i += len;
  }
  return s.size();
}

inline bool IsValid(std::string_view s) { return FirstInvalid(s) == s.size(); }

// Number of units (runes and invalid bytes), what a terminal column count approximates.
inline size_t UnitCount(std::string_view s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size(); i += UnitLength(s, i)) ++n;
  return n;
}

// Appends the UTF-8 encoding of `r` (a value above U+10FFFF or a surrogate gives U+FFFD).
inline void AppendRune(std::string& out, char32_t r) {
  if (r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF)) r = kReplacement;
  if (r < 0x80) {
    out.push_back(static_cast<char>(r));
  } else if (r < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (r >> 6)));
    out.push_back(static_cast<char>(0x80 | (r & 0x3F)));
  } else if (r < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (r >> 12)));
    out.push_back(static_cast<char>(0x80 | ((r >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (r & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (r >> 18)));
    out.push_back(static_cast<char>(0x80 | ((r >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((r >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (r & 0x3F)));
  }
}

// `s` with each invalid byte replaced by U+FFFD: what Go's range loop sees, as valid UTF-8.
inline std::string ReplaceInvalid(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 8);
  for (size_t i = 0; i < s.size();) {
    const size_t len = RuneLength(s, i);
    if (len == 0) {
      AppendRune(out, kReplacement);
      ++i;
    } else {
      out.append(s.substr(i, len));
      i += len;
    }
  }
  return out;
}

}  // namespace base::utf8

#endif  // FICHIER_BASE_UTF8_H_
