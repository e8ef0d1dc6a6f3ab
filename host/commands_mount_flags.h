// The VFS flags `fclone mount` and `fclone serve http` share (rclone's vfscommon options), and
// the making of the VFS from them.
#ifndef FICHIER_HOST_COMMANDS_MOUNT_FLAGS_H_
#define FICHIER_HOST_COMMANDS_MOUNT_FLAGS_H_

#include <functional>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "host/command.h"
#include "host/flags.h"
#include "host/flags_accepted.h"
#include "mount/vfs.h"
#include "mount/vfs_options.h"

namespace fclone {

struct VfsFlags {
  mount::VfsOptions options;
  std::string cache_mode = "off";
  std::string umask = "022";
  int64_t uid = -1;  // -1: the user running fclone
  int64_t gid = -1;
  std::string dir_perms = "0777";
  std::string file_perms = "0666";
  AcceptedFlagValues accepted;
};

void AddVfsFlags(FlagSet& f, VfsFlags& x);

// The VFS over `fs` with these flags; its cache folder is <cache dir>/vfs/<name>/<root>.
absl::StatusOr<std::unique_ptr<mount::Vfs>> MakeVfs(const vfs::FsPtr& fs, const VfsFlags& x);

// Runs `serve` (mount's FUSE loop, the HTTP server) until it returns; a stop signal on the way
// calls `stop` (from another thread), after which `serve` is expected to return soon.
absl::Status ServeUntilStopped(const std::function<absl::Status()>& serve,
                               const std::function<void()>& stop);

}  // namespace fclone

#endif  // FICHIER_HOST_COMMANDS_MOUNT_FLAGS_H_
