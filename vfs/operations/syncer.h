// The engine of Sync (sync.h), shared by its parts: sync.cc runs the passes and reports,
// sync_march.cc lists both trees and matches them directory by directory, sync_transfers.cc
// checks and transfers matched files, sync_deletions.cc resolves duplicates and deletes (after
// the transfers, never after an error). Internal to vfs/operations.
#ifndef FICHIER_VFS_OPERATIONS_SYNCER_H_
#define FICHIER_VFS_OPERATIONS_SYNCER_H_

#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "base/cancel.h"
#include "hash/hash_type.h"
#include "vfs/fs.h"
#include "vfs/operations/context.h"
#include "vfs/operations/duplicates.h"
#include "vfs/operations/filter.h"
#include "vfs/operations/limits.h"
#include "vfs/operations/max_depth.h"
#include "vfs/operations/session_deadline.h"
#include "vfs/operations/sync.h"
#include "vfs/operations/sync_options.h"
#include "vfs/operations/worker_pool.h"

namespace vfs::operations::sync_internal {

class Syncer {
 public:
  Syncer(const Context& ctx, Fs& src, Fs& dst, SyncMode mode, std::string_view src_file);

  absl::Status Run();

 private:
  struct DirJob {
    std::string dir;
    bool in_src;
    bool in_dst;
    int depth;  // of `dir`: the root is 0
  };
  struct Pools {
    WorkerPool& checkers;
    WorkerPool& transfers;
    WorkerPool* grouped;  // null unless GroupsPuts()
  };
  struct Doomed {
    ObjectPtr object;
    bool duplicate;  // an extra copy of a duplicated name
  };

  // The run (sync.cc).
  // Reads and checks the sync flags (--order-by, --track-renames, --backup-dir...).
  absl::Status Prepare();
  absl::Status Finish(absl::Status setup_error);
  bool TryDirMove();
  // Whether the filter applies: not to a single named source file (copied whatever the rules).
  bool Filtering() const {
    return ctx_.filter != nullptr && ctx_.filter->Active() && src_file_.empty();
  }
  // --max-depth: directories at the limit are seen in their parent's listing but not listed.
  bool DepthLimited() const { return MarchDepth(ctx_.options.max_depth) >= 0; }
  // Whether the march lists a directory at `depth` (the root is 0) found in a listing.
  // rclone 1.60's march gives the destination no depth limit under --delete-excluded, so a
  // directory only on the destination is then emptied at any depth (`rclone sync --max-depth 1
  // --delete-excluded` deletes dst-only/sub/file); everything else stops at the limit.
  bool Lists(int depth, bool destination_only) const {
    if (destination_only && ctx_.options.delete_excluded) return true;
    return MarchLists(MarchDepth(ctx_.options.max_depth), depth);
  }
  // copy/move with --no-traverse or --no-check-dest: the destination is not listed; each
  // source file is looked up (--no-traverse) or sent whatever is there (--no-check-dest).
  bool ListsDestination() const {
    return mode_ == SyncMode::kSync ||
           !(ctx_.options.no_traverse || ctx_.options.no_check_dest);
  }
  // --compare-dest / --copy-dest trees to look into before sending a file.
  bool HasOtherDests() const { return !ctx_.compare_dest.empty() || !ctx_.copy_dest.empty(); }
  // The destination groups more calls than --transfers (see Features::batch_width).
  bool GroupsPuts() const { return dst_.features().batch_width > ctx_.options.transfers; }
  // Transfers here are server-side copies or moves (same remote): no bytes pass through us.
  bool ServerSide() const {
    const Features& f = dst_.features();
    return src_.Name() == dst_.Name() && (mode_ == SyncMode::kMove ? f.move : f.copy);
  }
  // --max-transfer, --max-duration or a stop (signal, embedder) ended the run: nothing new
  // starts; what is in flight finishes or is cut by the stop.
  bool Stopped() const {
    return (ctx_.limits != nullptr && ctx_.limits->stopped()) ||
           (deadline_ && deadline_->reached()) || base::CurrentCancel().triggered();
  }

  // The march (sync_march.cc).
  // Lists one side; a missing directory is empty unless it is the source root. Repeated names
  // are set apart: the source's, and the destination's unless syncing, are reported as rclone
  // does and ignored (the first copy is used); sync resolves the destination's (MatchDir).
  absl::StatusOr<SplitListing> ListSide(Fs& fs, const std::string& dir, bool exists,
                                        std::string_view side, bool* excluded = nullptr);
  absl::Status March();
  // Matches one directory's listings; `depth` is that of their entries (1 for the root's).
  void MatchDir(const DirEntries& src, const SplitListing& dst_listing, int depth,
                std::deque<DirJob>& pending, Pools& pools);
  void AddSrcDir(const std::string& dir);

  // Checks and transfers (sync_transfers.cc).
  // Queues a transfer, or holds it until every check is done (--check-first, --order-by).
  void SubmitTransfer(Pools& pools, ObjectPtr src, ObjectPtr dst);
  void ReleaseHeldTransfers(Pools& pools);
  void Check(ObjectPtr src, ObjectPtr dst, Pools& pools);
  // On a checker: whether src must go over dst (null = none), then sends it.
  void CheckNow(const ObjectPtr& src, const ObjectPtr& dst, Pools& pools);
  // A source file the destination listing does not have.
  void NewFile(ObjectPtr src, Pools& pools);
  void Transfer(const ObjectPtr& src, const ObjectPtr& existing);
  void MakeDir(const std::string& dir);

  // Duplicates and deletions (sync_deletions.cc).
  // The destination holds `first` and `extras` under the name of `src`. Sync never adds to
  // them, and makes the name hold one file: when every copy is the source's file (SameFile: same
  // size and common hash), the extras are deleted with the other deletions (--max-delete,
  // --dry-run and errors apply); otherwise no copy can be told to be the right one, so all are
  // left alone and the run fails (counted in Finish).
  void ResolveDuplicates(ObjectPtr src, ObjectPtr first, std::vector<ObjectPtr> extras,
                         Pools& pools);
  std::vector<absl::Status> TakeDuplicateConflicts();
  void DeleteAfter();
  // Deletes now (--delete-during/--delete-before) or collects for DeleteAfter; first keeps
  // it for ResolveRenames when renames are tracked and `rename_candidate`.
  void DeleteDstOnly(ObjectPtr object, Pools& pools, bool rename_candidate = true);

  // --track-renames (sync_renames.cc): source-only and destination-only files are kept until
  // the march ends; then each source file that matches a destination file (size and the
  // --track-renames-strategy) is a server-side move, the rest transfers and deletions.
  void ResolveRenames(Pools& pools);
  void RemoveDstOnlyDirs();
  void RemoveEmptySrcDirs();

  const Context& ctx_;
  Fs& src_;
  Fs& dst_;
  SyncMode mode_;
  std::string src_file_;
  hash::HashType common_hash_;  // what tells copies of a duplicate apart (SameFile)
  int64_t errors_before_ = 0;
  int64_t deletes_before_ = 0;
  bool transfer_ = true;          // copy files in this pass
  bool delete_now_ = false;       // delete destination-only files as they are found
  bool collect_deletes_ = false;  // remember them for after the transfers

  std::optional<SessionDeadline> deadline_;  // --max-duration
  OrderBy order_;                 // --order-by
  bool hold_transfers_ = false;   // --check-first or --order-by: transfers wait for the checks
  bool tracking_renames_ = false;
  RenameStrategy rename_strategy_;
  absl::Mutex mu_;
  std::vector<Doomed> to_delete_ ABSL_GUARDED_BY(mu_);
  std::vector<absl::Status> duplicate_conflicts_ ABSL_GUARDED_BY(mu_);
  std::vector<std::string> dst_only_dirs_ ABSL_GUARDED_BY(mu_);
  std::vector<std::string> src_dirs_ ABSL_GUARDED_BY(mu_);
  std::vector<TransferPair> held_ ABSL_GUARDED_BY(mu_);
  std::vector<ObjectPtr> rename_src_ ABSL_GUARDED_BY(mu_);
  std::vector<ObjectPtr> rename_dst_ ABSL_GUARDED_BY(mu_);
};

}  // namespace vfs::operations::sync_internal

#endif  // FICHIER_VFS_OPERATIONS_SYNCER_H_
