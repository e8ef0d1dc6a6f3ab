// The keys of a crypt remote, derived as rclone derives them: scrypt(password, salt, N=16384,
// r=8, p=1) gives 80 bytes split into the data key (32, NaCl secretbox), the name key (32,
// AES-256 for EME) and the name tweak (16). An empty salt means rclone's built-in default salt.
#ifndef FICHIER_BACKEND_CRYPT_KEYS_H_
#define FICHIER_BACKEND_CRYPT_KEYS_H_

#include <array>
#include <cstdint>
#include <string_view>

#include "absl/status/statusor.h"

namespace backend::crypt {

struct CryptKeys {
  std::array<uint8_t, 32> data_key{};
  std::array<uint8_t, 32> name_key{};
  std::array<uint8_t, 16> name_tweak{};
  bool operator==(const CryptKeys&) const = default;
};

// Slow on purpose (scrypt, ~16 MiB): results are cached per (password, salt) for the life of the
// process, keyed by a SHA-256 of both so the cache never holds a password. An empty password
// gives all-zero keys, as in rclone (the backend refuses an empty password before this).
absl::StatusOr<CryptKeys> DeriveKeys(std::string_view password, std::string_view salt);

// libsodium's one-time initialisation; every user of libsodium here calls it first.
void EnsureSodium();

}  // namespace backend::crypt

#endif  // FICHIER_BACKEND_CRYPT_KEYS_H_
