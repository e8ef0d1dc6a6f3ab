// UTF-8 helpers with Go's unicode/utf8 rules (shortest form, no surrogates, <= U+10FFFF), which
// decide what rclone treats as an invalid byte. Internal to encoding/.
#ifndef FICHIER_ENCODING_UTF8_H_
#define FICHIER_ENCODING_UTF8_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace encoding::utf8 {

inline bool IsContinuation(unsigned char b) { return (b & 0xC0) == 0x80; }

// Length of the valid sequence starting at s[i], or 0 when s[i] is an error unit of one byte
// (Go's DecodeRune returning RuneError with size 1).
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

// Every code point the encoder reads or writes specially is a 3-byte sequence led by E2 or EF
// (U+2000..U+2FFF, U+F000..U+FFFF). Returns it when one starts at s[i], else 0. Because E2/EF are
// never continuation bytes, a match is the rune Go would decode there.
inline char32_t SpecialRuneAt(std::string_view s, size_t i) {
  if (s.size() < i + 3) return 0;
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 != 0xE2 && b0 != 0xEF) return 0;
  const auto b1 = static_cast<unsigned char>(s[i + 1]);
  const auto b2 = static_cast<unsigned char>(s[i + 2]);
  if (!IsContinuation(b1) || !IsContinuation(b2)) return 0;
  return (static_cast<char32_t>(b0 & 0x0F) << 12) | (static_cast<char32_t>(b1 & 0x3F) << 6) |
         (b2 & 0x3F);
}

// Appends a code point below U+10000 (all replacement characters are).
inline void AppendRune(std::string* out, char32_t r) {
  if (r < 0x80) {
    out->push_back(static_cast<char>(r));
  } else if (r < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (r >> 6)));
    out->push_back(static_cast<char>(0x80 | (r & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xE0 | (r >> 12)));
    out->push_back(static_cast<char>(0x80 | ((r >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (r & 0x3F)));
  }
}

}  // namespace encoding::utf8

#endif  // FICHIER_ENCODING_UTF8_H_
