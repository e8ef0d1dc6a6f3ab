// Sync's passes (--delete-before's delete-only pass, then the march with transfers), the
// server-side directory move shortcut, the final report; and copyto/moveto (CopyFile). The
// march, transfers and deletions are in sync_march.cc, sync_transfers.cc, sync_deletions.cc.
#include "vfs/operations/sync.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "base/cancel.h"
#include "vfs/operations/equal.h"
#include "vfs/operations/syncer.h"
#include "vfs/operations/transfer.h"
#include "vfs/path.h"

namespace vfs::operations {
namespace sync_internal {

Syncer::Syncer(const Context& ctx, Fs& src, Fs& dst, SyncMode mode, std::string_view src_file)
    : ctx_(ctx),
      src_(src),
      dst_(dst),
      mode_(mode),
      src_file_(src_file),
      common_hash_(CommonHash(src, dst)) {}

absl::Status Syncer::Run() {
  Stats& stats = ctx_.st();
  errors_before_ = stats.errors();
  deletes_before_ = stats.Snapshot().deletes;
  if (mode_ != SyncMode::kCopy && src_.Name() == dst_.Name() && src_file_.empty()) {
    if (src_.Root() == dst_.Root()) {
      LogNotice(dst_.ToString(), "Nothing to do as source and destination are the same");
      return absl::OkStatus();
    }
    if (IsUnder(src_.Root(), dst_.Root()) || IsUnder(dst_.Root(), src_.Root())) {
      absl::Status st = MakeError(ErrorKind::kOverlapping);
      stats.Error(st);
      return st;
    }
  }
  if (absl::Status st = Prepare(); !st.ok()) {
    stats.Error(st);
    return st;
  }
  // A filter or a depth limit may leave files behind, so the whole directory cannot move in
  // one call; backups and other trees need each file looked at.
  if (mode_ == SyncMode::kMove && src_file_.empty() && !Filtering() && !DepthLimited() &&
      ctx_.backup_dir == nullptr && !HasOtherDests() && TryDirMove()) {
    return absl::OkStatus();
  }
  if (ctx_.limits != nullptr) {
    const Limits::Options& lo = ctx_.limits->options();
    deadline_.emplace(lo.max_duration, lo.cutoff_mode, dst_.ToString());
  }

  if (mode_ == SyncMode::kSync && ctx_.options.delete_mode == DeleteMode::kBefore &&
      !tracking_renames_) {
    // A delete-only pass first: these deletions are not protected by later errors.
    delete_now_ = true;
    transfer_ = false;
    absl::Status st = March();
    if (!st.ok()) return Finish(st);
    delete_now_ = false;
    transfer_ = true;
    collect_deletes_ = false;
  } else if (mode_ == SyncMode::kSync) {
    // Tracked renames are known only once the march ends, so deletions wait for them.
    delete_now_ = ctx_.options.delete_mode == DeleteMode::kDuring && !tracking_renames_;
    collect_deletes_ = !delete_now_;
  }
  absl::Status st = March();
  if (!st.ok()) return Finish(st);
  // Collected deletions (destination-only files with --delete-after, extra copies of
  // duplicates in every mode) run after the transfers.
  if (mode_ == SyncMode::kSync) DeleteAfter();
  if (mode_ == SyncMode::kMove && ctx_.options.delete_empty_src_dirs) RemoveEmptySrcDirs();
  return Finish(absl::OkStatus());
}

absl::Status Syncer::Prepare() {
  const Options& o = ctx_.options;
  if (absl::Status st = CheckSyncDirs(ctx_, src_, dst_); !st.ok()) return st;
  absl::StatusOr<OrderBy> order = ParseOrderBy(o.order_by);
  if (!order.ok()) return order.status();
  order_ = *order;
  hold_transfers_ = o.check_first || order_.key != OrderBy::Key::kNone;
  if (o.check_first) LogInfo(dst_.ToString(), "Running all checks before starting transfers");
  if (!o.track_renames) return absl::OkStatus();
  if (mode_ != SyncMode::kSync) {
    LogError(dst_.ToString(),
             "Ignoring --track-renames as it doesn't work with copy or move, only sync");
    return absl::OkStatus();
  }
  absl::StatusOr<RenameStrategy> strategy = ParseRenameStrategy(o.track_renames_strategy);
  if (!strategy.ok()) return strategy.status();
  rename_strategy_ = *strategy;
  if (rename_strategy_.hash && common_hash_ == hash::HashType::kNone) {
    LogNotice(dst_.ToString(),
              "Ignoring --track-renames as the source and destination do not have a common hash");
  } else if (!dst_.features().move) {
    LogNotice(dst_.ToString(),
              "Ignoring --track-renames as the destination does not support server-side move "
              "or copy");
  } else {
    tracking_renames_ = true;
  }
  return absl::OkStatus();
}

absl::Status Syncer::Finish(absl::Status setup_error) {
  Stats& stats = ctx_.st();
  if (deadline_ && deadline_->reached()) {
    // rclone reports the deadline last, as a fatal error (no retries).
    absl::Status st = MaxDurationReached();
    LogError(dst_.ToString(), std::string(st.message()));
    if (ctx_.limits->options().cutoff_mode != CutoffMode::kHard) {
      LogError("", absl::StrCat("Cancelling sync due to fatal error: ", st.message()));
    }
    stats.Error(st);
    return st;
  }
  // A stopped run reports the stop, whatever errors it caused (or none, if nothing had begun).
  if (const base::Cancel& stop = base::CurrentCancel(); stop.triggered()) return stop.status();
  if (!setup_error.ok()) return setup_error;
  // Counted only now, so that they stop no deletion of other files.
  for (const absl::Status& conflict : TakeDuplicateConflicts()) stats.Error(conflict);
  if (absl::Status st = stats.ErrorSince(errors_before_); !st.ok()) return st;
  if (!stats.did_something()) LogInfo("", "There was nothing to transfer");
  return absl::OkStatus();
}

bool Syncer::TryDirMove() {
  if (!dst_.features().dir_move || src_.Name() != dst_.Name()) return false;
  if (ctx_.options.dry_run) return false;
  absl::Status st = dst_.DirMove(src_, "", "");
  if (st.ok()) {
    LogInfo(dst_.ToString(), "Server side directory move succeeded");
    return true;
  }
  LogDebug(dst_.ToString(), absl::StrCat("Server side directory move failed - fallback to "
                                         "file moves: ",
                                         st.message()));
  return false;
}

}  // namespace sync_internal

absl::Status Sync(const Context& ctx, Fs& src, Fs& dst, SyncMode mode, std::string_view src_file) {
  sync_internal::Syncer syncer(ctx, src, dst, mode, src_file);
  return syncer.Run();
}

absl::Status CopyFile(const Context& ctx, Fs& src, std::string_view src_remote, Fs& dst,
                      std::string_view dst_remote, bool move) {
  Stats& stats = ctx.st();
  int64_t errors_before = stats.errors();
  absl::StatusOr<ObjectPtr> src_object = src.NewObject(src_remote);
  if (!src_object.ok()) {
    stats.Error(src_object.status());
    return src_object.status();
  }
  ObjectPtr existing;
  absl::StatusOr<ObjectPtr> dst_object = dst.NewObject(dst_remote);
  if (dst_object.ok()) {
    existing = *dst_object;
  } else if (!IsObjectNotFound(dst_object.status()) && !IsDirNotFound(dst_object.status())) {
    stats.Error(dst_object.status());
    return dst_object.status();
  }
  if (existing && src.Name() == dst.Name() && src.Root() == dst.Root() &&
      src_remote == dst_remote) {
    LogNotice(src_remote, "Nothing to do as source and destination are the same");
    return absl::OkStatus();
  }
  if (existing && !NeedTransfer(ctx, src, dst, **src_object, existing.get())) {
    stats.AddCheck();
    if (move) (void)DeleteObject(ctx, **src_object);
  } else if (move) {
    (void)MoveObject(ctx, src, *src_object, dst, dst_remote, existing);
  } else {
    (void)CopyObject(ctx, src, *src_object, dst, dst_remote, existing);
  }
  if (const base::Cancel& stop = base::CurrentCancel(); stop.triggered()) return stop.status();
  if (absl::Status st = stats.ErrorSince(errors_before); !st.ok()) return st;
  if (!stats.did_something()) LogInfo("", "There was nothing to transfer");
  return absl::OkStatus();
}

}  // namespace vfs::operations
