#include "vfs/walk.h"

#include <deque>
#include <string>
#include <utility>

#include "vfs/path.h"

namespace vfs {
absl::StatusOr<DirEntries> Walk(Fs& fs, std::string_view dir, const WalkOptions& options) {
  DirEntries out;
  if (options.use_list_r && fs.features().list_r) {
    absl::Status status = fs.ListR(dir, [&](DirEntries batch) {
      for (DirEntry& e : batch) {
        if (options.max_depth < 0 || DepthBelow(e.remote(), dir) <= options.max_depth) {
          out.push_back(std::move(e));
        }
      }
      return absl::OkStatus();
    });
    if (!status.ok()) return status;
    SortEntries(out);
    return out;
  }
  // Breadth-first, one List per directory.
  std::deque<std::pair<std::string, int>> pending;
  pending.emplace_back(std::string(dir), 1);
  while (!pending.empty()) {
    auto [current, depth] = std::move(pending.front());
    pending.pop_front();
    absl::StatusOr<DirEntries> entries = fs.List(current);
    if (!entries.ok()) return entries.status();
    for (DirEntry& e : *entries) {
      if (e.is_dir() && (options.max_depth < 0 || depth < options.max_depth)) {
        pending.emplace_back(e.remote(), depth + 1);
      }
      out.push_back(std::move(e));
    }
  }
  SortEntries(out);
  return out;
}

}  // namespace vfs
