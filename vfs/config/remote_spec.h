// Parsing of the path arguments commands take (spec/rclone-conventions.md §4.1 and §5.3):
//   /local/path or relative/path      a local path (no ':' before the first '/')
//   remote:path                       a remote configured in rclone.conf or the environment
//   remote,opt=val,flag:path          the same with options overridden
//   :backend,opt='a:b,c':path         an unnamed remote of that backend type ("on the fly")
// Values are unquoted (ending at the next ',' or ':') or quoted with ' or " (the quote doubled
// inside to include it); a parameter without '=' means "true". As in rclone on Linux, a single
// letter before ':' is a remote name, not a drive letter.
#ifndef FICHIER_VFS_CONFIG_REMOTE_SPEC_H_
#define FICHIER_VFS_CONFIG_REMOTE_SPEC_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"

namespace vfs {

struct RemoteSpec {
  enum class Kind { kLocal, kNamed, kOnTheFly };

  Kind kind = Kind::kLocal;
  // kNamed: the remote's name ("myf"); kOnTheFly: the backend type ("fichier"); kLocal: "".
  std::string name;
  // Connection-string parameters in the order given; values unquoted.
  std::vector<std::pair<std::string, std::string>> parameters;
  // Everything after the config part, unchanged (a leading '/' is kept).
  std::string path;

  // rclone's "config name": "myf", ":fichier", or "local" for a local path.
  std::string ConfigName() const;
};

// Errors are InvalidArgument with rclone's wording (e.g. "config parameters can't be empty") and
// the byte offset; they never repeat the argument, which may carry an api key.
absl::StatusOr<RemoteSpec> ParseRemoteSpec(std::string_view arg);

// The canonical text of a spec; parameters are quoted only when needed. ParseRemoteSpec of the
// result gives back an equal spec.
std::string FormatRemoteSpec(const RemoteSpec& spec);

}  // namespace vfs

#endif  // FICHIER_VFS_CONFIG_REMOTE_SPEC_H_
