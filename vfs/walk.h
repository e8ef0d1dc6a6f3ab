// Recursive listing on top of Fs::List (or Fs::ListR when the caller prefers it and the backend
// advertises it): what ls/lsf/copy/sync walk with.
#ifndef FICHIER_VFS_WALK_H_
#define FICHIER_VFS_WALK_H_

#include <string_view>

#include "absl/status/statusor.h"
#include "vfs/dir_entry.h"
#include "vfs/fs.h"

namespace vfs {

struct WalkOptions {
  int max_depth = -1;       // 1 = the directory's own entries; -1 = unlimited
  bool use_list_r = false;  // use Fs::ListR when features().list_r
};

// Every entry below `dir` (not `dir` itself), sorted with SortEntries. Fails with dir-not-found
// when `dir` does not exist.
absl::StatusOr<DirEntries> Walk(Fs& fs, std::string_view dir, const WalkOptions& options = {});

}  // namespace vfs

#endif  // FICHIER_VFS_WALK_H_
