// From a command-line path ("remote:path", "remote,opt=v:path", ":backend,opt=v:path", or a local
// path) to a constructed Fs: parse the spec, find the backend type, resolve its options with
// rclone's precedence (vfs/config), and call the registered factory. The one entry point the host
// and tools use to open remotes.
#ifndef FICHIER_VFS_NEW_FS_H_
#define FICHIER_VFS_NEW_FS_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "vfs/config/option_resolver.h"
#include "vfs/config/remote_spec.h"
#include "vfs/registry.h"

namespace vfs {

struct OpenedFs {
  FsPtr fs;
  // Non-empty when the path named a file (rclone's ErrorIsFile): fs is rooted at its parent and
  // commands should act on this leaf only.
  std::string file;
  RemoteSpec spec;
  RemoteOptions options;  // resolved values and where each came from (for -vv logs)

  bool is_file() const { return !file.empty(); }
};

// Errors: the spec's syntax errors, "didn't find section in config file" for an unknown remote,
// "didn't find backend called ..." for an unknown type, option errors naming the option, and
// whatever the backend's factory reports.
absl::StatusOr<OpenedFs> NewFs(std::string_view remote_path, const ConfigSources& sources,
                               const Registry& registry = Registry::Global());

}  // namespace vfs

#endif  // FICHIER_VFS_NEW_FS_H_
