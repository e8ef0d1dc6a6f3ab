// How an error affects the rest of a run (rclone's fserrors classes): whether retrying the whole
// command can help, and whether the run must stop at once. Shared by the stats (which remember
// the worst class seen) and the host (retries and exit codes).
#ifndef FICHIER_VFS_OPERATIONS_ERROR_CLASS_H_
#define FICHIER_VFS_OPERATIONS_ERROR_CLASS_H_

#include <string_view>

#include "absl/status/status.h"

namespace vfs::operations {

enum class ErrorClass {
  kRetryable,  // plain errors: another attempt of the command may succeed (rclone's default)
  kNoRetry,    // retrying will give the same answer (bad input, empty file refused, ...)
  kFatal,      // nothing else can work (bad credentials, account not premium): stop now
};

ErrorClass ClassifyError(const absl::Status& status);

// Errors of a given class with rclone's exact message (fserrors.FatalError / NoRetryError):
// `fatal` stops the run and exits 7, `no-retry` skips the whole-run retries.
absl::Status FatalError(std::string_view message);
absl::Status NoRetryError(std::string_view message);
// Whether `status` was made by NoRetryError (rclone exits 6 for those).
bool IsNoRetryError(const absl::Status& status);

}  // namespace vfs::operations

#endif  // FICHIER_VFS_OPERATIONS_ERROR_CLASS_H_
