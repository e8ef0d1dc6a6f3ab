// errno -> vfs error kinds, with the OS path in the message so permission and I/O problems say
// exactly which file is concerned.
#ifndef FICHIER_BACKEND_LOCAL_OS_ERROR_H_
#define FICHIER_BACKEND_LOCAL_OS_ERROR_H_

#include <string_view>

#include "absl/status/status.h"

namespace backend::local {

enum class Subject { kObject, kDir };

// `op` says what was attempted ("open", "rename"), `path` is the OS path, `remote` the remote
// path used for not-found kinds (rclone reports those by remote name).
absl::Status OsError(int err, std::string_view op, std::string_view path, std::string_view remote,
                     Subject subject = Subject::kObject);

}  // namespace backend::local

#endif  // FICHIER_BACKEND_LOCAL_OS_ERROR_H_
