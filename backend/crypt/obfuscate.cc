#include "backend/crypt/obfuscate.h"

#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "base/string_views.h"
#include "base/utf8.h"

namespace backend::crypt {
namespace {

constexpr char32_t kQuote = '!';

bool IsValidRune(char32_t r) { return r <= 0x10FFFF && !(r >= 0xD800 && r <= 0xDFFF); }

// Go's `for _, r := range s`: an invalid byte is one U+FFFD.
std::vector<char32_t> Runes(std::string_view s) {
  std::vector<char32_t> out;
  for (size_t i = 0; i < s.size();) {
    const base::utf8::Rune r = base::utf8::DecodeRune(s, i);
    out.push_back(r.value);
    i += r.size;
  }
  return out;
}

void AppendUtf8(std::string& out, char32_t r) { base::utf8::AppendRune(out, r); }

int KeySum(const std::array<uint8_t, 32>& name_key) {
  int sum = 0;
  for (uint8_t b : name_key) sum += b;
  return sum;
}

// Position of an ASCII letter in A..Za..z (0..51), and back.
int LetterIndex(char32_t r) { return r >= 'a' ? static_cast<int>(r - 'a') + 26 : static_cast<int>(r - 'A'); }
char32_t LetterAt(int pos) { return pos >= 26 ? U'a' + (pos - 26) : U'A' + pos; }
bool IsLetter(char32_t r) { return (r >= 'A' && r <= 'Z') || (r >= 'a' && r <= 'z'); }

}  // namespace

std::string ObfuscateSegment(const std::array<uint8_t, 32>& name_key, std::string_view plain) {
  if (plain.empty()) return "";
  if (!base::utf8::IsValid(plain)) return absl::StrCat("!.", base::ToAbsl(plain));
  std::vector<char32_t> runes = Runes(plain);
  int dir = 0;
  for (char32_t r : runes) dir += static_cast<int>(r);
  dir %= 256;
  std::string out = absl::StrCat(dir, ".");
  dir += KeySum(name_key);
  for (char32_t r : runes) {
    if (r == kQuote) {
      AppendUtf8(out, kQuote);
      AppendUtf8(out, kQuote);
    } else if (r >= '0' && r <= '9') {
      int shift = dir % 9 + 1;
      AppendUtf8(out, U'0' + (static_cast<int>(r - '0') + shift) % 10);
    } else if (IsLetter(r)) {
      int shift = dir % 25 + 1;
      AppendUtf8(out, LetterAt((LetterIndex(r) + shift) % 52));
    } else if (r >= 0xA0 && r <= 0xFF) {
      int shift = dir % 95 + 1;
      AppendUtf8(out, 0xA0 + (static_cast<int>(r) - 0xA0 + shift) % 96);
    } else if (r >= 0x100) {
      int shift = dir % 127 + 1;
      int base = static_cast<int>(r - r % 256);
      char32_t rotated = static_cast<char32_t>(base + (static_cast<int>(r) - base + shift) % 256);
      if (IsValidRune(rotated)) {
        AppendUtf8(out, rotated);
      } else {  // would leave Unicode (surrogates): keep it, quoted
        AppendUtf8(out, kQuote);
        AppendUtf8(out, r);
      }
    } else {
      AppendUtf8(out, r);
    }
  }
  return out;
}

absl::StatusOr<std::string> DeobfuscateSegment(const std::array<uint8_t, 32>& name_key,
                                               std::string_view obfuscated) {
  if (obfuscated.empty()) return std::string();
  size_t dot = obfuscated.find('.');
  auto not_encrypted = [] {
    return absl::InvalidArgumentError("not an encrypted file - no \".bin\" suffix");
  };
  if (dot == std::string_view::npos) return not_encrypted();
  std::string_view number = obfuscated.substr(0, dot);
  std::string_view body = obfuscated.substr(dot + 1);
  if (number == "!") return std::string(body);
  int dir = 0;
  if (!absl::SimpleAtoi(base::ToAbsl(number), &dir)) return not_encrypted();
  dir += KeySum(name_key);
  std::string out;
  bool quoted = false;
  for (char32_t r : Runes(body)) {
    if (quoted) {
      AppendUtf8(out, r);
      quoted = false;
    } else if (r == kQuote) {
      quoted = true;
    } else if (r >= '0' && r <= '9') {
      int v = static_cast<int>(r - '0') - (dir % 9 + 1);
      if (v < 0) v += 10;
      AppendUtf8(out, U'0' + v);
    } else if (IsLetter(r)) {
      int pos = LetterIndex(r) - (dir % 25 + 1);
      if (pos < 0) pos += 52;
      AppendUtf8(out, LetterAt(pos));
    } else if (r >= 0xA0 && r <= 0xFF) {
      int v = static_cast<int>(r) - 0xA0 - (dir % 95 + 1);
      if (v < 0) v += 96;
      AppendUtf8(out, 0xA0 + v);
    } else if (r >= 0x100) {
      int base = static_cast<int>(r - r % 256);
      int v = static_cast<int>(r) - (dir % 127 + 1);
      if (v < base) v += 256;
      AppendUtf8(out, static_cast<char32_t>(v));
    } else {
      AppendUtf8(out, r);
    }
  }
  return out;
}

}  // namespace backend::crypt
