#include "backend/crypt/crypt_object.h"

#include "backend/crypt/crypt_fs.h"
#include "vfs/errors.h"

namespace backend::crypt {

CryptObject::CryptObject(std::shared_ptr<CryptFs> fs, vfs::ObjectPtr underlying,
                         std::string remote)
    : fs_(std::move(fs)), underlying_(std::move(underlying)), remote_(std::move(remote)) {}

int64_t CryptObject::size() const { return fs_->PlainSize(*underlying_); }

absl::StatusOr<std::string> CryptObject::Hash(hash::HashType type) const {
  return vfs::HashUnsupported(hash::HashTypeName(type));
}

const vfs::Fs* CryptObject::fs() const { return fs_.get(); }

absl::StatusOr<std::unique_ptr<vfs::Source>> CryptObject::Open(const vfs::OpenOptions& options) {
  return fs_->DecryptOpen(*underlying_, remote_, options, size());
}

absl::Status CryptObject::Update(vfs::Source& in, const vfs::ObjectInfo& info,
                                 const vfs::PutOptions& options) {
  std::unique_ptr<vfs::Source> stream = fs_->EncryptStream(in, RandomNonce());
  int64_t size = fs_->options().no_data_encryption ? info.size() : EncryptedSize(info.size());
  EncryptedInfo encrypted_info(info, underlying_->remote(), size);
  (void)options;  // no mime type: it would tell what the file is
  return underlying_->Update(*stream, encrypted_info, vfs::PutOptions{});
}

absl::Status CryptObject::SetModTime(absl::Time t) {
  absl::Status st = underlying_->SetModTime(t);
  if (vfs::IsCantSetModTime(st)) return vfs::CantSetModTime(remote_);
  return st;
}

}  // namespace backend::crypt
