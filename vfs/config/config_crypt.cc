#include "vfs/config/config_crypt.h"

#include <sodium.h>

#include <cstdlib>
#include <cstring>
#include <string>

#include "absl/strings/str_cat.h"
#include "base/string_views.h"
#include "base/utf8.h"

namespace vfs {
namespace {

constexpr std::string_view kHeader = "# Encrypted rclone configuration File\n\n";
constexpr std::string_view kMarker = "RCLONE_ENCRYPT_V0:";

void InitSodium() {
  static const bool ok = sodium_init() >= 0;
  if (!ok) std::abort();  // no usable random source: nothing safe to do
}

// The first line that is neither blank nor a comment (`#` or `;`), trimmed of spaces as rclone
// trims it before looking for the marker, and where the text after it starts.
std::string_view FirstDataLine(std::string_view text, size_t* rest) {
  size_t pos = 0;
  if (text.starts_with("\xEF\xBB\xBF")) pos = 3;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    const size_t first = line.find_first_not_of(" \t\r\v\f");
    line = first == std::string_view::npos ? std::string_view() : line.substr(first);
    while (!line.empty() &&
           std::string_view(" \t\r\v\f").find(line.back()) != std::string_view::npos) {
      line.remove_suffix(1);
    }
    size_t next = end < text.size() ? end + 1 : end;
    if (!line.empty() && line[0] != '#' && line[0] != ';') {
      *rest = next;
      return line;
    }
    pos = next;
  }
  *rest = text.size();
  return {};
}

}  // namespace

bool IsEncryptedConfig(std::string_view text) {
  size_t rest = 0;
  return FirstDataLine(text, &rest).starts_with("RCLONE_ENCRYPT_V");
}

absl::Status CheckConfigPassword(std::string_view password) {
  if (!base::utf8::IsValid(password)) {
    return absl::InvalidArgumentError("password contains invalid utf8 characters");
  }
  if (password.find_first_not_of(" \t\r\n\v\f") == std::string_view::npos) {
    return absl::InvalidArgumentError("no characters in password");
  }
  return absl::OkStatus();
}

ConfigKey ConfigKeyFromPassword(std::string_view password) {
  std::string salted = absl::StrCat("[", base::ToAbsl(password), "][rclone-config]");
  ConfigKey key;
  crypto_hash_sha256(key.data(), reinterpret_cast<const unsigned char*>(salted.data()),
                     salted.size());
  sodium_memzero(salted.data(), salted.size());
  return key;
}

absl::StatusOr<std::string> DecryptConfig(std::string_view text, const ConfigKey& key) {
  InitSodium();
  size_t rest = 0;
  std::string_view marker = FirstDataLine(text, &rest);
  if (marker != kMarker) {
    return absl::FailedPreconditionError(
        "unsupported configuration encryption - update rclone for support");
  }
  std::string body;
  for (char c : text.substr(rest)) {
    if (c != '\n' && c != '\r' && c != ' ' && c != '\t') body.push_back(c);
  }
  std::string box(body.size(), '\0');
  size_t box_len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(box.data()), box.size(), body.data(),
                        body.size(), nullptr, &box_len, nullptr,
                        sodium_base64_VARIANT_ORIGINAL) != 0) {
    return absl::DataLossError("failed to load base64 encoded data");
  }
  if (box_len < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) {
    return absl::DataLossError("configuration data too short");
  }
  const auto* nonce = reinterpret_cast<const unsigned char*>(box.data());
  const unsigned char* sealed = nonce + crypto_secretbox_NONCEBYTES;
  size_t sealed_len = box_len - crypto_secretbox_NONCEBYTES;
  std::string plain(sealed_len - crypto_secretbox_MACBYTES, '\0');
  if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plain.data()), sealed, sealed_len,
                                 nonce, key.data()) != 0) {
    return absl::PermissionDeniedError(
        "couldn't decrypt configuration, most likely wrong password");
  }
  return plain;
}

std::string EncryptConfig(std::string_view plain, const ConfigKey& key) {
  InitSodium();
  std::string box(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + plain.size(), '\0');
  auto* nonce = reinterpret_cast<unsigned char*>(box.data());
  randombytes_buf(nonce, crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy(nonce + crypto_secretbox_NONCEBYTES,
                        reinterpret_cast<const unsigned char*>(plain.data()), plain.size(), nonce,
                        key.data());
  std::string b64(sodium_base64_ENCODED_LEN(box.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(b64.data(), b64.size(), reinterpret_cast<const unsigned char*>(box.data()),
                    box.size(), sodium_base64_VARIANT_ORIGINAL);
  b64.resize(b64.size() - 1);  // the terminating NUL
  // As rclone writes it: no line break after the body.
  return absl::StrCat(base::ToAbsl(kHeader), base::ToAbsl(kMarker), "\n", b64);
}

absl::StatusOr<std::string> RandomPassword(int bits) {
  if (bits < 64 || bits > 1024) {
    return absl::InvalidArgumentError("password strength must be between 64 and 1024 bits");
  }
  InitSodium();
  std::string bytes((static_cast<size_t>(bits) + 7) / 8, '\0');
  randombytes_buf(bytes.data(), bytes.size());
  std::string b64(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING),
                  '\0');
  sodium_bin2base64(b64.data(), b64.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  b64.resize(std::strlen(b64.c_str()));
  return b64;
}

bool IsWrongConfigPassword(const absl::Status& status) {
  return status.code() == absl::StatusCode::kPermissionDenied;
}

}  // namespace vfs
