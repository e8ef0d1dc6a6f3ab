// A file on 1fichier. Its identity is its URL (which survives moves and renames); size, upload
// date (the only time the service keeps) and Whirlpool come from listings or from the upload's
// verified report, so reading them costs no call.
#ifndef FICHIER_BACKEND_FICHIER_FICHIER_OBJECT_H_
#define FICHIER_BACKEND_FICHIER_FICHIER_OBJECT_H_

#include <memory>
#include <optional>
#include <string>

#include "absl/synchronization/mutex.h"
#include "backend/fichier/api_types.h"
#include "backend/fichier/folder_cache.h"
#include "vfs/object.h"

namespace backend::fichier {

class FichierFs;

class FichierObject : public vfs::Object {
 public:
  FichierObject(std::shared_ptr<FichierFs> fs, std::string remote, int64_t folder_id,
                CachedFile file);

  std::string remote() const override { return remote_; }
  int64_t size() const override;
  absl::Time mod_time() const override;
  absl::StatusOr<std::string> Hash(hash::HashType type) const override;
  std::string mime_type() const override;
  const vfs::Fs* fs() const override;
  std::string id() const override { return url(); }

  absl::StatusOr<std::unique_ptr<vfs::Source>> Open(const vfs::OpenOptions& options = {}) override;
  absl::Status Update(vfs::Source& in, const vfs::ObjectInfo& info,
                      const vfs::PutOptions& options = {}) override;
  absl::Status Remove() override;

  std::string url() const;
  int64_t folder_id() const;
  CachedFile file() const;
  FichierFs& owner() const { return *fs_; }

 private:
  // GETs `range` (or all) of the file at `file_url` through the account's multi-use token for
  // it, renewing the token once when its URL is refused (expired or revoked).
  absl::StatusOr<Download> OpenBytes(const std::string& file_url,
                                     const std::optional<rest::ByteRange>& range);

  std::shared_ptr<FichierFs> fs_;
  mutable absl::Mutex mu_;
  const std::string remote_;
  int64_t folder_id_ ABSL_GUARDED_BY(mu_);
  CachedFile file_ ABSL_GUARDED_BY(mu_);
};

}  // namespace backend::fichier

#endif  // FICHIER_BACKEND_FICHIER_FICHIER_OBJECT_H_
