// rclone's filter patterns ("Rclone Filtering"): how a glob becomes a regexp, and which
// directories a file pattern can lie in. The translation is rclone 1.60's, text for text, so
// `--dump filters` prints what rclone prints and every pattern means the same thing:
//   `*` any run of characters but `/`; `**` anything, `/` included; `?` one character but `/`;
//   `[...]` a character class; `{a,b}` alternatives; `\x` x itself; `{{re}}` a raw regexp;
//   a leading `/` anchors at the root of the transfer, otherwise the pattern matches the end
//   of the path at any depth (after a `/`); a trailing `/` is for directories (the caller
//   decides, see Filter::Add).
#ifndef FICHIER_VFS_OPERATIONS_FILTER_GLOB_H_
#define FICHIER_VFS_OPERATIONS_FILTER_GLOB_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "vfs/operations/filter_regexp.h"

namespace vfs::operations {

// The regexp text rclone builds for `glob` (e.g. "*.jpg" -> "(^|/)[^/]*\.jpg$"), or rclone's
// error ("mismatched '[' and ']' in glob \"[a\"", "too many stars in \"***\"", ...).
absl::StatusOr<std::string> GlobToRegexpText(std::string_view glob, bool ignore_case);

// The compiled form; a regexp the engine refuses gives rclone's
// "bad glob pattern \"x\" (regexp \"y\"): <why>".
absl::StatusOr<Regexp> CompileGlob(std::string_view glob, bool ignore_case);

// rclone's globToDirGlobs: directory patterns (ending in `/`) a directory must match for
// `glob` to be able to match something inside it, deepest first; "/**" when any may.
// E.g. "/a/b/*.jpg" -> {"/a/b/", "/a/", "/"}, "*.jpg" -> {"/**"}.
std::vector<std::string> GlobToDirGlobs(std::string_view glob);

// Go's %q of a string, for error messages that quote patterns the way rclone does.
std::string GoQuote(std::string_view s);

}  // namespace vfs::operations

#endif  // FICHIER_VFS_OPERATIONS_FILTER_GLOB_H_
