// Turns a command-line path ("remote:path", ":backend,opt=v:path", "/local/path") into an Fs
// through vfs::NewFs (spec parsing, option resolution in rclone's precedence, the backend
// registry). The host knows no backend by name: whatever is linked in and registered is usable.
#ifndef FICHIER_HOST_REMOTE_H_
#define FICHIER_HOST_REMOTE_H_

#include <map>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "vfs/config/config_file.h"
#include "vfs/config/environment.h"
#include "vfs/config/option_resolver.h"
#include "vfs/fs.h"
#include "vfs/registry.h"

namespace fclone {

struct OpenedRemote {
  vfs::FsPtr fs;
  std::string file;  // non-empty when the path named a file (the Fs is rooted at its parent)
};

class RemoteOpener {
 public:
  // `file` may be nullptr (no config); it must outlive the opener.
  RemoteOpener(const vfs::ConfigFile* file, vfs::Environment env,
               std::map<std::string, std::map<std::string, std::string>, std::less<>> flags);

  // rclone's NewFs: the Fs at the path; if the path names a file, the Fs of its parent and the
  // file's leaf.
  absl::StatusOr<OpenedRemote> Open(std::string_view arg) const;
  // rclone's NewFsDstFile: the Fs of the parent directory and the leaf, for commands whose
  // argument names a file that may not exist yet (copyto, touch, deletefile, link).
  absl::StatusOr<OpenedRemote> OpenParent(std::string_view arg) const;

 private:
  // vfs::NewFs with this opener's config sources.
  absl::StatusOr<OpenedRemote> OpenSpec(std::string_view arg) const;

  const vfs::ConfigFile* file_;
  vfs::Environment env_;
  std::map<std::string, std::map<std::string, std::string>, std::less<>> flags_;
};

}  // namespace fclone

#endif  // FICHIER_HOST_REMOTE_H_
