// The crypt backend: a remote that stores another remote's files encrypted, byte-compatible with
// rclone 1.60's crypt (names: name_cipher.h, content: data_format.h). Every call maps onto the
// wrapped Fs with encrypted paths; listings are decrypted on the way back (names that do not
// decrypt are skipped with a NOTICE, as rclone does) and sizes reported decrypted. It has no
// hash of its own: cryptcheck compares the wrapped remote's hashes instead (ComputeHash).
#ifndef FICHIER_BACKEND_CRYPT_CRYPT_FS_H_
#define FICHIER_BACKEND_CRYPT_CRYPT_FS_H_

#include <memory>
#include <string>

#include "backend/crypt/data_format.h"
#include "backend/crypt/keys.h"
#include "backend/crypt/name_cipher.h"
#include "vfs/encrypting_fs.h"
#include "vfs/fs.h"
#include "vfs/registry.h"

namespace backend::crypt {

class CryptObject;

struct CryptOptions {
  NameCipherOptions names;
  bool no_data_encryption = false;
  bool server_side_across_configs = false;
  bool show_mapping = false;
};

class CryptFs : public vfs::BasicFs,
                public vfs::EncryptingFs,
                public std::enable_shared_from_this<CryptFs> {
 public:
  // The registry's factory (options as in crypt_backend.cc).
  static absl::StatusOr<vfs::NewFsResult> NewFs(const vfs::FsParams& params);
  static std::shared_ptr<CryptFs> Create(std::string name, std::string root, vfs::FsPtr wrapped,
                                         const CryptKeys& keys, CryptOptions options);

  std::string ToString() const override;

  absl::StatusOr<vfs::DirEntries> List(std::string_view dir) override;
  absl::StatusOr<vfs::ObjectPtr> NewObject(std::string_view remote) override;
  absl::StatusOr<vfs::ObjectPtr> Put(vfs::Source& in, const vfs::ObjectInfo& info,
                                     const vfs::PutOptions& options) override;
  absl::Status Mkdir(std::string_view dir) override;
  absl::Status Rmdir(std::string_view dir) override;

  absl::StatusOr<vfs::ObjectPtr> PutUnchecked(vfs::Source& in, const vfs::ObjectInfo& info,
                                              const vfs::PutOptions& options) override;
  absl::StatusOr<vfs::ObjectPtr> Copy(const vfs::Object& src, std::string_view remote) override;
  absl::StatusOr<vfs::ObjectPtr> Move(const vfs::Object& src, std::string_view remote) override;
  absl::Status DirMove(vfs::Fs& src_fs, std::string_view src_remote,
                       std::string_view dst_remote) override;
  absl::Status Purge(std::string_view dir) override;
  absl::StatusOr<vfs::Usage> About() override;
  absl::Status ListR(std::string_view dir, const vfs::ListRCallback& callback) override;
  void ExpireListing(std::string_view dir) override;

  // vfs::EncryptingFs.
  const vfs::FsPtr& wrapped() const override { return wrapped_; }
  absl::StatusOr<std::string> EncryptFileName(std::string_view path) const override {
    return names_.EncryptFileName(path);
  }
  absl::StatusOr<std::string> DecryptFileName(std::string_view path) const override {
    return names_.DecryptFileName(path);
  }
  vfs::ObjectPtr StoredObject(vfs::Object& object) const override;
  absl::StatusOr<std::string> ComputeHash(vfs::Object& dst, vfs::Object& src,
                                          hash::HashType type) override;

  const NameCipher& names() const { return names_; }
  const CryptOptions& options() const { return options_; }

  // The wrapped remote's `type` hash of `src` as it would be stored encrypted with `dst`'s
  // nonce: equal to dst's underlying hash when dst holds src's content (rclone's ComputeHash).
  absl::StatusOr<std::string> ComputeHash(const CryptObject& dst, vfs::Object& src,
                                          hash::HashType type);

  // Content transforms shared with CryptObject.
  std::unique_ptr<vfs::Source> EncryptStream(vfs::Source& plain, const Nonce& nonce) const;
  absl::StatusOr<std::unique_ptr<vfs::Source>> DecryptOpen(vfs::Object& underlying,
                                                           const std::string& subject,
                                                           const vfs::OpenOptions& options,
                                                           int64_t plain_size) const;
  int64_t PlainSize(const vfs::Object& underlying) const;

  // Wraps an object of the wrapped Fs whose decrypted remote is `remote`.
  vfs::ObjectPtr Wrap(vfs::ObjectPtr underlying, std::string remote);

 private:
  CryptFs(std::string name, std::string root, vfs::FsPtr wrapped, const CryptKeys& keys,
          CryptOptions options);

  enum class PutMode { kChecked, kUnchecked };
  absl::StatusOr<vfs::ObjectPtr> Upload(vfs::Source& in, const vfs::ObjectInfo& info,
                                       const vfs::PutOptions& options, PutMode mode);
  // The decrypted form of one listed entry, or nullopt (logged) when its name does not decrypt.
  std::optional<vfs::DirEntry> DecryptEntry(const vfs::DirEntry& entry, std::string_view dir);
  // The src object of a compatible crypt remote (same keys and names), or nullptr.
  const CryptObject* SameCipherSource(const vfs::Object& src) const;
  // Copy or Move of `src` inside the wrapped remote, when it encrypts as this one does.
  absl::StatusOr<vfs::ObjectPtr> ServerSide(const vfs::Object& src, std::string_view remote,
                                            bool move);

  const vfs::FsPtr wrapped_;
  const CryptKeys keys_;
  const NameCipher names_;
  const CryptOptions options_;
};

vfs::BackendInfo CryptBackendInfo();
// Registers "crypt" in the global registry (idempotent); the static registrar does it too.
void Register();

}  // namespace backend::crypt

#endif  // FICHIER_BACKEND_CRYPT_CRYPT_FS_H_
