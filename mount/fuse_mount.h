// The VFS on a FUSE3 mountpoint, through libfuse3's high-level (path-based) API: the VFS and
// every Fs are path-based, so the path API maps one to one and needs no inode table of ours;
// the kernel-side caching it lacks is set from --attr-timeout. Requests are served by
// libfuse's multi-threaded loop, so several files (and several readers of one) go at once.
#ifndef FICHIER_MOUNT_FUSE_MOUNT_H_
#define FICHIER_MOUNT_FUSE_MOUNT_H_

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "mount/vfs.h"

struct fuse;

namespace mount {

struct FuseOptions {
  std::string mountpoint;
  std::string fs_name;  // shown in /proc/mounts ("remote:path")
  bool allow_other = false;
  bool allow_non_empty = false;
  bool debug = false;  // libfuse's request trace on stderr
  // rclone's FUSE flags: allow_root, default_permissions (the kernel checks modes), the
  // kernel's write-back cache, async reads, the kernel's read-ahead (rclone's default is
  // 128 KiB; fclone keeps the 1 MiB it was measured with),
  // `-o` options and raw libfuse arguments (--fuse-flag).
  bool allow_root = false;
  bool default_permissions = false;
  bool write_back_cache = false;
  bool async_read = true;
  int64_t max_read_ahead = 1 << 20;
  std::vector<std::string> options;
  std::vector<std::string> fuse_flags;
};

// What the FUSE callbacks reach through fuse_get_context()->private_data.
struct FuseContext {
  Vfs* vfs;
  FuseOptions options;
};

// A clear error when the mountpoint is missing, not a directory, or not empty (unless
// allowed), or when /dev/fuse cannot be opened.
absl::Status CheckMountpoint(const FuseOptions& options);

class FuseMount {
 public:
  // Mounts: once this returns, the mountpoint shows the VFS.
  static absl::StatusOr<std::unique_ptr<FuseMount>> Mount(Vfs* vfs, const FuseOptions& options);
  ~FuseMount();  // unmounts if still mounted

  // Serves requests until the mountpoint is unmounted (fusermount3 -u, umount, or Unmount).
  absl::Status Serve();
  // Asks for the unmount from another thread (a stop signal); Serve returns soon after.
  void Unmount();

 private:
  FuseMount() = default;
  std::unique_ptr<FuseContext> context_;
  ::fuse* fuse_ = nullptr;
  std::string mountpoint_;
  bool mounted_ = false;
  std::atomic<bool> serving_{false};  // Unmount is a no-op once the loop ended
};

}  // namespace mount

#endif  // FICHIER_MOUNT_FUSE_MOUNT_H_
