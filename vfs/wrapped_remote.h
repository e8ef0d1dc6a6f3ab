// Opening the remote a wrapping backend (crypt, alias) points at: its `remote` option
// ("other:path", ":backend,opt=v:path" or a local path) with a path below it joined on, resolved
// from the same config sources as the wrapper (rclone's cache.Get(fspath.JoinRootPath(...))).
// A chain of wrappers that leads back to a remote still being opened (a -> b -> a) is refused
// with an error naming the chain, where rclone would recurse until it crashes.
#ifndef FICHIER_VFS_WRAPPED_REMOTE_H_
#define FICHIER_VFS_WRAPPED_REMOTE_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "vfs/config/option.h"
#include "vfs/new_fs.h"
#include "vfs/registry.h"

namespace vfs {

// The `remote` option a wrapping backend declares: the remote it points at, required, with
// the backend's own `help` (rclone's wording differs per backend).
Option WrappedRemoteOption(std::string help);

// rclone's fspath.JoinRootPath for one remote and one relative path: "mem:base" + "a/b" ->
// "mem:base/a/b", "mem:" + "a" -> "mem:a", "/tmp/x" + "a" -> "/tmp/x/a". Errors are the spec's.
absl::StatusOr<std::string> JoinRootPath(std::string_view remote, std::string_view path);

// Opens `target` joined with `below` for the wrapper described by `wrapper` (a backend of type
// `wrapper_type`, for error messages). Errors: an empty target or one naming the wrapper itself
// (rclone's "can't point <type> remote at itself"), a loop, or whatever opening the target gives.
absl::StatusOr<OpenedFs> OpenWrappedRemote(const FsParams& wrapper, std::string_view wrapper_type,
                                           std::string_view target, std::string_view below);

}  // namespace vfs

#endif  // FICHIER_VFS_WRAPPED_REMOTE_H_
