// Hex digits of bytes: digests, temp names, %XX escapes, \u00XX escapes.
#ifndef FICHIER_BASE_HEX_H_
#define FICHIER_BASE_HEX_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace base {

enum class HexCase { kLower, kUpper };

inline char HexDigit(unsigned nibble, HexCase letters = HexCase::kLower) {
  return (letters == HexCase::kLower ? "0123456789abcdef" : "0123456789ABCDEF")[nibble & 0xF];
}

// The value of hex digit `c` (either case), or -1 for any other character.
inline int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Two digits, high nibble first.
inline void AppendHexByte(std::string& out, uint8_t b, HexCase letters = HexCase::kLower) {
  out.push_back(HexDigit(b >> 4, letters));
  out.push_back(HexDigit(b, letters));
}

inline std::string HexLower(std::span<const uint8_t> bytes) {
  std::string out;
  out.reserve(bytes.size() * 2);
  for (uint8_t b : bytes) AppendHexByte(out, b);
  return out;
}

inline std::string HexLower(std::string_view bytes) {
  return HexLower(std::span(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()));
}

}  // namespace base

#endif  // FICHIER_BASE_HEX_H_
