// File and directory names of a crypt remote, as rclone 1.60 writes them: each path segment
// encrypted on its own (standard: PKCS#7 padding, EME under the name key and tweak, then
// base32hex or base64 text; obfuscate: a keyed rotation), directory segments left alone when
// directory_name_encryption is false, and with filename_encryption "off" only a suffix added
// to file names.
#ifndef FICHIER_BACKEND_CRYPT_NAME_CIPHER_H_
#define FICHIER_BACKEND_CRYPT_NAME_CIPHER_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "backend/crypt/keys.h"
#include "backend/crypt/name_encoding.h"

namespace backend::crypt {

enum class NameMode { kStandard, kObfuscate, kOff };

// "standard" / "obfuscate" / "off" (case-insensitive, as rclone).
absl::StatusOr<NameMode> ParseNameMode(std::string_view name);

struct NameCipherOptions {
  NameMode mode = NameMode::kStandard;
  bool encrypt_dir_names = true;
  NameEncoding encoding = NameEncoding::kBase32;
  std::string suffix = ".bin";  // kOff only
};

// rclone cannot decrypt a standard segment longer than this once decoded (EME's 128 blocks).
inline constexpr size_t kMaxEncryptedSegmentBytes = 2048;

class NameCipher {
 public:
  NameCipher(const CryptKeys& keys, NameCipherOptions options)
      : keys_(keys), options_(std::move(options)) {}

  const NameCipherOptions& options() const { return options_; }

  // Whole relative paths ("a/b/c"). Encryption fails only for a segment too long to encrypt
  // (FileNameTooLong naming the plain segment's length, never the key).
  absl::StatusOr<std::string> EncryptFileName(std::string_view path) const;
  absl::StatusOr<std::string> EncryptDirName(std::string_view path) const;
  // Decryption errors carry rclone's text ("illegal base32 data at input byte 4", "not a
  // multiple of blocksize", "Bad PKCS#7 padding - ...").
  absl::StatusOr<std::string> DecryptFileName(std::string_view path) const;
  absl::StatusOr<std::string> DecryptDirName(std::string_view path) const;

 private:
  absl::StatusOr<std::string> EncryptSegment(std::string_view plain) const;
  absl::StatusOr<std::string> DecryptSegment(std::string_view text) const;
  // Every segment (when encrypt_dir_names) or only the last.
  absl::StatusOr<std::string> TransformPath(std::string_view path, bool encrypt) const;
  absl::StatusOr<std::string> EncryptPath(std::string_view path) const;
  absl::StatusOr<std::string> DecryptPath(std::string_view path) const;

  CryptKeys keys_;
  NameCipherOptions options_;
};

}  // namespace backend::crypt

#endif  // FICHIER_BACKEND_CRYPT_NAME_CIPHER_H_
