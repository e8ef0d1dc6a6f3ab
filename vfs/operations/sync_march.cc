// Sync's march: both trees listed one directory at a time (a bounded queue of directory jobs),
// each pair of listings matched by name; matched files go to the checkers, missing ones to the
// transfers, destination-only ones to the deletions.
#include <deque>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "vfs/operations/backup.h"
#include "vfs/operations/syncer.h"
#include "vfs/operations/transfer.h"

namespace vfs::operations::sync_internal {
namespace {

// Listing order key: name, then directories before objects.
int Compare(const DirEntry& a, const DirEntry& b) {
  std::string ra = a.remote(), rb = b.remote();
  if (ra != rb) return ra < rb ? -1 : 1;
  if (a.is_dir() == b.is_dir()) return 0;
  return a.is_dir() ? -1 : 1;
}

}  // namespace

absl::StatusOr<SplitListing> Syncer::ListSide(Fs& fs, const std::string& dir, bool exists,
                                              std::string_view side, bool* excluded) {
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
    std::erase_if(entries,
                  [&](const DirEntry& e) { return !e.is_object() || e.remote() != src_file_; });
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

absl::Status Syncer::March() {
  Stats& stats = ctx_.st();
  WorkerPool checkers(ctx_.options.checkers);
  WorkerPool transfers(ctx_.options.transfers);
  // Small uploads to a backend that groups them run wider (see Features::batch_width).
  std::optional<WorkerPool> grouped;
  if (GroupsPuts()) grouped.emplace(dst_.features().batch_width);
  Pools pools{checkers, transfers, grouped ? &*grouped : nullptr};
  std::deque<DirJob> pending;
  pending.push_back({"", true, ListsDestination(), 0});
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
      LogError(
          job.dir.empty() ? dst_.ToString() : job.dir,
          absl::StrCat("error reading destination directory: ", dst_entries.status().message()));
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
  if (tracking_renames_ && transfer_ && !Stopped()) {
    ResolveRenames(pools);
    checkers.Wait();
  }
  if (hold_transfers_) {
    LogInfo(dst_.ToString(), "Checks finished, now starting transfers");
    ReleaseHeldTransfers(pools);
  }
  transfers.Wait();
  if (grouped) grouped->Wait();
  return fatal;
}

void Syncer::MatchDir(const DirEntries& src, const SplitListing& dst_listing, int depth,
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
        NewFile(s.object(), pools);
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
        for (ObjectPtr& object : copies) DeleteDstOnly(std::move(object), pools);
      }
    }
  }
}

void Syncer::DeleteDstOnly(ObjectPtr object, Pools& pools, bool rename_candidate) {
  if (rename_candidate && tracking_renames_ && transfer_) {
    absl::MutexLock lock(&mu_);
    rename_dst_.push_back(std::move(object));
  } else if (delete_now_) {
    pools.checkers.Submit([this, object] { (void)DeleteOrBackup(ctx_, dst_, object); });
  } else if (collect_deletes_) {
    absl::MutexLock lock(&mu_);
    to_delete_.push_back({std::move(object), false});
  }
}

void Syncer::AddSrcDir(const std::string& dir) {
  absl::MutexLock lock(&mu_);
  src_dirs_.push_back(dir);
}

}  // namespace vfs::operations::sync_internal
