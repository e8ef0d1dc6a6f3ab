// copyurl (rclone's operations.CopyURL): store the content of a URL as one object. A destination
// that advertises Features::copy_url fetches the URL itself (nothing passes through this
// machine); any other destination, or one whose service could not reach the URL, gets the body
// streamed through here into Fs::Put with bounded memory (vfs::OpenUrl).
#ifndef FICHIER_VFS_OPERATIONS_COPY_URL_H_
#define FICHIER_VFS_OPERATIONS_COPY_URL_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "vfs/fs.h"
#include "vfs/operations/context.h"

namespace vfs::operations {

struct CopyUrlOptions {
  bool no_clobber = false;        // --no-clobber: fail when `remote` exists
  bool allow_server_side = true;  // false: always download-then-upload
};

// rclone's --auto-filename: the URL's last path segment (query and fragment dropped); "" when
// the URL has no path.
std::string FileNameFromUrl(std::string_view url);

// Stores `url` as `remote` of `dst`: server-side when the destination can, else streamed. No
// checks, no logs; the stored object.
absl::StatusOr<ObjectPtr> StoreUrl(Fs& dst, std::string_view url, std::string_view remote,
                                   const CopyUrlOptions& options = {});

// The copyurl command's work: --no-clobber, --dry-run (returns a null object, stores nothing),
// then StoreUrl and rclone's INFO line.
absl::StatusOr<ObjectPtr> CopyUrl(const Context& ctx, Fs& dst, std::string_view url,
                                  std::string_view remote, const CopyUrlOptions& options = {});

}  // namespace vfs::operations

#endif  // FICHIER_VFS_OPERATIONS_COPY_URL_H_
