// The VFS over any Fs that `fclone mount` and `fclone serve http` share: paths in, POSIX-like
// answers out (no FUSE here). Attributes and listings come from the DirCache; reads of a file
// go through a ChunkedReader, the cached copy, or (--vfs-cache-mode full) a SparseReader that
// keeps what it reads in the cache; writes through the WriteCache
// (--vfs-cache-mode writes/full) or a StreamWriter (off/minimal); mkdir, rmdir, unlink and
// rename map to the Fs (rename is a server-side Move/DirMove) and update the cache at once.
#ifndef FICHIER_MOUNT_VFS_H_
#define FICHIER_MOUNT_VFS_H_

#include <cstdint>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "mount/dir_cache.h"
#include "mount/disk_usage.h"
#include "mount/vfs_options.h"
#include "vfs/fs.h"

namespace mount {

class ChunkedReader;
class StreamWriter;
class WriteCache;

struct Attr {
  bool is_dir = false;
  int64_t size = 0;
  absl::Time mod_time = absl::UnixEpoch();
};

using Handle = uint64_t;

class Vfs {
 public:
  // `cache_root`: where this remote's cache files go (used with --vfs-cache-mode writes/full).
  static absl::StatusOr<std::unique_ptr<Vfs>> Create(vfs::FsPtr fs, VfsOptions options,
                                                     std::string cache_root);
  ~Vfs();

  const VfsOptions& options() const { return options_; }
  vfs::Fs& fs() { return *fs_; }

  // Paths are relative to the root, clean ("" = root). Not found: an ObjectNotFound status.
  absl::StatusOr<Attr> Stat(std::string_view path);
  absl::StatusOr<std::vector<std::pair<std::string, Attr>>> ReadDir(std::string_view dir);
  // The remote object behind a file (null for one not uploaded yet).
  absl::StatusOr<vfs::ObjectPtr> Object(std::string_view path);

  // `flags`: O_RDONLY / O_WRONLY / O_RDWR, with O_TRUNC / O_APPEND; `create` for a new file.
  absl::StatusOr<Handle> Open(std::string_view path, int flags, bool create = false);
  absl::StatusOr<size_t> Read(Handle h, int64_t offset, std::span<uint8_t> out);
  absl::StatusOr<size_t> Write(Handle h, int64_t offset, std::span<const uint8_t> data);
  absl::Status Truncate(std::string_view path, int64_t size, Handle h = 0);
  // Ends the handle: a stream upload finishes here (its error is the answer), a cached file is
  // scheduled for upload.
  absl::Status Release(Handle h);
  // close(2) of one descriptor of the handle: an uncached write is uploaded now (its error is
  // the answer); nothing to do for the others.
  absl::Status Flush(Handle h);

  absl::Status Mkdir(std::string_view path);
  absl::Status Rmdir(std::string_view path);
  absl::Status Unlink(std::string_view path);
  absl::Status Rename(std::string_view from, std::string_view to);

  // Uploads what is pending and waits; the files that could not be uploaded (kept in cache).
  std::vector<std::string> Flush();
  // Every directory is listed again at its next use (rclone's mount does this on SIGHUP).
  void ForgetDirectoryCache();
  // The remote's size and free space, for statfs (see DiskUsage).
  vfs::Usage Statfs() { return usage_.Get(); }

 private:
  struct OpenFile;
  Vfs(vfs::FsPtr fs, VfsOptions options, std::string spool_dir);
  std::shared_ptr<OpenFile> Find(Handle h);
  // Full mode: reads of `file` through its sparse copy; false when it can't have one now.
  bool OpenSparse(OpenFile& file, const vfs::ObjectPtr& object);
  void Grow(std::string_view path, int64_t size);
  absl::Status FinishUpload(OpenFile& file);

  const std::string spool_dir_;
  const vfs::FsPtr fs_;
  const VfsOptions options_;
  DirCache dirs_;
  DiskUsage usage_;
  std::unique_ptr<WriteCache> cache_;  // null with --vfs-cache-mode off
  absl::Mutex mu_;
  std::map<Handle, std::shared_ptr<OpenFile>> open_ ABSL_GUARDED_BY(mu_);
  Handle next_ ABSL_GUARDED_BY(mu_) = 1;
};

// errno for a status of the layers below (ENOENT, EEXIST, ENOTEMPTY, EROFS, EIO...).
int ErrnoFor(const absl::Status& status);
// `status`, answered to the kernel as `err` (ErrnoFor reads it back).
absl::Status WithErrno(absl::Status status, int err);

}  // namespace mount

#endif  // FICHIER_MOUNT_VFS_H_
