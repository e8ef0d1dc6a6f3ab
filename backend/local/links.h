// How the local backend treats what is neither a regular file nor a directory: symlinks (rclone's
// three policies: skip with a NOTICE, follow with -L/--copy-links, translate to `.rclonelink`
// files with -l/--links) and special files (fifo, socket, device: never read, they could block or
// never end).
#ifndef FICHIER_BACKEND_LOCAL_LINKS_H_
#define FICHIER_BACKEND_LOCAL_LINKS_H_

#include <sys/stat.h>

#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace backend::local {

// rclone's suffix for a symlink stored as a file holding the link's target.
inline constexpr std::string_view kLinkSuffix = ".rclonelink";
// The longest target a `.rclonelink` file may hold (PATH_MAX): anything longer is not a link.
inline constexpr size_t kMaxLinkTarget = 4096;

// rclone's notices, word for word (rclone 1.60 local backend).
inline constexpr char kSymlinkNotice[] = "Can't follow symlink without -L/--copy-links";
inline constexpr char kSpecialNotice[] = "Can't transfer non file/directory";

// "fifo", "socket", "character device", "block device"; "" for files, dirs and links.
const char* SpecialFileKind(mode_t mode);

bool HasLinkSuffix(std::string_view remote);

// The target of the symlink at `os_path`.
absl::StatusOr<std::string> ReadLinkTarget(const std::string& os_path, std::string_view remote);

// With -L, a directory reached through symlinks may be one of its own ancestors. Stats (following
// links) the root and every directory on the way to `os_dir` (`os_dir` = `os_root` + "/" + the
// encoded relative path) and fails, naming both paths, when one is the same directory (device and
// inode) as an ancestor: listing it would never end.
absl::Status CheckNoDirectoryLoop(const std::string& os_root, const std::string& os_dir);

}  // namespace backend::local

#endif  // FICHIER_BACKEND_LOCAL_LINKS_H_
