// Reading a URL, for copyurl's download-then-upload. vfs has no HTTP client of its own: a linked
// backend that carries one installs an opener when it registers (the fichier backend does, with
// backend/rest's libcurl client), so generic code can fetch a URL without naming a backend.
#ifndef FICHIER_VFS_URL_OPENER_H_
#define FICHIER_VFS_URL_OPENER_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string_view>

#include "absl/status/statusor.h"
#include "vfs/source.h"

namespace vfs {

// An answer to a GET whose body has not been read yet.
struct UrlResponse {
  int status_code = 0;
  int64_t size = -1;  // Content-Length; -1 = unknown
  std::unique_ptr<Source> body;
};

using UrlOpener = std::function<absl::StatusOr<UrlResponse>(std::string_view url)>;

// Installs the process's opener (the last one installed wins). Thread-safe.
void InstallUrlOpener(UrlOpener opener);
// GETs `url` with the installed opener; Unimplemented when none is installed.
absl::StatusOr<UrlResponse> OpenUrl(std::string_view url);

}  // namespace vfs

#endif  // FICHIER_VFS_URL_OPENER_H_
