// The fichier side of copyurl. FichierFs::CopyUrl (vfs::Fs's optional capability, declared in
// fichier_fs.h) asks the service to fetch a URL itself (remote upload, spec section 10);
// vfs::operations::CopyUrl decides when to use it. OpenUrlWithCurl is the vfs::UrlOpener this
// backend installs when it registers, so copyurl's download-then-upload fallback can fetch a
// URL through backend/rest's libcurl client.
#ifndef FICHIER_BACKEND_FICHIER_COPY_URL_H_
#define FICHIER_BACKEND_FICHIER_COPY_URL_H_

#include <string_view>

#include "absl/status/statusor.h"
#include "vfs/url_opener.h"

namespace backend::fichier {

// A GET of any URL: the system CAs, and the run's --timeout/--contimeout.
absl::StatusOr<vfs::UrlResponse> OpenUrlWithCurl(std::string_view url);

}  // namespace backend::fichier

#endif  // FICHIER_BACKEND_FICHIER_COPY_URL_H_
