#include "backend/crypt/data_format.h"

#include <sodium.h>

#include <algorithm>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "backend/crypt/keys.h"
#include "base/string_views.h"

namespace backend::crypt {
namespace {

absl::Status Corrupt(std::string_view subject, std::string_view why) {
  return absl::DataLossError(absl::StrCat(base::ToAbsl(subject), ": ", base::ToAbsl(why)));
}

}  // namespace

Nonce RandomNonce() {
  EnsureSodium();
  Nonce nonce;
  randombytes_buf(nonce.data(), nonce.size());
  return nonce;
}

Nonce AddToNonce(const Nonce& nonce, uint64_t n) {
  Nonce out = nonce;
  unsigned carry = 0;
  for (size_t i = 0; i < out.size(); ++i) {
    unsigned sum = out[i] + static_cast<unsigned>(n & 0xff) + carry;
    out[i] = static_cast<uint8_t>(sum);
    carry = sum >> 8;
    n >>= 8;
    if (n == 0 && carry == 0) break;
  }
  return out;
}

int64_t EncryptedSize(int64_t plain_size) {
  if (plain_size < 0) return -1;
  int64_t blocks = (plain_size + kBlockDataSize - 1) / kBlockDataSize;
  return kHeaderSize + blocks * kBlockTagSize + plain_size;
}

absl::StatusOr<int64_t> DecryptedSize(int64_t encrypted_size) {
  int64_t size = encrypted_size - kHeaderSize;
  if (size < 0) return absl::DataLossError("file is too short to be encrypted");
  int64_t blocks = size / kBlockSize;
  int64_t residue = size % kBlockSize;
  if (residue != 0) {
    residue -= kBlockTagSize;
    if (residue <= 0) return absl::DataLossError("file has truncated block header");
  }
  return blocks * kBlockDataSize + residue;
}

absl::StatusOr<Nonce> ParseHeader(std::string_view header, std::string_view subject) {
  if (header.size() < static_cast<size_t>(kHeaderSize)) {
    return Corrupt(subject, "file is too short to be encrypted");
  }
  if (header.substr(0, kFileMagic.size()) != kFileMagic) {
    return Corrupt(subject, "not an encrypted file - bad magic string");
  }
  Nonce nonce;
  std::memcpy(nonce.data(), header.data() + kFileMagic.size(), nonce.size());
  return nonce;
}

absl::StatusOr<size_t> ReadFull(vfs::Source& source, std::span<uint8_t> buffer) {
  size_t filled = 0;
  while (filled < buffer.size()) {
    absl::StatusOr<size_t> n = source.Read(buffer.subspan(filled));
    if (!n.ok()) return n.status();
    if (*n == 0) break;
    filled += *n;
  }
  return filled;
}

EncryptingSource::EncryptingSource(vfs::Source& plain, const DataKey& key, const Nonce& nonce)
    : plain_(plain), key_(key), nonce_(nonce), plain_block_(kBlockDataSize) {
  EnsureSodium();
  out_.assign(kFileMagic.begin(), kFileMagic.end());
  out_.insert(out_.end(), nonce.begin(), nonce.end());
}

absl::Status EncryptingSource::FillBlock() {
  absl::StatusOr<size_t> n = ReadFull(plain_, plain_block_);
  if (!n.ok()) return n.status();
  if (*n < plain_block_.size()) plain_done_ = true;
  out_.clear();
  out_pos_ = 0;
  if (*n == 0) return absl::OkStatus();
  out_.resize(*n + kBlockTagSize);
  crypto_secretbox_easy(out_.data(), plain_block_.data(), *n, nonce_.data(), key_.data());
  nonce_ = AddToNonce(nonce_, 1);
  return absl::OkStatus();
}

absl::StatusOr<size_t> EncryptingSource::Read(std::span<uint8_t> buffer) {
  if (buffer.empty()) return 0;
  if (out_pos_ == out_.size()) {
    if (plain_done_) return 0;
    absl::Status st = FillBlock();
    if (!st.ok()) return st;
    if (out_.empty()) return 0;
  }
  size_t n = std::min(buffer.size(), out_.size() - out_pos_);
  std::memcpy(buffer.data(), out_.data() + out_pos_, n);
  out_pos_ += n;
  return n;
}

DecryptingSource::DecryptingSource(std::unique_ptr<vfs::Source> blocks, const DataKey& key,
                                   const Nonce& first_nonce, int64_t skip, int64_t limit,
                                   std::string subject)
    : blocks_(std::move(blocks)),
      key_(key),
      nonce_(first_nonce),
      skip_(skip),
      remaining_(limit),
      subject_(std::move(subject)),
      sealed_(kBlockSize) {
  EnsureSodium();
}

absl::Status DecryptingSource::NextBlock() {
  absl::StatusOr<size_t> n = ReadFull(*blocks_, sealed_);
  if (!n.ok()) return n.status();
  plain_.clear();
  plain_pos_ = 0;
  if (*n == 0) {
    done_ = true;
    return absl::OkStatus();
  }
  if (*n <= static_cast<size_t>(kBlockTagSize)) {
    return Corrupt(subject_, "file has truncated block header");
  }
  plain_.resize(*n - kBlockTagSize);
  if (crypto_secretbox_open_easy(plain_.data(), sealed_.data(), *n, nonce_.data(),
                                 key_.data()) != 0) {
    plain_.clear();
    return Corrupt(subject_, "failed to authenticate decrypted block - bad password?");
  }
  nonce_ = AddToNonce(nonce_, 1);
  if (skip_ > 0) {
    plain_pos_ = static_cast<size_t>(std::min<int64_t>(skip_, plain_.size()));
    skip_ -= plain_pos_;
  }
  return absl::OkStatus();
}

absl::StatusOr<size_t> DecryptingSource::Read(std::span<uint8_t> buffer) {
  if (buffer.empty() || remaining_ == 0) return 0;
  while (plain_pos_ == plain_.size()) {
    if (done_) return 0;
    absl::Status st = NextBlock();
    if (!st.ok()) return st;
  }
  size_t n = std::min(buffer.size(), plain_.size() - plain_pos_);
  if (remaining_ > 0) n = static_cast<size_t>(std::min<int64_t>(n, remaining_));
  std::memcpy(buffer.data(), plain_.data() + plain_pos_, n);
  plain_pos_ += n;
  if (remaining_ > 0) remaining_ -= static_cast<int64_t>(n);
  return n;
}

}  // namespace backend::crypt
