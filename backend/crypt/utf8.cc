#include "backend/crypt/utf8.h"

namespace backend::crypt {
namespace {

constexpr char32_t kReplacement = 0xFFFD;

// Decodes one rune at s[i]; returns its length, or 0 if the bytes there are not valid UTF-8.
size_t DecodeOne(std::string_view s, size_t i, char32_t* out) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char b0 = byte(i);
  if (b0 < 0x80) {
    *out = b0;
    return 1;
  }
  size_t len = b0 >= 0xF0 ? 4 : b0 >= 0xE0 ? 3 : b0 >= 0xC2 ? 2 : 0;
  if (len == 0 || b0 > 0xF4 || i + len > s.size()) return 0;
  char32_t r = b0 & (0xFF >> (len + 1));
  for (size_t k = 1; k < len; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    r = (r << 6) | (byte(i + k) & 0x3F);
  }
  static constexpr char32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
  if (r < kMin[len] || !IsValidRune(r)) return 0;
  *out = r;
  return len;
}

}  // namespace

bool IsValidRune(char32_t r) { return r <= 0x10FFFF && !(r >= 0xD800 && r <= 0xDFFF); }

bool IsValidUtf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    char32_t r;
    size_t n = DecodeOne(s, i, &r);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

std::vector<char32_t> DecodeUtf8(std::string_view s) {
  std::vector<char32_t> out;
  for (size_t i = 0; i < s.size();) {
    char32_t r;
    size_t n = DecodeOne(s, i, &r);
    if (n == 0) {
      out.push_back(kReplacement);
      i += 1;
    } else {
      out.push_back(r);
      i += n;
    }
  }
  return out;
}

void AppendUtf8(std::string& out, char32_t r) {
  if (!IsValidRune(r)) r = kReplacement;
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

}  // namespace backend::crypt
