#include "vfs/operations/backup.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "vfs/errors.h"
#include "vfs/operations/equal.h"
#include "vfs/operations/sync_options.h"
#include "vfs/operations/transfer.h"

namespace vfs::operations {

absl::Status BackupObject(const Context& ctx, Fs& dst, const ObjectPtr& object) {
  Fs& backup = *ctx.backup_dir;
  std::string remote = SuffixedName(object->remote(), ctx.options);
  ObjectPtr older;
  if (absl::StatusOr<ObjectPtr> found = backup.NewObject(remote); found.ok()) older = *found;
  // The caller asked (dry-run, -i) already: the move itself is not asked about again.
  Context quiet = ctx;
  quiet.options.dry_run = false;
  quiet.confirm = nullptr;
  absl::StatusOr<ObjectPtr> moved = MoveObject(quiet, dst, object, backup, remote, older);
  return moved.status();
}

absl::Status DeleteOrBackup(const Context& ctx, Fs& dst, const ObjectPtr& object,
                            std::string_view done) {
  if (ctx.backup_dir == nullptr) return DeleteObject(ctx, *object, done);
  Stats& stats = ctx.st();
  if (SkipDestructive(ctx, object->remote(), "move into backup dir", object->size())) {
    if (ctx.options.dry_run) stats.AddDelete();
    return absl::OkStatus();
  }
  absl::Status st = BackupObject(ctx, dst, object);
  if (!st.ok()) {
    LogError(object->remote(), absl::StrCat("Couldn't move into backup dir: ", st.message()));
    return st;  // MoveObject counted it
  }
  stats.AddDelete();
  LogInfo(object->remote(), "Moved into backup dir");
  return absl::OkStatus();
}

bool UseOtherDest(const Context& ctx, const Fs& src_fs, const ObjectPtr& src, Fs& dst,
                  const ObjectPtr& existing) {
  const bool copying = !ctx.copy_dest.empty();
  // Comparing must not touch the other tree (no mod time fixes there).
  Context compare = ctx;
  compare.options.no_update_modtime = true;
  for (Fs* other : copying ? ctx.copy_dest : ctx.compare_dest) {
    absl::StatusOr<ObjectPtr> found = other->NewObject(src->remote());
    if (!found.ok() || !Equal(compare, src_fs, *other, *src, **found)) continue;
    if (!copying) {
      LogDebug(src->remote(), "Destination found in --compare-dest, skipping");
      return true;
    }
    LogDebug(src->remote(), "Destination found in --copy-dest, using server-side copy");
    ObjectPtr replaced = existing;
    if (replaced && ctx.backup_dir != nullptr && !ctx.options.dry_run) {
      if (BackupObject(ctx, dst, replaced).ok()) replaced = nullptr;
    }
    (void)CopyObject(ctx, *other, *found, dst, src->remote(), replaced);
    return true;
  }
  return false;
}

}  // namespace vfs::operations
