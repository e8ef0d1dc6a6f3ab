#include "vfs/operations/sync_options.h"

#include <algorithm>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "base/enum_names.h"
#include "base/string_views.h"
#include "base/word_flags.h"
#include "vfs/operations/error_class.h"
#include "vfs/path.h"

namespace vfs::operations {
namespace {

// Both paths on one remote, one inside the other.
bool Overlapping(const Fs& a, const Fs& b) {
  return a.Name() == b.Name() && (IsUnder(a.Root(), b.Root()) || IsUnder(b.Root(), a.Root()));
}

}  // namespace

absl::StatusOr<OrderBy> ParseOrderBy(std::string_view text) {
  OrderBy order;
  if (text.empty()) return order;
  std::vector<std::string> parts = absl::StrSplit(base::ToAbsl(text), ',');
  if (parts.size() > 3) {
    return FatalError(absl::StrCat("bad --order-by string \"", base::ToAbsl(text), "\""));
  }
  static constexpr base::EnumName<OrderBy::Key> kKeys[] = {
      {OrderBy::Key::kName, "name"},
      {OrderBy::Key::kSize, "size"},
      {OrderBy::Key::kModTime, "modtime"},
  };
  const std::string& key = parts[0];
  if (std::optional<OrderBy::Key> k = base::ValueOf(kKeys, key)) {
    order.key = *k;
  } else {
    return FatalError(absl::StrCat("unknown --order-by comparison \"", key, "\""));
  }
  if (parts.size() >= 2) {
    const std::string& dir = parts[1];
    if (dir == "ascending" || dir == "asc") {
      order.direction = OrderBy::Direction::kAscending;
    } else if (dir == "descending" || dir == "desc") {
      order.direction = OrderBy::Direction::kDescending;
    } else if (dir == "mixed") {
      order.direction = OrderBy::Direction::kMixed;
    } else {
      return FatalError(absl::StrCat("unknown --order-by sort direction \"", dir, "\""));
    }
  }
  if (parts.size() == 3) {
    int percent = 0;
    if (order.direction != OrderBy::Direction::kMixed || !absl::SimpleAtoi(parts[2], &percent) ||
        percent < 0 || percent > 100) {
      return FatalError(absl::StrCat("bad mixed percentage --order-by string \"", base::ToAbsl(text), "\""));
    }
    order.mixed_percent = percent;
  }
  return order;
}

void SortTransfers(const OrderBy& order, std::vector<TransferPair>& objects) {
  if (order.key == OrderBy::Key::kNone) return;
  auto less = [&order](const TransferPair& pa, const TransferPair& pb) {
    const ObjectPtr& a = pa.first;
    const ObjectPtr& b = pb.first;
    switch (order.key) {
      case OrderBy::Key::kSize:
        if (a->size() != b->size()) return a->size() < b->size();
        break;
      case OrderBy::Key::kModTime:
        if (a->mod_time() != b->mod_time()) return a->mod_time() < b->mod_time();
        break;
      default:
        break;
    }
    return a->remote() < b->remote();
  };
  std::stable_sort(objects.begin(), objects.end(), less);
  if (order.direction == OrderBy::Direction::kDescending) {
    std::reverse(objects.begin(), objects.end());
  } else if (order.direction == OrderBy::Direction::kMixed) {
    // Take from the large end while its share is below the percentage, else from the small end.
    std::vector<TransferPair> mixed;
    size_t lo = 0, hi = objects.size(), from_top = 0;
    while (lo < hi) {
      bool top = from_top * 100 < static_cast<size_t>(order.mixed_percent) * (mixed.size() + 1);
      if (top) {
        mixed.push_back(objects[--hi]);
        ++from_top;
      } else {
        mixed.push_back(objects[lo++]);
      }
    }
    objects.swap(mixed);
  }
}

absl::StatusOr<RenameStrategy> ParseRenameStrategy(std::string_view text) {
  RenameStrategy strategy;
  std::optional<std::string> unknown = base::SetWordFlags(text, {{"hash", &strategy.hash},
                                                                 {"modtime", &strategy.modtime},
                                                                 {"leaf", &strategy.leaf},
                                                                 {"size", nullptr}});
  if (unknown) {  // rclone retries this one (a plain error)
    return absl::InvalidArgumentError(
        absl::StrCat("unknown track renames strategy \"", *unknown, "\""));
  }
  return strategy;
}

std::string SuffixedName(std::string_view remote, const Options& options) {
  if (!options.suffix_keep_extension) return absl::StrCat(base::ToAbsl(remote), options.suffix);
  // Go's path.Ext: from the last dot of the last segment.
  size_t slash = remote.rfind('/');
  size_t dot = remote.rfind('.');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) {
    return absl::StrCat(base::ToAbsl(remote), options.suffix);
  }
  return absl::StrCat(base::ToAbsl(remote.substr(0, dot)), options.suffix,
                      base::ToAbsl(remote.substr(dot)));
}

absl::Status CheckSyncDirs(const Context& ctx, const Fs& src, const Fs& dst) {
  if (!ctx.compare_dest.empty() && !ctx.copy_dest.empty()) {
    return FatalError("can't use --compare-dest with --copy-dest");
  }
  if (!ctx.copy_dest.empty() && !dst.features().copy) {
    return FatalError("can't use --copy-dest on a remote which doesn't support server side copy");
  }
  const Fs* backup = ctx.backup_dir;
  if (backup != nullptr && !dst.features().move && !dst.features().copy) {
    return FatalError(
        "can't use --backup-dir on a remote which doesn't support server-side move or copy");
  }
  if (backup == nullptr || backup == &dst) return absl::OkStatus();  // none, or --suffix alone
  if (backup->Name() != dst.Name()) {
    return FatalError("parameter to --backup-dir has to be on the same remote as destination");
  }
  if (Overlapping(*backup, dst)) {
    return FatalError("destination and parameter to --backup-dir mustn't overlap");
  }
  if (Overlapping(*backup, src)) {
    return FatalError("source and parameter to --backup-dir mustn't overlap");
  }
  return absl::OkStatus();
}

}  // namespace vfs::operations
