#include "host/exit_code.h"

#include "absl/strings/cord.h"
#include "host/stop_signals.h"
#include "vfs/errors.h"
#include "vfs/operations/error_class.h"
#include "vfs/operations/limits.h"

namespace fclone {
namespace {
constexpr char kUsagePayload[] = "fclone/usage";
}  // namespace

absl::Status UsageError(std::string message) {
  absl::Status st = absl::InvalidArgumentError(message);
  st.SetPayload(kUsagePayload, absl::Cord("1"));
  return st;
}

bool IsUsageError(const absl::Status& status) {
  return status.GetPayload(kUsagePayload).has_value();
}

int ExitCodeFor(const absl::Status& status) {
  if (status.ok()) return kExitSuccess;
  if (IsUsageError(status)) return kExitUsage;
  if (int code = SignalExitCode(status); code != 0) return code;
  if (vfs::IsDirNotFound(status)) return kExitDirNotFound;
  if (vfs::IsObjectNotFound(status)) return kExitFileNotFound;
  if (vfs::operations::IsMaxTransferReached(status)) return kExitTransferExceeded;
  if (vfs::operations::ClassifyError(status) == vfs::operations::ErrorClass::kFatal) {
    return kExitFatal;
  }
  if (vfs::IsRetryable(status)) return kExitRetry;
  if (vfs::operations::IsNoRetryError(status)) return kExitNoRetry;
  switch (vfs::KindOf(status)) {
    case vfs::ErrorKind::kCantUploadEmptyFiles:
    case vfs::ErrorKind::kFileNameTooLong:
      return kExitNoRetry;
    default:
      return kExitUncategorized;
  }
}

}  // namespace fclone
