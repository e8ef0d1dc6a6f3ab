// rclone's sync flags that need checking or reading before a run: --order-by,
// --track-renames-strategy, --backup-dir/--suffix, --compare-dest/--copy-dest. The messages are
// rclone 1.60's, as are their classes (fatal ones exit 7).
#ifndef FICHIER_VFS_OPERATIONS_SYNC_OPTIONS_H_
#define FICHIER_VFS_OPERATIONS_SYNC_OPTIONS_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "vfs/fs.h"
#include "vfs/operations/context.h"

namespace vfs::operations {

// --order-by "key[,direction[,percent]]": key name|size|modtime, direction
// ascending|asc|descending|desc|mixed; mixed takes `mixed_percent` of the transfers from the
// large/late end and the rest from the other.
struct OrderBy {
  enum class Key { kNone, kName, kSize, kModTime };
  enum class Direction { kAscending, kDescending, kMixed };
  Key key = Key::kNone;
  Direction direction = Direction::kAscending;
  int mixed_percent = 50;
};
absl::StatusOr<OrderBy> ParseOrderBy(std::string_view text);
// A transfer waiting for its turn: the source and the destination it replaces (may be null).
using TransferPair = std::pair<ObjectPtr, ObjectPtr>;
// Sorts transfers by their source as --order-by says (mixed interleaves both ends).
void SortTransfers(const OrderBy& order, std::vector<TransferPair>& transfers);

// --track-renames-strategy "hash,modtime,leaf" (any of them; size is always compared).
struct RenameStrategy {
  bool hash = false;
  bool modtime = false;
  bool leaf = false;
};
absl::StatusOr<RenameStrategy> ParseRenameStrategy(std::string_view text);

// The name a backup gets: `remote` + suffix, or with --suffix-keep-extension the suffix before
// the extension ("a/file.txt" -> "a/file-1.txt").
std::string SuffixedName(std::string_view remote, const Options& options);

// Checks what the run's extra directories allow: --backup-dir on the destination's remote and
// overlapping neither side, --compare-dest/--copy-dest not both. Errors are fatal.
absl::Status CheckSyncDirs(const Context& ctx, const Fs& src, const Fs& dst);

}  // namespace vfs::operations

#endif  // FICHIER_VFS_OPERATIONS_SYNC_OPTIONS_H_
