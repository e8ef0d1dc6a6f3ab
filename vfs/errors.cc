#include "vfs/errors.h"

#include <string>

#include "absl/strings/cord.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/types/optional.h"
#include "base/string_views.h"

namespace vfs {
namespace {

// The payload type URL under which the kind is stored (as its decimal value).
constexpr std::string_view kKindPayloadUrl = "type.fichier/vfs.ErrorKind";

struct KindInfo {
  std::string_view message;
  absl::StatusCode code;
};

KindInfo Info(ErrorKind kind) {
  using C = absl::StatusCode;
  switch (kind) {
    case ErrorKind::kUnknown:
      return {"unknown error", C::kUnknown};
    case ErrorKind::kObjectNotFound:
      return {"object not found", C::kNotFound};
    case ErrorKind::kDirNotFound:
      return {"directory not found", C::kNotFound};
    case ErrorKind::kNotFoundInConfigFile:
      return {"didn't find section in config file", C::kNotFound};
    case ErrorKind::kDirExists:
      return {"can't copy directory - destination already exists", C::kAlreadyExists};
    case ErrorKind::kDirNotEmpty:
      return {"directory not empty", C::kFailedPrecondition};
    case ErrorKind::kIsFile:
      return {"is a file not a directory", C::kFailedPrecondition};
    case ErrorKind::kIsDir:
      return {"is a directory not a file", C::kFailedPrecondition};
    case ErrorKind::kNotAFile:
      return {"is not a regular file", C::kFailedPrecondition};
    case ErrorKind::kCantPurge:
      return {"can't purge directory", C::kUnimplemented};
    case ErrorKind::kCantCopy:
      return {"can't copy object - incompatible remotes", C::kUnimplemented};
    case ErrorKind::kCantMove:
      return {"can't move object - incompatible remotes", C::kUnimplemented};
    case ErrorKind::kCantDirMove:
      return {"can't move directory - incompatible remotes", C::kUnimplemented};
    case ErrorKind::kCantUploadEmptyFiles:
      return {"can't upload empty files to this remote", C::kFailedPrecondition};
    case ErrorKind::kCantSetModTime:
      return {"can't set modified time", C::kUnimplemented};
    case ErrorKind::kCantSetModTimeWithoutDelete:
      return {"can't set modified time without deleting existing object", C::kUnimplemented};
    case ErrorKind::kNotImplemented:
      return {"optional feature not implemented", C::kUnimplemented};
    case ErrorKind::kCommandNotFound:
      return {"command not found", C::kNotFound};
    case ErrorKind::kCantShareDirectories:
      return {"this backend can't share directories with link", C::kUnimplemented};
    case ErrorKind::kHashUnsupported:
      return {"hash type not supported", C::kUnimplemented};
    case ErrorKind::kPermissionDenied:
      return {"permission denied", C::kPermissionDenied};
    case ErrorKind::kNotPremium:
      return {"a premium account is required", C::kPermissionDenied};
    case ErrorKind::kBadCredentials:
      return {"bad credentials", C::kUnauthenticated};
    case ErrorKind::kRetryable:
      return {"temporary failure", C::kUnavailable};
    case ErrorKind::kRateLimited:
      return {"rate limited", C::kResourceExhausted};
    case ErrorKind::kDataCorruption:
      return {"corrupted on transfer", C::kDataLoss};
    case ErrorKind::kBadInput:
      return {"invalid argument", C::kInvalidArgument};
    case ErrorKind::kFileNameTooLong:
      return {"file name too long", C::kInvalidArgument};
    case ErrorKind::kListAborted:
      return {"list aborted", C::kAborted};
    case ErrorKind::kOverlapping:
      return {"can't sync or move files on overlapping remotes (try excluding the destination "
              "with a filter rule)",
              C::kInvalidArgument};
  }
  return {"unknown error", C::kUnknown};
}

}  // namespace

std::string_view ErrorKindMessage(ErrorKind kind) { return Info(kind).message; }
absl::StatusCode ErrorKindCode(ErrorKind kind) { return Info(kind).code; }

absl::Status MakeError(ErrorKind kind, std::string_view subject, std::string_view detail) {
  KindInfo info = Info(kind);
  std::string message(info.message);
  if (!subject.empty()) message = absl::StrCat(base::ToAbsl(subject), ": ", message);
  if (!detail.empty()) absl::StrAppend(&message, ": ", base::ToAbsl(detail));
  absl::Status status(info.code, message);
  status.SetPayload(base::ToAbsl(kKindPayloadUrl), absl::Cord(absl::StrCat(static_cast<int>(kind))));
  return status;
}

ErrorKind KindOf(const absl::Status& status) {
  if (status.ok()) return ErrorKind::kUnknown;
  absl::optional<absl::Cord> payload = status.GetPayload(base::ToAbsl(kKindPayloadUrl));
  if (!payload.has_value()) return ErrorKind::kUnknown;
  int value = 0;
  if (!absl::SimpleAtoi(std::string(*payload), &value)) return ErrorKind::kUnknown;
  return static_cast<ErrorKind>(value);
}

std::string RcloneMessage(const absl::Status& status) {
  ErrorKind kind = KindOf(status);
  if (kind == ErrorKind::kUnknown) return std::string(status.message());
  return std::string(ErrorKindMessage(kind));
}

absl::Status WithContext(const absl::Status& status, std::string_view context) {
  if (status.ok()) return status;
  absl::Status out(status.code(), absl::StrCat(base::ToAbsl(context), ": ", status.message()));
  status.ForEachPayload(
      [&out](absl::string_view url, const absl::Cord& payload) { out.SetPayload(url, payload); });
  return out;
}

}  // namespace vfs
