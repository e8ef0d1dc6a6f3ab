// What rclone does instead of overwriting or deleting when told to keep things: --backup-dir
// (and --suffix alone, which keeps the backup next to the file), and --compare-dest/--copy-dest
// (a source file already in another tree is skipped, or copied from there server-side).
#ifndef FICHIER_VFS_OPERATIONS_BACKUP_H_
#define FICHIER_VFS_OPERATIONS_BACKUP_H_

#include <string_view>

#include "absl/status/status.h"
#include "vfs/fs.h"
#include "vfs/operations/context.h"

namespace vfs::operations {

// Moves `object` (on dst) to its backup name in Context::backup_dir: server-side when the
// backup dir is on the same remote, replacing an older backup of that name.
absl::Status BackupObject(const Context& ctx, Fs& dst, const ObjectPtr& object);

// A deletion by sync: into the backup dir when there is one ("Moved into backup dir"), else
// DeleteObject with `done` as its log line.
absl::Status DeleteOrBackup(const Context& ctx, Fs& dst, const ObjectPtr& object,
                            std::string_view done = "Deleted");

// Before `src` is sent to dst (replacing `existing`, may be null): when an identical file is
// in a --compare-dest tree it is skipped; in a --copy-dest tree it is copied from there. Returns
// whether the file was dealt with so.
bool UseOtherDest(const Context& ctx, const Fs& src_fs, const ObjectPtr& src, Fs& dst,
                  const ObjectPtr& existing);

}  // namespace vfs::operations

#endif  // FICHIER_VFS_OPERATIONS_BACKUP_H_
