// Where rclone.conf is, found the way rclone 1.60 finds it (spec/rclone-conventions.md §5.1), so a
// user's existing rclone setup works unchanged.
#ifndef FICHIER_VFS_CONFIG_CONFIG_LOCATION_H_
#define FICHIER_VFS_CONFIG_CONFIG_LOCATION_H_

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "vfs/config/environment.h"

namespace vfs {

struct ConfigLocation {
  // Absolute path of the file to read and later write; empty when in_memory.
  std::string path;
  // `--config ""`, `/dev/null` or a path ending in `notfound`: nothing is read or written.
  bool in_memory = false;
  // Whether `path` exists now. A missing file is not an error: the config starts empty and is
  // created on the first save (rclone logs `Config file "<path>" not found - using defaults`).
  bool exists = false;
};

struct LocateOptions {
  // The value of `--config`, if the flag was given (an empty string means in-memory).
  std::optional<std::string> config_flag;
  // Directory of the running executable; rclone looks for rclone.conf there first. Empty skips
  // that candidate (tests do, so a stray file next to the test binary cannot change results).
  std::string executable_dir;
  // Create the directory for a new config file now, as rclone does, falling back to
  // ~/.rclone.conf when it cannot be created. Tests that only inspect the answer turn it off.
  bool create_directories = true;
};

// Order: --config, RCLONE_CONFIG, then the first existing file of <exe dir>/rclone.conf,
// $XDG_CONFIG_HOME/rclone/rclone.conf, ~/.config/rclone/rclone.conf, ~/.rclone.conf; if none
// exists, the path where a new one goes. HOME and XDG_CONFIG_HOME come from `env`.
absl::StatusOr<ConfigLocation> LocateConfigFile(const Environment& env,
                                                const LocateOptions& options = {});

// Directory of /proc/self/exe, or "" if it cannot be read; for LocateOptions::executable_dir.
std::string CurrentExecutableDir();

}  // namespace vfs

#endif  // FICHIER_VFS_CONFIG_CONFIG_LOCATION_H_
