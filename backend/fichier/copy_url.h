// `copyurl URL remote:path` for any destination. A fichier remote (with an API key) asks the
// service to fetch the URL itself (remote upload, FichierFs::CopyUrl): nothing passes through
// this machine. Anywhere else, or when the service could not fetch it (a URL only this machine
// reaches), the URL is streamed through here into Fs::Put (rclone's copyurl), with bounded
// memory. Returns the stored object.
#ifndef FICHIER_BACKEND_FICHIER_COPY_URL_H_
#define FICHIER_BACKEND_FICHIER_COPY_URL_H_

#include <string_view>

#include "absl/status/statusor.h"
#include "vfs/fs.h"

namespace backend::fichier {

struct CopyUrlOptions {
  bool allow_server_side = true;  // false: always download-then-upload
};

absl::StatusOr<vfs::ObjectPtr> CopyUrl(vfs::Fs& dst, std::string_view url,
                                       std::string_view remote, CopyUrlOptions options = {});

}  // namespace backend::fichier

#endif  // FICHIER_BACKEND_FICHIER_COPY_URL_H_
