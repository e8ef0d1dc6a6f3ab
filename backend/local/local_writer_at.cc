// LocalFs::OpenWriterAt: a temporary file written with pwrite from several threads, read back
// with pread for the hash check, renamed into place on Commit (the temp/rename of WriteFile).
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "absl/strings/str_cat.h"
#include "backend/local/local_fs.h"
#include "backend/local/os_error.h"
#include "vfs/errors.h"
#include "vfs/path.h"

namespace backend::local {
namespace {

class LocalWriterAt : public vfs::WriterAt {
 public:
  LocalWriterAt(std::shared_ptr<LocalFs> fs, LocalFs::TempFile temp, std::string os_path,
                std::string remote, absl::Time mod_time)
      : fs_(std::move(fs)),
        temp_(std::move(temp)),
        os_path_(std::move(os_path)),
        remote_(std::move(remote)),
        mod_time_(mod_time) {}
  ~LocalWriterAt() override { LocalFs::DropTemp(temp_); }
  LocalWriterAt(const LocalWriterAt&) = delete;
  LocalWriterAt& operator=(const LocalWriterAt&) = delete;

  absl::Status WriteAt(int64_t offset, std::span<const uint8_t> bytes) override {
    while (!bytes.empty()) {
      ssize_t n = ::pwrite(temp_.fd, bytes.data(), bytes.size(), static_cast<off_t>(offset));
      if (n < 0) {
        if (errno == EINTR) continue;
        return OsError(errno, "write", temp_.path, remote_);
      }
      bytes = bytes.subspan(static_cast<size_t>(n));
      offset += n;
    }
    return absl::OkStatus();
  }

  absl::StatusOr<size_t> ReadAt(int64_t offset, std::span<uint8_t> bytes) override {
    while (true) {
      ssize_t n = ::pread(temp_.fd, bytes.data(), bytes.size(), static_cast<off_t>(offset));
      if (n >= 0) return static_cast<size_t>(n);
      if (errno != EINTR) return OsError(errno, "read", temp_.path, remote_);
    }
  }

  absl::StatusOr<vfs::ObjectPtr> Commit() override {
    absl::Status finished = fs_->FinishTemp(temp_, mod_time_, os_path_, remote_);
    if (!finished.ok()) return finished;
    return fs_->NewObject(remote_);
  }

 private:
  const std::shared_ptr<LocalFs> fs_;
  LocalFs::TempFile temp_;
  const std::string os_path_;
  const std::string remote_;
  const absl::Time mod_time_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<vfs::WriterAt>> LocalFs::OpenWriterAt(const vfs::ObjectInfo& info) {
  absl::StatusOr<WriteTarget> target = TargetOf(info, "OpenWriterAt");
  if (!target.ok()) return target.status();
  // A `.rclonelink` file becomes a symlink: only Put makes those.
  if (target->link) return vfs::NotImplemented("OpenWriterAt of a link");
  std::string* remote = &target->remote;
  std::string* os_path = &target->os_path;
  struct stat st;
  if (::stat(os_path->c_str(), &st) == 0 && S_ISDIR(st.st_mode)) return vfs::IsDirError(*remote);
  absl::StatusOr<TempFile> temp = CreateTemp(*os_path, *remote);
  if (!temp.ok()) return temp.status();
  // The full size up front: ranges land anywhere, and a full disk shows before the download.
  if (info.size() > 0) {
    int err = ::posix_fallocate(temp->fd, 0, static_cast<off_t>(info.size()));
    if (err != 0 && err != EOPNOTSUPP && err != EINVAL) {
      DropTemp(*temp);
      return OsError(err, "allocate", *os_path, *remote);
    }
  }
  return std::unique_ptr<vfs::WriterAt>(std::make_unique<LocalWriterAt>(
      shared_from_this(), *std::move(temp), *std::move(os_path), *std::move(remote),
      info.mod_time()));
}

}  // namespace backend::local
