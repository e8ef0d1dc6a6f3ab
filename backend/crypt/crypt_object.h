// An object of a crypt remote: the wrapped remote's object seen through the cipher (decrypted
// name and size, content decrypted on Open, encrypted on Update).
#ifndef FICHIER_BACKEND_CRYPT_CRYPT_OBJECT_H_
#define FICHIER_BACKEND_CRYPT_CRYPT_OBJECT_H_

#include <memory>
#include <string>

#include "vfs/object.h"

namespace backend::crypt {

class CryptFs;

class CryptObject : public vfs::Object {
 public:
  CryptObject(std::shared_ptr<CryptFs> fs, vfs::ObjectPtr underlying, std::string remote);

  std::string remote() const override { return remote_; }
  int64_t size() const override;
  absl::Time mod_time() const override { return underlying_->mod_time(); }
  // crypt has no hash: hash-unsupported for every type, as in rclone.
  absl::StatusOr<std::string> Hash(hash::HashType type) const override;
  const vfs::Fs* fs() const override;
  std::string id() const override { return underlying_->id(); }
  bool storable() const override { return underlying_->storable(); }

  absl::StatusOr<std::unique_ptr<vfs::Source>> Open(const vfs::OpenOptions& options) override;
  absl::Status Update(vfs::Source& in, const vfs::ObjectInfo& info,
                      const vfs::PutOptions& options) override;
  absl::Status Remove() override { return underlying_->Remove(); }
  absl::Status SetModTime(absl::Time t) override;

  // The wrapped remote's object (rclone's UnWrap).
  const vfs::ObjectPtr& underlying() const { return underlying_; }
  const std::shared_ptr<CryptFs>& crypt_fs() const { return fs_; }

 private:
  std::shared_ptr<CryptFs> fs_;
  vfs::ObjectPtr underlying_;
  std::string remote_;
};

// What the wrapped remote is told about an upload: the encrypted name and size, the source's
// mod time, no hash (the plain hash would be wrong for the encrypted bytes).
class EncryptedInfo : public vfs::ObjectInfo {
 public:
  EncryptedInfo(const vfs::ObjectInfo& plain, std::string encrypted_remote, int64_t size)
      : plain_(plain), remote_(std::move(encrypted_remote)), size_(size) {}
  std::string remote() const override { return remote_; }
  int64_t size() const override { return size_; }
  absl::Time mod_time() const override { return plain_.mod_time(); }
  absl::StatusOr<std::string> Hash(hash::HashType) const override { return std::string(); }

 private:
  const vfs::ObjectInfo& plain_;
  std::string remote_;
  int64_t size_;
};

}  // namespace backend::crypt

#endif  // FICHIER_BACKEND_CRYPT_CRYPT_OBJECT_H_
