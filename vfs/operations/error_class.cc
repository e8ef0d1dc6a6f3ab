#include "vfs/operations/error_class.h"

#include "absl/strings/cord.h"
#include "base/string_views.h"
#include "vfs/errors.h"
#include "vfs/operations/limits.h"

namespace vfs::operations {
namespace {
constexpr char kClassPayload[] = "fichier/error-class";
}  // namespace

absl::Status FatalError(std::string_view message) {
  absl::Status st = absl::FailedPreconditionError(base::ToAbsl(message));
  st.SetPayload(kClassPayload, absl::Cord("fatal"));
  return st;
}

absl::Status NoRetryError(std::string_view message) {
  absl::Status st = absl::FailedPreconditionError(base::ToAbsl(message));
  st.SetPayload(kClassPayload, absl::Cord("no-retry"));
  return st;
}

bool IsNoRetryError(const absl::Status& status) {
  absl::optional<absl::Cord> marked = status.GetPayload(kClassPayload);
  return marked.has_value() && *marked == "no-retry";
}

ErrorClass ClassifyError(const absl::Status& status) {
  if (absl::optional<absl::Cord> marked = status.GetPayload(kClassPayload)) {
    return *marked == "fatal" ? ErrorClass::kFatal : ErrorClass::kNoRetry;
  }
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
