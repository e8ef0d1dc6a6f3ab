// rclone's exit codes, with the meaning current rclone documents (since v1.69: 1 = uncategorised
// error, 2 = syntax/usage error), computed from the vfs error kinds (spec 4.13).
#ifndef FICHIER_HOST_EXIT_CODE_H_
#define FICHIER_HOST_EXIT_CODE_H_

#include "absl/status/status.h"

namespace fclone {

enum ExitCode {
  kExitSuccess = 0,
  kExitUncategorized = 1,
  kExitUsage = 2,
  kExitDirNotFound = 3,
  kExitFileNotFound = 4,
  kExitRetry = 5,
  kExitNoRetry = 6,
  kExitFatal = 7,
  kExitTransferExceeded = 8,
  kExitNoFilesTransferred = 9,
};

// The code for a command's final error (OK gives 0).
int ExitCodeFor(const absl::Status& status);

// A usage error (bad flag, wrong argument count): carries a payload so ExitCodeFor gives 2.
absl::Status UsageError(std::string message);
bool IsUsageError(const absl::Status& status);

}  // namespace fclone

#endif  // FICHIER_HOST_EXIT_CODE_H_
