#include "vfs/operations/dirs.h"

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "vfs/operations/list.h"
#include "vfs/operations/max_depth.h"
#include "vfs/operations/transfer.h"
#include "vfs/operations/worker_pool.h"
#include "vfs/path.h"
#include "vfs/walk.h"

namespace vfs::operations {
absl::Status Delete(const Context& ctx, Fs& fs, std::string_view only_file) {
  absl::StatusOr<DirEntries> entries =
      ListEntries(fs, only_file, WalkDepth(ctx.options.max_depth), ctx.filter.get());
  if (!entries.ok()) {
    ctx.st().Error(entries.status());
    return entries.status();
  }
  int64_t before = ctx.st().errors();
  {
    WorkerPool pool(ctx.options.checkers);
    for (const DirEntry& e : *entries) {
      if (!e.is_object()) continue;
      ObjectPtr object = e.object();
      pool.Submit([&ctx, object] { (void)DeleteObject(ctx, *object); });
    }
  }
  return ctx.st().ErrorSince(before);
}

absl::Status Purge(const Context& ctx, Fs& fs) {
  if (fs.features().purge) {
    if (ctx.options.dry_run) {
      LogNotice(fs.ToString(), "Skipped purge directory as --dry-run is set");
      return absl::OkStatus();
    }
    absl::Status st = fs.Purge("");
    if (st.ok() || KindOf(st) != ErrorKind::kCantPurge) {
      if (!st.ok()) ctx.st().Error(st);
      return st;
    }
  }
  // Fallback: every object, then every directory including the root. Purge ignores filters.
  Context everything = ctx;
  everything.filter = nullptr;
  absl::Status st = Delete(everything, fs, "");
  if (!st.ok()) return st;
  return Rmdirs(everything, fs, "", false);
}

absl::Status Mkdir(const Context& ctx, Fs& fs, std::string_view dir) {
  if (ctx.options.dry_run) {
    LogNotice(dir.empty() ? fs.ToString() : std::string(dir),
              "Skipped make directory as --dry-run is set");
    return absl::OkStatus();
  }
  LogDebug(fs.ToString(), "Making directory");
  absl::Status st = fs.Mkdir(dir);
  if (!st.ok()) ctx.st().Error(st);
  return st;
}

absl::Status Rmdir(const Context& ctx, Fs& fs, std::string_view dir) {
  if (ctx.options.dry_run) {
    LogNotice(dir.empty() ? fs.ToString() : std::string(dir),
              "Skipped remove directory as --dry-run is set");
    return absl::OkStatus();
  }
  absl::Status st = fs.Rmdir(dir);
  if (!st.ok()) ctx.st().Error(st);
  return st;
}

absl::Status Rmdirs(const Context& ctx, Fs& fs, std::string_view dir, bool leave_root) {
  int max_depth = WalkDepth(ctx.options.max_depth);
  absl::StatusOr<DirEntries> entries = Walk(fs, dir, WalkOptions{.max_depth = max_depth});
  if (!entries.ok()) {
    ctx.st().Error(entries.status());
    return entries.status();
  }
  // A directory holding an object anywhere below it stays, and so does one at the --max-depth
  // limit: its content was not listed, so it is not known to be empty.
  std::set<std::string> dirs;
  std::set<std::string> keep;
  for (const DirEntry& e : *entries) {
    std::string remote = e.remote();
    bool unlisted = e.is_dir() && max_depth >= 0 && DepthBelow(remote, dir) == max_depth;
    if (e.is_dir() && !unlisted) {
      dirs.insert(remote);
      continue;
    }
    std::string parent(ParentDir(remote));
    for (;;) {
      keep.insert(parent);
      if (parent.empty() || parent == dir) break;
      parent = std::string(ParentDir(parent));
    }
  }
  std::vector<std::string> doomed;
  for (const std::string& d : dirs) {
    if (!keep.count(d)) doomed.push_back(d);
  }
  std::sort(doomed.begin(), doomed.end(), [](const std::string& a, const std::string& b) {
    auto depth = [](const std::string& s) { return std::count(s.begin(), s.end(), '/'); };
    return depth(a) != depth(b) ? depth(a) > depth(b) : a > b;
  });
  int64_t before = ctx.st().errors();
  for (const std::string& d : doomed) (void)RemoveDir(ctx, fs, d);
  if (!leave_root && !keep.count(std::string(dir)) && ctx.st().errors() == before) {
    (void)RemoveDir(ctx, fs, dir);
  }
  return ctx.st().ErrorSince(before);
}

absl::Status Touch(const Context& ctx, Fs& fs, std::string_view remote,
                   const TouchOptions& options) {
  Stats& stats = ctx.st();
  int64_t before = stats.errors();
  auto touch_one = [&](Object& object) {
    if (ctx.options.dry_run) {
      LogNotice(object.remote(), "Skipped touch as --dry-run is set");
      return;
    }
    absl::Status st = object.SetModTime(options.time);
    if (!st.ok()) {
      stats.Error(st);
      LogError(object.remote(), absl::StrCat("Failed to touch: ", st.message()));
    }
  };
  if (options.recursive) {
    absl::StatusOr<DirEntries> entries =
        ListEntries(fs, remote, WalkDepth(ctx.options.max_depth), ctx.filter.get());
    if (!entries.ok()) {
      stats.Error(entries.status());
      return entries.status();
    }
    for (const DirEntry& e : *entries) {
      if (e.is_object()) touch_one(*e.object());
    }
    return stats.ErrorSince(before);
  }
  absl::StatusOr<ObjectPtr> object = fs.NewObject(remote);
  if (object.ok()) {
    touch_one(**object);
    return stats.ErrorSince(before);
  }
  if (!IsObjectNotFound(object.status()) && !IsDirNotFound(object.status())) {
    stats.Error(object.status());
    return object.status();
  }
  if (options.no_create) {
    LogNotice(remote, "Not touching nonexistent file due to --no-create");
    return absl::OkStatus();
  }
  if (ctx.options.dry_run) {
    LogNotice(remote, "Skipped create as --dry-run is set");
    return absl::OkStatus();
  }
  StringSource empty("");
  StaticObjectInfo info{std::string(remote), 0, options.time};
  absl::StatusOr<ObjectPtr> created = fs.Put(empty, info);
  if (!created.ok()) {
    stats.Error(created.status());
    return created.status();
  }
  return absl::OkStatus();
}

}  // namespace vfs::operations
