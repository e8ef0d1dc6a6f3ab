#include "vfs/operations/error_class.h"

#include "vfs/errors.h"
#include "vfs/operations/limits.h"

namespace vfs::operations {

ErrorClass ClassifyError(const absl::Status& status) {
  // A stopped run (signal, --max-duration, an embedder's cancel) is never retried.
  if (IsMaxDurationReached(status) || absl::IsCancelled(status)) return ErrorClass::kFatal;
  if (IsMaxTransferReached(status)) {
    return IsMaxTransferFatal(status) ? ErrorClass::kFatal : ErrorClass::kNoRetry;
  }
  switch (KindOf(status)) {
    case ErrorKind::kBadCredentials:
    case ErrorKind::kNotPremium:
    case ErrorKind::kOverlapping:
      return ErrorClass::kFatal;
    case ErrorKind::kCantUploadEmptyFiles:
    case ErrorKind::kFileNameTooLong:
    case ErrorKind::kBadInput:
    case ErrorKind::kNotImplemented:
    case ErrorKind::kCantShareDirectories:
    case ErrorKind::kHashUnsupported:
      return ErrorClass::kNoRetry;
    default:
      break;
  }
  if (IsBadCredentials(status)) return ErrorClass::kFatal;
  return ErrorClass::kRetryable;
}

}  // namespace vfs::operations
