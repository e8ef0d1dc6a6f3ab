// Sync's checks and transfers: a matched pair is checked on a checker (NeedTransfer), and a
// transfer runs on the transfer pool, or on the wider grouped pool when the destination groups
// small uploads or server-side copies (Features::batch_width).
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "vfs/operations/backup.h"
#include "vfs/operations/equal.h"
#include "vfs/operations/error_class.h"
#include "vfs/operations/syncer.h"
#include "vfs/operations/transfer.h"

namespace vfs::operations::sync_internal {

void Syncer::SubmitTransfer(Pools& pools, ObjectPtr src, ObjectPtr dst) {
  if (Stopped()) return;
  if (hold_transfers_) {
    absl::MutexLock lock(&mu_);
    held_.emplace_back(std::move(src), std::move(dst));
    return;
  }
  int64_t size = src->size();
  bool small = size >= 0 && size <= dst_.features().batch_put_max_size;
  bool groupable = ServerSide() || (src_.Name() != dst_.Name() && small);
  WorkerPool& pool = pools.grouped != nullptr && groupable ? *pools.grouped : pools.transfers;
  pool.Submit([this, src = std::move(src), dst = std::move(dst)] { Transfer(src, dst); });
}

void Syncer::ReleaseHeldTransfers(Pools& pools) {
  std::vector<TransferPair> held;
  {
    absl::MutexLock lock(&mu_);
    held.swap(held_);
  }
  SortTransfers(order_, held);
  hold_transfers_ = false;
  for (auto& [src, dst] : held) SubmitTransfer(pools, std::move(src), std::move(dst));
}

void Syncer::Check(ObjectPtr src, ObjectPtr dst, Pools& pools) {
  pools.checkers.Submit([this, src, dst, &pools] { CheckNow(src, dst, pools); });
}

void Syncer::CheckNow(const ObjectPtr& src, const ObjectPtr& dst, Pools& pools) {
  if (Stopped()) return;
  Stats& stats = ctx_.st();
  bool need = true;
  if (dst) {
    std::string name = src->remote();
    stats.StartCheck(name);
    need = NeedTransfer(ctx_, src_, dst_, *src, dst.get());
    stats.FinishCheck(name);
  }
  if (need && dst && ctx_.options.immutable) {
    // rclone's --immutable: an existing file is never replaced, a difference is an error.
    LogError(dst->remote(), "Source and destination exist but do not match: immutable file "
                            "modified");
    stats.Error(NoRetryError("immutable file modified"));
  } else if (need) {
    if (HasOtherDests() && UseOtherDest(ctx_, src_, src, dst_, dst)) return;
    SubmitTransfer(pools, src, dst);
  } else if (mode_ == SyncMode::kMove) {
    // Already at the destination: moving means deleting the source.
    (void)DeleteObject(ctx_, *src);
  }
}

void Syncer::NewFile(ObjectPtr src, Pools& pools) {
  if (tracking_renames_) {
    absl::MutexLock lock(&mu_);
    rename_src_.push_back(std::move(src));
    return;
  }
  if (ctx_.options.no_traverse && !ListsDestination() && !ctx_.options.no_check_dest) {
    // --no-traverse: this one file is looked up instead of its directory listed.
    pools.checkers.Submit([this, src, &pools] {
      absl::StatusOr<ObjectPtr> found = dst_.NewObject(src->remote());
      CheckNow(src, found.ok() ? *found : nullptr, pools);
    });
    return;
  }
  LogDebug(src->remote(), "Need to transfer - File not found at Destination");
  if (HasOtherDests()) {
    pools.checkers.Submit([this, src, &pools] { CheckNow(src, nullptr, pools); });
    return;
  }
  SubmitTransfer(pools, std::move(src), nullptr);
}

void Syncer::Transfer(const ObjectPtr& src, const ObjectPtr& replaced) {
  if (Stopped()) return;  // queued before the run was stopped
  ObjectPtr existing = replaced;
  if (existing && ctx_.backup_dir != nullptr && !ctx_.options.dry_run) {
    // --backup-dir/--suffix: the old file is moved away first, never overwritten.
    if (!BackupObject(ctx_, dst_, existing).ok()) return;
    existing = nullptr;
  }
  if (mode_ == SyncMode::kMove) {
    (void)MoveObject(ctx_, src_, src, dst_, src->remote(), existing);
  } else {
    (void)CopyObject(ctx_, src_, src, dst_, src->remote(), existing);
  }
}

void Syncer::MakeDir(const std::string& dir) {
  if (SkipDestructive(ctx_, dir, "make directory")) return;
  absl::Status st = dst_.Mkdir(dir);
  if (!st.ok()) {
    ctx_.st().Error(st);
    LogError(dir, absl::StrCat("Failed to make directory: ", st.message()));
  }
}

}  // namespace vfs::operations::sync_internal
