// Sync's deletions: destination-only files and identical extra copies of duplicated names,
// deleted after the transfers (--max-delete, --dry-run, never after an error), then the
// directories left empty; and move's --delete-empty-src-dirs.
#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "vfs/operations/backup.h"
#include "vfs/operations/error_class.h"
#include "vfs/operations/syncer.h"
#include "vfs/operations/transfer.h"

namespace vfs::operations::sync_internal {
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

}  // namespace

void Syncer::ResolveDuplicates(ObjectPtr src, ObjectPtr first, std::vector<ObjectPtr> extras,
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
      LogError(name, absl::StrCat(
                         "Duplicate object found in destination (", copies,
                         " copies, not all identical to the source) - left alone: ", kDedupeHint));
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

std::vector<absl::Status> Syncer::TakeDuplicateConflicts() {
  absl::MutexLock lock(&mu_);
  return std::exchange(duplicate_conflicts_, {});
}

void Syncer::DeleteAfter() {
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
  int64_t needed = static_cast<int64_t>(doomed.size()) + stats.Snapshot().deletes - deletes_before_;
  if (ctx_.options.max_delete >= 0 && needed > ctx_.options.max_delete) {
    // rclone's fatal error (exit 7); nothing is deleted rather than an arbitrary part.
    absl::Status st = FatalError("--max-delete threshold reached");
    LogError(dst_.ToString(),
             absl::StrCat("not deleting: ", needed, " deletes needed but --max-delete is ",
                          ctx_.options.max_delete));
    LogError("", absl::StrCat("Got fatal error on delete: ", st.message()));
    stats.Error(st);
    return;
  }
  {
    // Removals to a grouping backend share calls, so more may run at once.
    WorkerPool deleters(std::max(ctx_.options.checkers, dst_.features().batch_width));
    for (const Doomed& d : doomed) {
      deleters.Submit([this, d] {
        (void)DeleteOrBackup(ctx_, dst_, d.object, d.duplicate ? "Deleted (duplicate)" : "Deleted");
      });
    }
  }
  if (stats.errors() > errors_before_ && !ctx_.options.ignore_errors) {
    LogError(dst_.ToString(), "not deleting directories as there were IO errors");
    return;
  }
  RemoveDstOnlyDirs();
}

void Syncer::RemoveDstOnlyDirs() {
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

void Syncer::RemoveEmptySrcDirs() {
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

}  // namespace vfs::operations::sync_internal
