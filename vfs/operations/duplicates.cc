#include "vfs/operations/duplicates.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "vfs/operations/context.h"

namespace vfs::operations {

SplitListing SplitDuplicates(DirEntries entries, std::string_view side) {
  SortEntries(entries);  // stable: copies of one name keep their listing order
  SplitListing out;
  out.entries.reserve(entries.size());
  for (DirEntry& e : entries) {
    const DirEntry* previous = out.entries.empty() ? nullptr : &out.entries.back();
    if (previous == nullptr || previous->is_dir() != e.is_dir() ||
        previous->remote() != e.remote()) {
      out.entries.push_back(std::move(e));
      continue;
    }
    if (e.is_dir()) {
      LogNotice(e.remote(),
                absl::StrCat("Duplicate directory found in ", std::string(side), " - ignoring"));
      continue;
    }
    out.extra_copies[e.remote()].push_back(e.object());
  }
  return out;
}

void ReportIgnoredDuplicates(const SplitListing& listing, std::string_view side) {
  for (const auto& [name, copies] : listing.extra_copies) {
    for (size_t i = 0; i < copies.size(); ++i) {
      LogNotice(name, absl::StrCat("Duplicate object found in ", std::string(side), " - ignoring"));
    }
  }
}

bool SameFile(hash::HashType common, const Object& original, const Object& copy) {
  if (original.size() < 0 || original.size() != copy.size()) return false;
  if (common == hash::HashType::kNone) return true;
  absl::StatusOr<std::string> a = original.Hash(common);
  absl::StatusOr<std::string> b = copy.Hash(common);
  return a.ok() && b.ok() && !a->empty() && *a == *b;
}

}  // namespace vfs::operations
