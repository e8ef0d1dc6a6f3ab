// rclone's "obfuscate" file name mode: a light rotation of letters, digits and some Unicode
// ranges keyed on the name and the name key, prefixed with "<n>." (names that are not valid
// UTF-8 get "!." and no rotation). Hides names from a glance, not from anyone trying.
#ifndef FICHIER_BACKEND_CRYPT_OBFUSCATE_H_
#define FICHIER_BACKEND_CRYPT_OBFUSCATE_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace backend::crypt {

std::string ObfuscateSegment(const std::array<uint8_t, 32>& name_key, std::string_view plain);
absl::StatusOr<std::string> DeobfuscateSegment(const std::array<uint8_t, 32>& name_key,
                                               std::string_view obfuscated);

}  // namespace backend::crypt

#endif  // FICHIER_BACKEND_CRYPT_OBFUSCATE_H_
