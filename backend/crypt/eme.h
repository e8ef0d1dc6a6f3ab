// EME (ECB-Mix-ECB, Halevi and Rogaway), the wide-block mode rclone uses to encrypt file names:
// a name of 1 to 128 AES blocks is transformed as a whole under a 16-byte tweak, so equal names
// encrypt equally (listings stay stable) and any change spreads over the whole name. The AES
// block operations come from OpenSSL.
#ifndef FICHIER_BACKEND_CRYPT_EME_H_
#define FICHIER_BACKEND_CRYPT_EME_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace backend::crypt {

inline constexpr size_t kEmeBlockSize = 16;
inline constexpr size_t kEmeMaxBlocks = 128;

enum class EmeDirection { kEncrypt, kDecrypt };

// Transforms `data` (a multiple of 16 bytes, 16 to 2048 bytes) with AES-256 under `key` and
// `tweak`. InvalidArgument for a bad length.
absl::StatusOr<std::string> EmeTransform(const std::array<uint8_t, 32>& key,
                                         const std::array<uint8_t, 16>& tweak,
                                         std::string_view data, EmeDirection direction);

}  // namespace backend::crypt

#endif  // FICHIER_BACKEND_CRYPT_EME_H_
