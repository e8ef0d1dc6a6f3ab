// Remote paths as backends see them (rclone convention): relative to the Fs root, '/'-separated,
// in standard encoding, no leading or trailing '/', "" meaning the root itself. These helpers
// normalise user input into that form and refuse anything that would climb above the root.
#ifndef FICHIER_VFS_PATH_H_
#define FICHIER_VFS_PATH_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"

namespace vfs {

// Removes leading/trailing and repeated '/', drops "." segments. A ".." segment is refused with
// an InvalidArgument (bad input) error: a real name ".." is written "．．" in standard encoding, so
// a literal ".." can only be an attempt to escape the root.
absl::StatusOr<std::string> CleanPath(std::string_view path);

// "a" + "b" -> "a/b"; an empty side is dropped. Neither side is cleaned.
std::string JoinPath(std::string_view a, std::string_view b);

// "a/b/c" -> {"a/b", "c"}; "c" -> {"", "c"}; "" -> {"", ""}.
std::pair<std::string_view, std::string_view> SplitPath(std::string_view path);
inline std::string_view ParentDir(std::string_view path) { return SplitPath(path).first; }
inline std::string_view Leaf(std::string_view path) { return SplitPath(path).second; }

// The non-empty '/'-separated segments of a clean path.
std::vector<std::string_view> PathSegments(std::string_view path);

// True when `path` is `dir` itself or below it ("" contains everything).
bool IsUnder(std::string_view path, std::string_view dir);
// `path` relative to `dir`, which must contain it ("a/b/c" under "a" -> "b/c").
std::string_view RelativeTo(std::string_view path, std::string_view dir);
// Depth of `path` below `dir`, which must contain it: 1 for a direct child (--max-depth's unit).
int DepthBelow(std::string_view path, std::string_view dir);

}  // namespace vfs

#endif  // FICHIER_VFS_PATH_H_
