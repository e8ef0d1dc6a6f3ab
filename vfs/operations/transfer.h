// One file: copy (server-side when the remotes allow it, else streamed through a fixed buffer
// with the bytes counted and hashed as they pass), move, delete. Each logs rclone's per-file
// lines, honours --dry-run, counts into the stats (errors included) and returns the outcome.
#ifndef FICHIER_VFS_OPERATIONS_TRANSFER_H_
#define FICHIER_VFS_OPERATIONS_TRANSFER_H_

#include <string_view>

#include "absl/status/statusor.h"
#include "vfs/fs.h"
#include "vfs/operations/context.h"

namespace vfs::operations {

// rclone's SkipDestructive: whether to skip `action` ("copy", "delete", ...) on `subject`. Under
// --dry-run it logs "Skipped <action> as --dry-run is set (size S)" (no size when `size` is
// kNoSize) and skips; under -i it asks (Context::confirm) and logs the same with --interactive
// when told no.
inline constexpr int64_t kNoSize = -2;
bool SkipDestructive(const Context& ctx, std::string_view subject, std::string_view action,
                     int64_t size = kNoSize);

// Copies `src` (on src_fs) to `remote` on dst_fs, replacing `existing` (nullptr = none). After a
// streamed copy the size and the common hash are verified; a corrupted copy is removed and
// reported as data corruption. Retryable errors are retried up to --low-level-retries times.
// Returns the new object, or nullptr under --dry-run.
absl::StatusOr<ObjectPtr> CopyObject(const Context& ctx, const Fs& src_fs, const ObjectPtr& src,
                                     Fs& dst_fs, std::string_view remote,
                                     const ObjectPtr& existing);

// Moves `src` to `remote` on dst_fs: server-side when possible, else copy then delete the
// source (the source is deleted only after the copy is verified).
absl::StatusOr<ObjectPtr> MoveObject(const Context& ctx, Fs& src_fs, const ObjectPtr& src,
                                     Fs& dst_fs, std::string_view remote,
                                     const ObjectPtr& existing);

// Deletes one object (`done`, "Deleted" by default, at INFO), or says it would under --dry-run.
absl::Status DeleteObject(const Context& ctx, Object& object, std::string_view done = "Deleted");

// Removes one directory ("Removing directory" at INFO), or says it would under --dry-run. A
// failure counts as an error unless `count_failure` is false (then it is logged at DEBUG).
absl::Status RemoveDir(const Context& ctx, Fs& fs, std::string_view dir,
                       bool count_failure = true);

}  // namespace vfs::operations

#endif  // FICHIER_VFS_OPERATIONS_TRANSFER_H_
