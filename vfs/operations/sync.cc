#include "vfs/operations/sync.h"

#include <algorithm>
#include <deque>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "vfs/operations/duplicates.h"
#include "vfs/operations/equal.h"
#include "vfs/operations/filter.h"
#include "base/cancel.h"
#include "vfs/operations/limits.h"
#include "vfs/operations/max_depth.h"
#include "vfs/operations/session_deadline.h"
#include "vfs/operations/transfer.h"
#include "vfs/operations/worker_pool.h"
#include "vfs/path.h"

namespace vfs::operations {
namespace {

int Depth(std::string_view dir) {
  return dir.empty() ? 0 : 1 + static_cast<int>(std::count(dir.begin(), dir.end(), '/'));
}

// Deepest first, so children go before their parents.
void SortDeepestFirst(std::vector<std::string>& dirs) {
  std::sort(dirs.begin(), dirs.end(), [](const std::string& a, const std::string& b) {
    int da = Depth(a), db = Depth(b);
    return da != db ? da > db : a > b;
  });
}

// Listing order key: name, then directories before objects.
int Compare(const DirEntry& a, const DirEntry& b) {
  std::string ra = a.remote(), rb = b.remote();
  if (ra != rb) return ra < rb ? -1 : 1;
  if (a.is_dir() == b.is_dir()) return 0;
  return a.is_dir() ? -1 : 1;
}

class Syncer {
 public:
  Syncer(const Context& ctx, Fs& src, Fs& dst, SyncMode mode, std::string_view src_file)
      : ctx_(ctx),
        src_(src),
        dst_(dst),
        mode_(mode),
        src_file_(src_file),
        common_hash_(CommonHash(src, dst)) {}

  absl::Status Run() {
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
    // A filter or a depth limit may leave files behind, so the whole directory cannot move in
    // one call.
    if (mode_ == SyncMode::kMove && src_file_.empty() && !Filtering() && !DepthLimited() &&
        TryDirMove()) {
      return absl::OkStatus();
    }
    if (ctx_.limits != nullptr) {
      const Limits::Options& lo = ctx_.limits->options();
      deadline_.emplace(lo.max_duration, lo.cutoff_mode, dst_.ToString());
    }

    if (mode_ == SyncMode::kSync && ctx_.options.delete_mode == DeleteMode::kBefore) {
      // A delete-only pass first: these deletions are not protected by later errors.
      delete_now_ = true;
      transfer_ = false;
      absl::Status st = March();
      if (!st.ok()) return Finish(st);
      delete_now_ = false;
      transfer_ = true;
      collect_deletes_ = false;
    } else if (mode_ == SyncMode::kSync) {
      delete_now_ = ctx_.options.delete_mode == DeleteMode::kDuring;
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

 private:
  struct DirJob {
    std::string dir;
    bool in_src;
    bool in_dst;
    int depth;  // of `dir`: the root is 0
  };

  absl::Status Finish(absl::Status setup_error) {
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
    if (stats.errors() > errors_before_) return stats.last_error();
    if (!stats.did_something()) LogInfo("", "There was nothing to transfer");
    return absl::OkStatus();
  }

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

  bool TryDirMove() {
    if (!dst_.features().dir_move || src_.Name() != dst_.Name()) return false;
    if (ctx_.options.dry_run) return false;
    absl::Status st = dst_.DirMove(src_, "", "");
    if (st.ok()) {
      LogInfo(dst_.ToString(), "Server side directory move succeeded");
      return true;
    }
    LogDebug(dst_.ToString(), absl::StrCat("Server side directory move failed - fallback to "
                                           "file moves: ", st.message()));
    return false;
  }

  // Lists one side; a missing directory is empty unless it is the source root. Repeated names
  // are set apart: the source's, and the destination's unless syncing, are reported as rclone
  // does and ignored (the first copy is used); sync resolves the destination's (MatchDir).
  absl::StatusOr<SplitListing> ListSide(Fs& fs, const std::string& dir, bool exists,
                                        std::string_view side, bool* excluded = nullptr) {
    if (!exists) return SplitListing{};
    absl::StatusOr<DirEntries> listed = fs.List(dir);
    if (!listed.ok()) {
      if (IsDirNotFound(listed.status()) && !(side == "source" && dir.empty())) {
        return SplitListing{};
      }
      return listed.status();
    }
    DirEntries entries = std::move(*listed);
    if (!src_file_.empty()) {
      // Only the named file matters, on both sides.
      std::erase_if(entries, [&](const DirEntry& e) {
        return !e.is_object() || e.remote() != src_file_;
      });
    } else if (Filtering() && !(side == "destination" && ctx_.options.delete_excluded)) {
      // Excluded destination files stay unseen, so never deleted, unless --delete-excluded.
      FilteredListing kept = FilterListing(*ctx_.filter, std::move(entries));
      if (kept.excluded) LogDebug(dir, "Excluded");
      if (excluded != nullptr) *excluded = kept.excluded;
      entries = std::move(kept.entries);
    }
    SplitListing split = SplitDuplicates(std::move(entries), side);
    if (side == "source" || mode_ != SyncMode::kSync) {
      ReportIgnoredDuplicates(split, side);
      split.extra_copies.clear();
    }
    return split;
  }

  absl::Status March() {
    Stats& stats = ctx_.st();
    WorkerPool checkers(ctx_.options.checkers);
    WorkerPool transfers(ctx_.options.transfers);
    // Small uploads to a backend that groups them run wider (see Features::batch_width).
    std::optional<WorkerPool> grouped;
    if (GroupsPuts()) grouped.emplace(dst_.features().batch_width);
    Pools pools{checkers, transfers, grouped ? &*grouped : nullptr};
    std::deque<DirJob> pending;
    pending.push_back({"", true, true, 0});
    absl::Status fatal;
    while (!pending.empty() && !Stopped()) {
      DirJob job = std::move(pending.front());
      pending.pop_front();
      bool src_excluded = false;
      absl::StatusOr<SplitListing> src_entries =
          ListSide(src_, job.dir, job.in_src, "source", &src_excluded);
      if (!src_entries.ok()) {
        stats.Error(src_entries.status());
        LogError(job.dir.empty() ? src_.ToString() : job.dir,
                 absl::StrCat("error reading source directory: ", src_entries.status().message()));
        if (job.dir.empty()) {
          fatal = src_entries.status();
          break;
        }
        continue;
      }
      absl::StatusOr<SplitListing> dst_entries = ListSide(dst_, job.dir, job.in_dst, "destination");
      if (!dst_entries.ok()) {
        stats.Error(dst_entries.status());
        LogError(job.dir.empty() ? dst_.ToString() : job.dir,
                 absl::StrCat("error reading destination directory: ",
                              dst_entries.status().message()));
        continue;
      }
      if (src_excluded && !job.dir.empty() && job.in_dst && mode_ == SyncMode::kSync) {
        // rclone leaves a source directory holding the --exclude-if-present file out of its
        // parent's listing, so its destination copy is a destination-only directory.
        absl::MutexLock lock(&mu_);
        dst_only_dirs_.push_back(job.dir);
      }
      MatchDir(src_entries->entries, *dst_entries, job.depth + 1, pending, pools);
    }
    checkers.Wait();
    transfers.Wait();
    if (grouped) grouped->Wait();
    return fatal;
  }

  struct Pools {
    WorkerPool& checkers;
    WorkerPool& transfers;
    WorkerPool* grouped;  // null unless GroupsPuts()
  };

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

  void SubmitTransfer(Pools& pools, ObjectPtr src, ObjectPtr dst) {
    if (Stopped()) return;
    int64_t size = src->size();
    bool small = size >= 0 && size <= dst_.features().batch_put_max_size;
    bool groupable = ServerSide() || (src_.Name() != dst_.Name() && small);
    WorkerPool& pool = pools.grouped != nullptr && groupable ? *pools.grouped : pools.transfers;
    pool.Submit([this, src = std::move(src), dst = std::move(dst)] { Transfer(src, dst); });
  }

  // Matches one directory's listings; `depth` is that of their entries (1 for the root's).
  void MatchDir(const DirEntries& src, const SplitListing& dst_listing, int depth,
                std::deque<DirJob>& pending, Pools& pools) {
    const DirEntries& dst = dst_listing.entries;
    // The destination's extra copies of an object's name (only kept when syncing).
    auto extras_of = [&](const DirEntry& d) -> const std::vector<ObjectPtr>* {
      auto it = dst_listing.extra_copies.find(d.remote());
      return d.is_object() && it != dst_listing.extra_copies.end() ? &it->second : nullptr;
    };
    size_t i = 0, j = 0;
    while (i < src.size() || j < dst.size()) {
      int c = i >= src.size() ? 1 : j >= dst.size() ? -1 : Compare(src[i], dst[j]);
      if (c == 0) {
        const DirEntry& s = src[i++];
        const DirEntry& d = dst[j++];
        if (s.is_dir()) {
          if (mode_ == SyncMode::kMove) AddSrcDir(s.remote());
          if (Lists(depth, false)) pending.push_back({s.remote(), true, true, depth});
        } else if (!transfer_) {
          // the delete-only pass of --delete-before: nothing to do for a matched file
        } else if (const std::vector<ObjectPtr>* extras = extras_of(d)) {
          ResolveDuplicates(s.object(), d.object(), *extras, pools);
        } else {
          Check(s.object(), d.object(), pools);
        }
      } else if (c < 0) {
        const DirEntry& s = src[i++];
        if (s.is_dir()) {
          if (mode_ == SyncMode::kMove) AddSrcDir(s.remote());
          if (transfer_ && ctx_.options.create_empty_src_dirs) MakeDir(s.remote());
          if (Lists(depth, false)) pending.push_back({s.remote(), true, false, depth});
        } else if (transfer_) {
          ObjectPtr object = s.object();
          LogDebug(object->remote(), "Need to transfer - File not found at Destination");
          SubmitTransfer(pools, object, nullptr);
        }
      } else {
        const DirEntry& d = dst[j++];
        if (mode_ != SyncMode::kSync) continue;
        if (d.is_dir()) {
          {
            absl::MutexLock lock(&mu_);
            dst_only_dirs_.push_back(d.remote());
          }
          if (Lists(depth, true)) pending.push_back({d.remote(), false, true, depth});
        } else {
          // Not in the source: every copy of the name goes.
          std::vector<ObjectPtr> copies = {d.object()};
          if (const std::vector<ObjectPtr>* extras = extras_of(d)) {
            copies.insert(copies.end(), extras->begin(), extras->end());
          }
          for (ObjectPtr& object : copies) {
            if (delete_now_) {
              pools.checkers.Submit([this, object] { (void)DeleteObject(ctx_, *object); });
            } else if (collect_deletes_) {
              absl::MutexLock lock(&mu_);
              to_delete_.push_back({std::move(object), false});
            }
          }
        }
      }
    }
  }

  void Check(ObjectPtr src, ObjectPtr dst, Pools& pools) {
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

  // The destination holds `first` and `extras` under the name of `src`. Sync never adds to
  // them, and makes the name hold one file: when every copy is the source's file (SameFile: same
  // size and common hash), the extras are deleted with the other deletions (--max-delete,
  // --dry-run and errors apply); otherwise no copy can be told to be the right one, so all are
  // left alone and the run fails (counted in Finish).
  void ResolveDuplicates(ObjectPtr src, ObjectPtr first, std::vector<ObjectPtr> extras,
                         Pools& pools) {
    pools.checkers.Submit([this, src, first, extras = std::move(extras)] {
      Stats& stats = ctx_.st();
      std::string name = src->remote();
      stats.StartCheck(name);
      bool identical = SameFile(common_hash_, *src, *first);
      for (size_t i = 0; identical && i < extras.size(); ++i) {
        identical = SameFile(common_hash_, *src, *extras[i]);
      }
      stats.FinishCheck(name);
      size_t copies = extras.size() + 1;
      if (!identical) {
        LogError(name, absl::StrCat("Duplicate object found in destination (", copies,
                                    " copies, not all identical to the source) - left alone: ",
                                    kDedupeHint));
        absl::MutexLock lock(&mu_);
        duplicate_conflicts_.push_back(
            BadInput(name, "duplicate object found in destination with different content"));
        return;
      }
      LogNotice(name, absl::StrCat("Duplicate object found in destination (", copies,
                                   " identical copies) - deleting the extra ones"));
      absl::MutexLock lock(&mu_);
      for (const ObjectPtr& copy : extras) to_delete_.push_back({copy, true});
    });
  }

  std::vector<absl::Status> TakeDuplicateConflicts() {
    absl::MutexLock lock(&mu_);
    return std::exchange(duplicate_conflicts_, {});
  }

  void Transfer(const ObjectPtr& src, const ObjectPtr& existing) {
    if (Stopped()) return;  // queued before the run was stopped
    if (mode_ == SyncMode::kMove) {
      (void)MoveObject(ctx_, src_, src, dst_, src->remote(), existing);
    } else {
      (void)CopyObject(ctx_, src_, src, dst_, src->remote(), existing);
    }
  }

  void MakeDir(const std::string& dir) {
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

  void AddSrcDir(const std::string& dir) {
    absl::MutexLock lock(&mu_);
    src_dirs_.push_back(dir);
  }

  void DeleteAfter() {
    Stats& stats = ctx_.st();
    bool collected;
    {
      absl::MutexLock lock(&mu_);
      collected = !to_delete_.empty();
    }
    if (!collect_deletes_ && !collected) {  // --delete-before/--during deleted them already
      RemoveDstOnlyDirs();
      return;
    }
    if (stats.errors() > errors_before_ && !ctx_.options.ignore_errors) {
      LogError(dst_.ToString(), "not deleting files as there were IO errors");
      LogError(dst_.ToString(), "not deleting directories as there were IO errors");
      return;
    }
    if (Stopped()) return;  // a stopped run deletes nothing: not every transfer happened
    std::vector<Doomed> doomed;
    {
      absl::MutexLock lock(&mu_);
      doomed.swap(to_delete_);
    }
    // Deletions already made during the run (--delete-during) count too.
    int64_t needed =
        static_cast<int64_t>(doomed.size()) + stats.Snapshot().deletes - deletes_before_;
    if (ctx_.options.max_delete >= 0 && needed > ctx_.options.max_delete) {
      absl::Status st = BadInput(dst_.ToString(), "--max-delete threshold reached");
      stats.Error(st);
      LogError(dst_.ToString(),
               absl::StrCat("not deleting: ", needed, " deletes needed but --max-delete is ",
                            ctx_.options.max_delete));
      return;
    }
    {
      // Removals to a grouping backend share calls, so more may run at once.
      WorkerPool deleters(std::max(ctx_.options.checkers, dst_.features().batch_width));
      for (const Doomed& d : doomed) {
        deleters.Submit([this, d] {
          (void)DeleteObject(ctx_, *d.object, d.duplicate ? "Deleted (duplicate)" : "Deleted");
        });
      }
    }
    if (stats.errors() > errors_before_ && !ctx_.options.ignore_errors) {
      LogError(dst_.ToString(), "not deleting directories as there were IO errors");
      return;
    }
    RemoveDstOnlyDirs();
  }

  void RemoveDstOnlyDirs() {
    if (!dst_.features().can_have_empty_dirs) return;
    std::vector<std::string> dirs;
    {
      absl::MutexLock lock(&mu_);
      dirs.swap(dst_only_dirs_);
    }
    SortDeepestFirst(dirs);
    // Under a filter a directory may still hold excluded files, and under --max-depth files
    // below the limit: failing to remove it is no error then (rclone's TryRmdir).
    bool complete = !Filtering() && !DepthLimited();
    for (const std::string& dir : dirs) (void)RemoveDir(ctx_, dst_, dir, complete);
  }

  void RemoveEmptySrcDirs() {
    std::vector<std::string> dirs;
    {
      absl::MutexLock lock(&mu_);
      dirs.swap(src_dirs_);
    }
    SortDeepestFirst(dirs);
    for (const std::string& dir : dirs) {
      if (ctx_.options.dry_run) {
        LogNotice(dir, "Skipped remove directory as --dry-run is set");
        continue;
      }
      absl::Status st = src_.Rmdir(dir);
      if (st.ok()) {
        LogInfo(dir, "Removing directory");
        ctx_.st().AddDeletedDir();
      } else {
        LogDebug(dir, absl::StrCat("Not removing directory: ", st.message()));
      }
    }
  }

  const Context& ctx_;
  Fs& src_;
  Fs& dst_;
  SyncMode mode_;
  std::string src_file_;
  hash::HashType common_hash_;  // what tells copies of a duplicate apart (SameFile)
  int64_t errors_before_ = 0;
  int64_t deletes_before_ = 0;
  bool transfer_ = true;         // copy files in this pass
  bool delete_now_ = false;      // delete destination-only files as they are found
  bool collect_deletes_ = false;  // remember them for after the transfers

  std::optional<SessionDeadline> deadline_;  // --max-duration

  struct Doomed {
    ObjectPtr object;
    bool duplicate;  // an extra copy of a duplicated name
  };
  absl::Mutex mu_;
  std::vector<Doomed> to_delete_ ABSL_GUARDED_BY(mu_);
  std::vector<absl::Status> duplicate_conflicts_ ABSL_GUARDED_BY(mu_);
  std::vector<std::string> dst_only_dirs_ ABSL_GUARDED_BY(mu_);
  std::vector<std::string> src_dirs_ ABSL_GUARDED_BY(mu_);
};

}  // namespace

absl::Status Sync(const Context& ctx, Fs& src, Fs& dst, SyncMode mode, std::string_view src_file) {
  Syncer syncer(ctx, src, dst, mode, src_file);
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
  if (stats.errors() > errors_before) return stats.last_error();
  if (!stats.did_something()) LogInfo("", "There was nothing to transfer");
  return absl::OkStatus();
}

}  // namespace vfs::operations
