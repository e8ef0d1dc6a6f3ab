#include "backend/alias/alias_backend.h"

#include "vfs/wrapped_remote.h"

namespace backend::alias {
namespace {

absl::StatusOr<vfs::NewFsResult> NewAliasFs(const vfs::FsParams& params) {
  absl::StatusOr<vfs::OpenedFs> target =
      vfs::OpenWrappedRemote(params, "alias", params.Get("remote"), params.root);
  if (!target.ok()) return target.status();
  return vfs::NewFsResult{target->fs, target->file};
}

}  // namespace

vfs::BackendInfo AliasBackendInfo() {
  vfs::BackendInfo info;
  info.name = "alias";
  info.description = "Alias for an existing remote";
  info.options = {
      vfs::WrappedRemoteOption("Remote or path to alias.\n\nCan be \"myremote:path/to/dir\", "
                               "\"myremote:bucket\", \"myremote:\" or \"/local/path\"."),
  };
  info.factory = &NewAliasFs;
  return info;
}

VFS_LINKED_BACKEND(AliasBackendInfo)

}  // namespace backend::alias
