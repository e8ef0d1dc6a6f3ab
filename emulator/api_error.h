// The emulator's error vocabulary. A Status carries the exact wire message ("Resource not found
// #469") and its code picks the HTTP status, so every layer can return plain absl::Status and the
// server writes {"status":"KO","message":...} in one place. Texts and statuses follow spec §3;
// the numbers of the 7xx messages are the emulator's own (the real texts are unknown, §18.3).
#ifndef FICHIER_EMULATOR_API_ERROR_H_
#define FICHIER_EMULATOR_API_ERROR_H_

#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace emulator {

inline absl::Status NotAuthenticated() {
  return absl::UnauthenticatedError("Not authenticated #247");
}
inline absl::Status MustBeCustomer() {
  return absl::PermissionDeniedError("Must be a customer (Premium, Access) #200");
}
inline absl::Status Flood(int code) {
  return absl::ResourceExhaustedError(absl::StrCat("Flood detected: IP Locked #", code));
}
inline absl::Status ResourceNotFound() { return absl::NotFoundError("Resource not found #469"); }
inline absl::Status ResourceNotAllowed() {
  return absl::PermissionDeniedError("Resource not allowed #631");
}
inline absl::Status InvalidPassword() {
  return absl::PermissionDeniedError("Invalid password. Resource not allowed #631");
}
inline absl::Status PasswordNotProvided() {
  return absl::PermissionDeniedError("Password not provided. Resource not allowed #631");
}
inline absl::Status NothingRenamed() {
  return absl::PermissionDeniedError("No file has been renamed #312");
}
inline absl::Status BadRequest() { return absl::InvalidArgumentError("Bad request #1"); }
inline absl::Status FolderExists() {
  return absl::PermissionDeniedError("Folder already exists #701");
}
inline absl::Status FolderNotEmpty() {
  return absl::PermissionDeniedError("Folder not empty #702");
}
inline absl::Status RootFolderLocked() {
  return absl::PermissionDeniedError("Root folder cannot be changed #703");
}
inline absl::Status FolderIntoItself() {
  return absl::PermissionDeniedError("Cannot move a folder into itself #704");
}
inline absl::Status UnknownEndpoint() { return absl::NotFoundError("Unknown endpoint #705"); }

// The HTTP status that goes with an error Status.
int HttpStatusFor(const absl::Status& status);

}  // namespace emulator

#endif  // FICHIER_EMULATOR_API_ERROR_H_
