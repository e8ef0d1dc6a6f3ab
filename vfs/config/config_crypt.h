// rclone's encrypted configuration files (`rclone config` -> `s) Set configuration password`),
// format checked against rclone 1.60:
//   # Encrypted rclone configuration File
//   <blank line>
//   RCLONE_ENCRYPT_V0:
//   base64 (standard alphabet, padded) of a 24-byte nonce followed by NaCl secretbox
//   (XSalsa20-Poly1305) of the plain rclone.conf text; the key is
//   SHA-256("[" + password + "][rclone-config]").
// The crypto is libsodium's; this file only frames it.
#ifndef FICHIER_VFS_CONFIG_CONFIG_CRYPT_H_
#define FICHIER_VFS_CONFIG_CONFIG_CRYPT_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace vfs {

// The secretbox key derived from a configuration password.
using ConfigKey = std::array<uint8_t, 32>;

// Whether `text` (a whole config file) is an encrypted one: its first line that is neither
// blank nor a `#`/`;` comment starts, after leading spaces, with "RCLONE_ENCRYPT_V" (rclone's
// rule, so a file rclone would refuse as encrypted is never read as plain text).
bool IsEncryptedConfig(std::string_view text);

// rclone's checks on a new or given password: valid UTF-8 and not empty or only spaces
// (InvalidArgument otherwise; the message never quotes the password).
absl::Status CheckConfigPassword(std::string_view password);

ConfigKey ConfigKeyFromPassword(std::string_view password);

// The plain text of an encrypted file. Errors (never quoting the text): FailedPrecondition for
// another format version; DataLoss for a truncated or malformed body; PermissionDenied when the
// key does not open it (wrong password, or a tampered file: secretbox cannot tell them apart).
absl::StatusOr<std::string> DecryptConfig(std::string_view text, const ConfigKey& key);

// The whole encrypted file for `plain`, with a fresh random nonce.
std::string EncryptConfig(std::string_view plain, const ConfigKey& key);

// rclone's generated passwords (the wizard's "g) Generate random password"): `bits` random bits
// (rounded up to bytes) as unpadded URL-safe base64. InvalidArgument outside 64..1024.
absl::StatusOr<std::string> RandomPassword(int bits);

// Whether a status from DecryptConfig means "wrong password" (try another one).
bool IsWrongConfigPassword(const absl::Status& status);

}  // namespace vfs

#endif  // FICHIER_VFS_CONFIG_CONFIG_CRYPT_H_
