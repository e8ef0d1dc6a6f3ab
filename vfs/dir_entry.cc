#include "vfs/dir_entry.h"

#include <algorithm>

namespace vfs {

void SortEntries(DirEntries& entries) {
  std::stable_sort(entries.begin(), entries.end(), [](const DirEntry& a, const DirEntry& b) {
    std::string ra = a.remote();
    std::string rb = b.remote();
    if (ra != rb) return ra < rb;
    return a.is_dir() && !b.is_dir();
  });
}

}  // namespace vfs
