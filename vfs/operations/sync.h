// copy, sync and move of a directory tree, and copyto/moveto of one file (spec 4.3).
//
// The trees are walked one directory at a time (both sides listed, sorted and matched by name);
// pairs go to a pool of --checkers workers that decide whether a transfer is needed, and
// transfers go to a pool of --transfers workers. Both pools have bounded queues, so memory
// stays bounded whatever the number of files; only the list of destination files to delete is
// held until the end, because sync deletes only after every transfer has succeeded.
#ifndef FICHIER_VFS_OPERATIONS_SYNC_H_
#define FICHIER_VFS_OPERATIONS_SYNC_H_

#include <string_view>

#include "absl/status/status.h"
#include "vfs/fs.h"
#include "vfs/operations/context.h"

namespace vfs::operations {

enum class SyncMode { kCopy, kSync, kMove };

// Makes dst's root hold src's root content per `mode`. When `src_file` is not empty the source
// path named a single file (NewFs gave is-a-file): only that file is considered, on both sides.
// Names that occur twice in one directory (duplicates.h) are reported. The source's first copy
// is the one used, and nothing ever uploads a second file under one name. copy and move use the
// destination's first copy as rclone does; sync deletes the destination's extra copies when all
// are the source's file, and otherwise leaves them alone and fails (see ResolveDuplicates).
// Returns the last error counted during the run (OK when none).
absl::Status Sync(const Context& ctx, Fs& src, Fs& dst, SyncMode mode,
                  std::string_view src_file = "");

// copyto / moveto: src_remote on src to dst_remote on dst, with the usual skip rules.
absl::Status CopyFile(const Context& ctx, Fs& src, std::string_view src_remote, Fs& dst,
                      std::string_view dst_remote, bool move);

}  // namespace vfs::operations

#endif  // FICHIER_VFS_OPERATIONS_SYNC_H_
