// rclone 1.60 reads --max-depth (Options::max_depth, -1 when not given) two ways, and fclone
// copies both (checked with `rclone lsf -R --max-depth 0` and `rclone sync --max-depth 0`):
//
// - commands that walk one tree (ls, lsl, lsd, lsf, lsjson, size, hashsum, cat, delete,
//   touch -R, dedupe) use fs/walk, where 0 never reaches the "stop here" level: unlimited;
// - commands that march two trees side by side (copy, move, sync, check) use fs/march, where the
//   root is always listed and 0 behaves as 1.
//
// Depth 1 is the root's own entries; N lists every entry whose path has at most N parts.
#ifndef FICHIER_VFS_OPERATIONS_MAX_DEPTH_H_
#define FICHIER_VFS_OPERATIONS_MAX_DEPTH_H_

#include <algorithm>

namespace vfs::operations {

// The depth a one-tree walk lists (-1 = unlimited).
inline int WalkDepth(int max_depth) { return max_depth <= 0 ? -1 : max_depth; }

// The depth a two-tree march lists (-1 = unlimited).
inline int MarchDepth(int max_depth) { return max_depth < 0 ? -1 : std::max(max_depth, 1); }

// Whether a directory at `dir_depth` (the root is 0) is listed under a march `depth` limit.
inline bool MarchLists(int depth, int dir_depth) { return depth < 0 || dir_depth < depth; }

}  // namespace vfs::operations

#endif  // FICHIER_VFS_OPERATIONS_MAX_DEPTH_H_
