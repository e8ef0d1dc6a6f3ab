// The few UTF-8 helpers the obfuscate mode needs, with Go's semantics (an invalid byte decodes
// as U+FFFD; surrogates and values above U+10FFFF are not valid runes).
#ifndef FICHIER_BACKEND_CRYPT_UTF8_H_
#define FICHIER_BACKEND_CRYPT_UTF8_H_

#include <string>
#include <string_view>
#include <vector>

namespace backend::crypt {

bool IsValidRune(char32_t r);
bool IsValidUtf8(std::string_view s);
// Go's `for _, r := range s`.
std::vector<char32_t> DecodeUtf8(std::string_view s);
void AppendUtf8(std::string& out, char32_t r);

}  // namespace backend::crypt

#endif  // FICHIER_BACKEND_CRYPT_UTF8_H_
