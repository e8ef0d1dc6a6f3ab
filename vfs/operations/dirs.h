// The commands that delete or create: delete, purge, mkdir, rmdir, rmdirs, touch (spec 4.9).
// Each honours --dry-run and counts into the stats.
#ifndef FICHIER_VFS_OPERATIONS_DIRS_H_
#define FICHIER_VFS_OPERATIONS_DIRS_H_

#include <string_view>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "vfs/fs.h"
#include "vfs/operations/context.h"

namespace vfs::operations {

// Deletes every object below the root (or only `only_file`), keeping directories.
absl::Status Delete(const Context& ctx, Fs& fs, std::string_view only_file);
// Deletes the root and everything in it: the backend's Purge, or delete-all then rmdirs.
absl::Status Purge(const Context& ctx, Fs& fs);
absl::Status Mkdir(const Context& ctx, Fs& fs, std::string_view dir);
absl::Status Rmdir(const Context& ctx, Fs& fs, std::string_view dir);
// Removes every empty directory below `dir`, deepest first, and `dir` itself unless leave_root.
absl::Status Rmdirs(const Context& ctx, Fs& fs, std::string_view dir, bool leave_root);

struct TouchOptions {
  absl::Time time = absl::Now();
  bool no_create = false;
  bool recursive = false;  // every object below the root (implies no_create)
};
// Sets the mod time of `remote` (creating an empty object when missing), or of every object
// when recursive.
absl::Status Touch(const Context& ctx, Fs& fs, std::string_view remote,
                   const TouchOptions& options);

}  // namespace vfs::operations

#endif  // FICHIER_VFS_OPERATIONS_DIRS_H_
