#include "backend/local/os_error.h"

#include <cerrno>
#include <cstring>
#include <string>

#include "vfs/errors.h"

namespace backend::local {

absl::Status OsError(int err, std::string_view op, std::string_view path, std::string_view remote,
                     Subject subject) {
  std::string detail = std::string(op) + " " + std::string(path) + ": " + std::strerror(err);
  switch (err) {
    case ENOENT:
    case ENOTDIR:
      return subject == Subject::kDir ? vfs::DirNotFound(remote) : vfs::ObjectNotFound(remote);
    case EACCES:
    case EPERM:
    case EROFS:
      return vfs::PermissionDenied(path, std::string(op) + ": " + std::strerror(err));
    case ENOTEMPTY:
    case EEXIST:
      if (subject == Subject::kDir) return vfs::DirNotEmpty(remote);
      return absl::AlreadyExistsError(detail);
    case EISDIR:
      return vfs::IsDirError(remote);
    case ENAMETOOLONG:
      return vfs::FileNameTooLong(path);
    case EXDEV:
      return absl::UnimplementedError(detail);
    case EINTR:
    case EAGAIN:
      return absl::UnavailableError(detail);
    default:
      return absl::UnknownError(detail);
  }
}

}  // namespace backend::local
