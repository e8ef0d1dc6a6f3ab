// The error kinds of the VFS (rclone's fs.Error* values and fserrors classes) expressed as
// absl::Status. Each kind maps onto one status code so generic code can reason on codes, and is
// also tagged with a payload so callers can tell kinds that share a code apart (object vs
// directory not found). Messages keep rclone's exact wording, prefixed with the path concerned.
#ifndef FICHIER_VFS_ERRORS_H_
#define FICHIER_VFS_ERRORS_H_

#include <string>
#include <string_view>

#include "absl/status/status.h"

namespace vfs {

enum class ErrorKind {
  kUnknown = 0,  // a status that carries no kind (made outside this header, or OK)
  kObjectNotFound,
  kDirNotFound,
  kNotFoundInConfigFile,
  kDirExists,
  kDirNotEmpty,
  kIsFile,
  kIsDir,
  kNotAFile,
  kCantPurge,
  kCantCopy,
  kCantMove,
  kCantDirMove,
  kCantUploadEmptyFiles,
  kCantSetModTime,
  kCantSetModTimeWithoutDelete,
  kNotImplemented,
  kCommandNotFound,
  kCantShareDirectories,
  kHashUnsupported,
  kPermissionDenied,
  kNotPremium,
  kBadCredentials,
  kRetryable,
  kRateLimited,
  kDataCorruption,
  kBadInput,
  kFileNameTooLong,
  kListAborted,
  kOverlapping,
};

// rclone's exact message for a kind ("object not found", "directory not empty", ...). Kinds rclone
// has no fixed text for get a short description of our own.
std::string_view ErrorKindMessage(ErrorKind kind);
// The status code a kind maps to.
absl::StatusCode ErrorKindCode(ErrorKind kind);

// Builds a status of `kind`. The message is "<subject>: <rclone message>" ("<rclone message>"
// alone when subject is empty), plus ": <detail>" when detail is given.
absl::Status MakeError(ErrorKind kind, std::string_view subject = {}, std::string_view detail = {});

// The kind carried by `status` (kUnknown for OK or untagged statuses).
ErrorKind KindOf(const absl::Status& status);
// The bare rclone text for a tagged status (e.g. "object not found"), or status.message() when
// untagged. For output that must match rclone byte for byte.
std::string RcloneMessage(const absl::Status& status);
// Prefixes the message with context ("uploading x: ...") keeping the code and the kind.
absl::Status WithContext(const absl::Status& status, std::string_view context);

// Constructors, one per kind, named after rclone's errors.
inline absl::Status ObjectNotFound(std::string_view path = {}) {
  return MakeError(ErrorKind::kObjectNotFound, path);
}
inline absl::Status DirNotFound(std::string_view path = {}) {
  return MakeError(ErrorKind::kDirNotFound, path);
}
inline absl::Status NotFoundInConfigFile(std::string_view remote = {}) {
  return MakeError(ErrorKind::kNotFoundInConfigFile, remote);
}
inline absl::Status DirExists(std::string_view path = {}) {
  return MakeError(ErrorKind::kDirExists, path);
}
inline absl::Status DirNotEmpty(std::string_view path = {}) {
  return MakeError(ErrorKind::kDirNotEmpty, path);
}
inline absl::Status IsFileError(std::string_view path = {}) {
  return MakeError(ErrorKind::kIsFile, path);
}
inline absl::Status IsDirError(std::string_view path = {}) {
  return MakeError(ErrorKind::kIsDir, path);
}
inline absl::Status NotAFile(std::string_view path = {}) {
  return MakeError(ErrorKind::kNotAFile, path);
}
inline absl::Status CantPurge(std::string_view path = {}) {
  return MakeError(ErrorKind::kCantPurge, path);
}
inline absl::Status CantCopy(std::string_view path = {}) {
  return MakeError(ErrorKind::kCantCopy, path);
}
inline absl::Status CantMove(std::string_view path = {}) {
  return MakeError(ErrorKind::kCantMove, path);
}
inline absl::Status CantDirMove(std::string_view path = {}) {
  return MakeError(ErrorKind::kCantDirMove, path);
}
inline absl::Status CantUploadEmptyFiles(std::string_view path = {}) {
  return MakeError(ErrorKind::kCantUploadEmptyFiles, path);
}
inline absl::Status CantSetModTime(std::string_view path = {}) {
  return MakeError(ErrorKind::kCantSetModTime, path);
}
inline absl::Status CantSetModTimeWithoutDelete(std::string_view path = {}) {
  return MakeError(ErrorKind::kCantSetModTimeWithoutDelete, path);
}
// `what` names the missing capability ("Move", "PublicLink").
inline absl::Status NotImplemented(std::string_view what = {}) {
  return MakeError(ErrorKind::kNotImplemented, what);
}
inline absl::Status CommandNotFound(std::string_view command = {}) {
  return MakeError(ErrorKind::kCommandNotFound, command);
}
inline absl::Status CantShareDirectories(std::string_view path = {}) {
  return MakeError(ErrorKind::kCantShareDirectories, path);
}
inline absl::Status HashUnsupported(std::string_view hash_name = {}) {
  return MakeError(ErrorKind::kHashUnsupported, hash_name);
}
inline absl::Status PermissionDenied(std::string_view path = {}, std::string_view detail = {}) {
  return MakeError(ErrorKind::kPermissionDenied, path, detail);
}
inline absl::Status NotPremium(std::string_view detail = {}) {
  return MakeError(ErrorKind::kNotPremium, {}, detail);
}
inline absl::Status BadCredentials(std::string_view detail = {}) {
  return MakeError(ErrorKind::kBadCredentials, {}, detail);
}
inline absl::Status Retryable(std::string_view subject, std::string_view detail = {}) {
  return MakeError(ErrorKind::kRetryable, subject, detail);
}
inline absl::Status RateLimited(std::string_view subject, std::string_view detail = {}) {
  return MakeError(ErrorKind::kRateLimited, subject, detail);
}
inline absl::Status DataCorruption(std::string_view path, std::string_view detail = {}) {
  return MakeError(ErrorKind::kDataCorruption, path, detail);
}
inline absl::Status BadInput(std::string_view subject, std::string_view detail = {}) {
  return MakeError(ErrorKind::kBadInput, subject, detail);
}
inline absl::Status FileNameTooLong(std::string_view path = {}) {
  return MakeError(ErrorKind::kFileNameTooLong, path);
}
inline absl::Status ListAborted(std::string_view path = {}) {
  return MakeError(ErrorKind::kListAborted, path);
}

// Predicates. Kinds that share a code are told apart by the payload; the generic classes
// (retryable, rate limited, ...) also accept an untagged status with the matching code, so errors
// built by other layers with plain absl constructors classify the same way.
inline bool IsObjectNotFound(const absl::Status& s) {
  return KindOf(s) == ErrorKind::kObjectNotFound;
}
inline bool IsDirNotFound(const absl::Status& s) { return KindOf(s) == ErrorKind::kDirNotFound; }
inline bool IsDirExists(const absl::Status& s) { return KindOf(s) == ErrorKind::kDirExists; }
inline bool IsDirNotEmpty(const absl::Status& s) { return KindOf(s) == ErrorKind::kDirNotEmpty; }
inline bool IsIsFile(const absl::Status& s) { return KindOf(s) == ErrorKind::kIsFile; }
inline bool IsIsDir(const absl::Status& s) { return KindOf(s) == ErrorKind::kIsDir; }
inline bool IsCantUploadEmptyFiles(const absl::Status& s) {
  return KindOf(s) == ErrorKind::kCantUploadEmptyFiles;
}
inline bool IsCantSetModTime(const absl::Status& s) {
  ErrorKind k = KindOf(s);
  return k == ErrorKind::kCantSetModTime || k == ErrorKind::kCantSetModTimeWithoutDelete;
}
// Code-only classes use absl's own predicates: absl::IsUnimplemented (any "can't do that
// server-side / not supported" answer: fall back), absl::IsNotFound, absl::IsPermissionDenied
// (permission denied and not premium).
inline bool IsRetryable(const absl::Status& s) {
  return s.code() == absl::StatusCode::kUnavailable ||
         s.code() == absl::StatusCode::kResourceExhausted;
}
inline bool IsRateLimited(const absl::Status& s) {
  return s.code() == absl::StatusCode::kResourceExhausted;
}
inline bool IsBadCredentials(const absl::Status& s) {
  return s.code() == absl::StatusCode::kUnauthenticated;
}
inline bool IsDataCorruption(const absl::Status& s) {
  return s.code() == absl::StatusCode::kDataLoss;
}

}  // namespace vfs

#endif  // FICHIER_VFS_ERRORS_H_
