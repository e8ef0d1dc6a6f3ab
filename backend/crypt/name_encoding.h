// How encrypted name bytes become text (rclone's filename_encoding): base32hex in lower case
// without padding (the default, safe on case-insensitive remotes) or unpadded URL-safe base64.
// Decoding accepts what rclone accepts (base32 in either case) and fails with Go's wording.
#ifndef FICHIER_BACKEND_CRYPT_NAME_ENCODING_H_
#define FICHIER_BACKEND_CRYPT_NAME_ENCODING_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace backend::crypt {

enum class NameEncoding { kBase32, kBase64 };

// "base32" / "base64"; rclone's "base32768" and anything else are InvalidArgument.
absl::StatusOr<NameEncoding> ParseNameEncoding(std::string_view name);

std::string EncodeName(NameEncoding encoding, std::string_view bytes);
absl::StatusOr<std::string> DecodeName(NameEncoding encoding, std::string_view text);

}  // namespace backend::crypt

#endif  // FICHIER_BACKEND_CRYPT_NAME_ENCODING_H_
