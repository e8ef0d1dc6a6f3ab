// The content of an encrypted file, as rclone writes it: the 8-byte magic "RCLONE\0\0", a
// 24-byte random nonce, then the data in 64 KiB blocks, each sealed with NaCl secretbox
// (XSalsa20-Poly1305: 16-byte tag + data) under the data key and the nonce, which is incremented
// (little-endian) after every block. An empty file is the header alone. Block i can thus be
// decrypted on its own with nonce + i, which is what makes ranged reads cheap.
#ifndef FICHIER_BACKEND_CRYPT_DATA_FORMAT_H_
#define FICHIER_BACKEND_CRYPT_DATA_FORMAT_H_

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "vfs/source.h"

namespace backend::crypt {

inline constexpr std::string_view kFileMagic{"RCLONE\0\0", 8};
inline constexpr int64_t kNonceSize = 24;
inline constexpr int64_t kHeaderSize = 8 + kNonceSize;
inline constexpr int64_t kBlockTagSize = 16;  // secretbox overhead
inline constexpr int64_t kBlockDataSize = 64 * 1024;
inline constexpr int64_t kBlockSize = kBlockTagSize + kBlockDataSize;

using Nonce = std::array<uint8_t, kNonceSize>;
using DataKey = std::array<uint8_t, 32>;

Nonce RandomNonce();
// nonce + n, little-endian over all 24 bytes (rclone's nonce.add).
Nonce AddToNonce(const Nonce& nonce, uint64_t n);

// Size of the encrypted form of `plain_size` bytes (-1 stays -1: unknown).
int64_t EncryptedSize(int64_t plain_size);
// Size of the plain content of an encrypted file of `encrypted_size` bytes; errors for sizes no
// encrypted file can have ("file is too short to be encrypted", "file has truncated block
// header").
absl::StatusOr<int64_t> DecryptedSize(int64_t encrypted_size);

// The header, parsed: checks the magic. `subject` names the file in errors.
absl::StatusOr<Nonce> ParseHeader(std::string_view header, std::string_view subject);

// Encrypts `plain` (borrowed: it must outlive this) into the stream above, header
// first, starting with `nonce`.
class EncryptingSource : public vfs::Source {
 public:
  EncryptingSource(vfs::Source& plain, const DataKey& key, const Nonce& nonce);
  absl::StatusOr<size_t> Read(std::span<uint8_t> buffer) override;

 private:
  absl::Status FillBlock();

  vfs::Source& plain_;
  const DataKey key_;
  Nonce nonce_;
  std::vector<uint8_t> plain_block_;
  std::vector<uint8_t> out_;  // encrypted bytes not yet handed out
  size_t out_pos_ = 0;
  bool plain_done_ = false;
};

// Decrypts blocks read from `blocks` (positioned on a block boundary, header already consumed),
// the first of them sealed with `first_nonce`; drops `skip` plain bytes, then serves at most
// `limit` bytes (-1 = to the end). Authentication failures and truncated blocks are DataLoss
// errors naming `subject`: nothing of a bad block is ever handed out.
class DecryptingSource : public vfs::Source {
 public:
  DecryptingSource(std::unique_ptr<vfs::Source> blocks, const DataKey& key,
                   const Nonce& first_nonce, int64_t skip, int64_t limit, std::string subject);
  absl::StatusOr<size_t> Read(std::span<uint8_t> buffer) override;

 private:
  absl::Status NextBlock();

  std::unique_ptr<vfs::Source> blocks_;
  const DataKey key_;
  Nonce nonce_;
  int64_t skip_;
  int64_t remaining_;  // -1 = unlimited
  std::string subject_;
  std::vector<uint8_t> sealed_;
  std::vector<uint8_t> plain_;
  size_t plain_pos_ = 0;
  bool done_ = false;
};

// Reads up to buffer.size() bytes, stopping early only at the end of `source`.
absl::StatusOr<size_t> ReadFull(vfs::Source& source, std::span<uint8_t> buffer);

}  // namespace backend::crypt

#endif  // FICHIER_BACKEND_CRYPT_DATA_FORMAT_H_
