// What statfs(2) (`df`) says of a mount, as rclone's VFS answers it: the remote's About, asked
// again once --dir-cache-time has passed (About is a call to the remote), and with
// --vfs-used-is-size the bytes used counted as `fclone size` counts them (every file below the
// mounted root), for remotes whose About counts something else or nothing;
// --vfs-disk-space-total-size sets the total (and so what is free).
#ifndef FICHIER_MOUNT_DISK_USAGE_H_
#define FICHIER_MOUNT_DISK_USAGE_H_

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "mount/vfs_options.h"
#include "vfs/fs.h"

namespace mount {

class DiskUsage {
 public:
  // `fs` and `options` outlive this object.
  DiskUsage(vfs::Fs& fs, const VfsOptions& options) : fs_(fs), options_(options) {}

  // Total, used and free bytes (each unset when unknown): the last answer while it is younger
  // than --dir-cache-time, else a fresh one. A failed About is logged and leaves its numbers
  // unknown until the next try.
  vfs::Usage Get();

 private:
  vfs::Usage Ask();

  vfs::Fs& fs_;
  const VfsOptions& options_;
  absl::Mutex mu_;
  vfs::Usage usage_ ABSL_GUARDED_BY(mu_);
  absl::Time asked_ ABSL_GUARDED_BY(mu_) = absl::InfinitePast();
};

}  // namespace mount

#endif  // FICHIER_MOUNT_DISK_USAGE_H_
