// Sync's checks and transfers: a matched pair is checked on a checker (NeedTransfer), and a
// transfer runs on the transfer pool, or on the wider grouped pool when the destination groups
// small uploads or server-side copies (Features::batch_width).
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "vfs/operations/equal.h"
#include "vfs/operations/syncer.h"
#include "vfs/operations/transfer.h"

namespace vfs::operations::sync_internal {

void Syncer::SubmitTransfer(Pools& pools, ObjectPtr src, ObjectPtr dst) {
  if (Stopped()) return;
  int64_t size = src->size();
  bool small = size >= 0 && size <= dst_.features().batch_put_max_size;
  bool groupable = ServerSide() || (src_.Name() != dst_.Name() && small);
  WorkerPool& pool = pools.grouped != nullptr && groupable ? *pools.grouped : pools.transfers;
  pool.Submit([this, src = std::move(src), dst = std::move(dst)] { Transfer(src, dst); });
}

void Syncer::Check(ObjectPtr src, ObjectPtr dst, Pools& pools) {
  pools.checkers.Submit([this, src, dst, &pools] {
    if (Stopped()) return;
    Stats& stats = ctx_.st();
    std::string name = src->remote();
    stats.StartCheck(name);
    bool need = NeedTransfer(ctx_, src_, dst_, *src, dst.get());
    stats.FinishCheck(name);
    if (need) {
      SubmitTransfer(pools, src, dst);
    } else if (mode_ == SyncMode::kMove) {
      // Already at the destination: moving means deleting the source.
      (void)DeleteObject(ctx_, *src);
    }
  });
}

void Syncer::Transfer(const ObjectPtr& src, const ObjectPtr& existing) {
  if (Stopped()) return;  // queued before the run was stopped
  if (mode_ == SyncMode::kMove) {
    (void)MoveObject(ctx_, src_, src, dst_, src->remote(), existing);
  } else {
    (void)CopyObject(ctx_, src_, src, dst_, src->remote(), existing);
  }
}

void Syncer::MakeDir(const std::string& dir) {
  if (ctx_.options.dry_run) {
    LogNotice(dir, "Skipped make directory as --dry-run is set");
    return;
  }
  absl::Status st = dst_.Mkdir(dir);
  if (!st.ok()) {
    ctx_.st().Error(st);
    LogError(dir, absl::StrCat("Failed to make directory: ", st.message()));
  }
}

}  // namespace vfs::operations::sync_internal
