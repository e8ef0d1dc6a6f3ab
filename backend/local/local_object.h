// A regular file of the local backend. Size and mod time are what the last stat (or our own
// write) saw; the Whirlpool sum is computed on first request and kept while size and mod time
// are unchanged.
#ifndef FICHIER_BACKEND_LOCAL_LOCAL_OBJECT_H_
#define FICHIER_BACKEND_LOCAL_LOCAL_OBJECT_H_

#include <map>
#include <memory>
#include <string>

#include "absl/synchronization/mutex.h"
#include "vfs/object.h"

namespace backend::local {

class LocalFs;

class LocalObject : public vfs::Object {
 public:
  LocalObject(std::shared_ptr<LocalFs> fs, std::string remote, int64_t size, absl::Time mod_time,
              std::string whirlpool)
      : fs_(std::move(fs)),
        remote_(std::move(remote)),
        size_(size),
        mod_time_(mod_time) {
    if (!whirlpool.empty()) sums_[hash::HashType::kWhirlpool] = std::move(whirlpool);
  }

  std::string remote() const override { return remote_; }
  int64_t size() const override;
  absl::Time mod_time() const override;
  absl::StatusOr<std::string> Hash(hash::HashType type) const override;
  const vfs::Fs* fs() const override;

  absl::StatusOr<std::unique_ptr<vfs::Source>> Open(const vfs::OpenOptions& options) override;
  absl::Status Update(vfs::Source& in, const vfs::ObjectInfo& info,
                      const vfs::PutOptions& options) override;
  absl::Status Remove() override;
  absl::Status SetModTime(absl::Time t) override;

  const std::shared_ptr<LocalFs>& local_fs() const { return fs_; }
  // The file's OS path; for a link object, the symlink's (without `.rclonelink`).
  std::string os_path() const;
  // This object is a symlink seen as a `.rclonelink` file (-l/--links): reads give its target.
  void set_is_link() { is_link_ = true; }
  bool is_link() const { return is_link_; }

 private:
  std::shared_ptr<LocalFs> fs_;
  const std::string remote_;
  bool is_link_ = false;
  mutable absl::Mutex mu_;
  int64_t size_ ABSL_GUARDED_BY(mu_);
  absl::Time mod_time_ ABSL_GUARDED_BY(mu_);
  // Sums computed so far (Whirlpool from the write that made the file, others on request).
  mutable std::map<hash::HashType, std::string> sums_ ABSL_GUARDED_BY(mu_);
};

}  // namespace backend::local

#endif  // FICHIER_BACKEND_LOCAL_LOCAL_OBJECT_H_
