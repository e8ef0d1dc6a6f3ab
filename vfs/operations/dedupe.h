// dedupe (spec 4.6): finds objects sharing one path (or, with by_hash, one hash) and resolves
// each group by rclone's modes. Identical copies (same hash) are deleted first in every mode
// except list, as rclone does. An object is only ever deleted through its own handle, and
// groups whose objects cannot be told apart (no backend ID, or one ID listed twice) are left
// alone, so no mode can lose the only copy of some content by accident.
#ifndef FICHIER_VFS_OPERATIONS_DEDUPE_H_
#define FICHIER_VFS_OPERATIONS_DEDUPE_H_

#include <functional>
#include <ostream>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "vfs/fs.h"
#include "vfs/operations/context.h"

namespace vfs::operations {

enum class DedupeMode { kInteractive, kSkip, kFirst, kNewest, kOldest, kLargest, kSmallest,
                        kRename, kList };

// Case-insensitive; InvalidArgument naming the valid modes otherwise.
absl::StatusOr<DedupeMode> ParseDedupeMode(std::string_view name);
std::string_view DedupeModeName(DedupeMode mode);

struct DedupeOptions {
  DedupeMode mode = DedupeMode::kInteractive;
  bool by_hash = false;
  std::ostream* out = nullptr;  // where groups are printed (list, interactive); required
  // Interactive mode: shows `prompt` and returns the line typed (without newline); an empty
  // optional-like "" answer takes the default. Required for kInteractive.
  std::function<std::string(std::string_view prompt)> ask;
};

absl::Status Dedupe(const Context& ctx, Fs& fs, const DedupeOptions& options);

}  // namespace vfs::operations

#endif  // FICHIER_VFS_OPERATIONS_DEDUPE_H_
