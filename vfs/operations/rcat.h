// rcat (rclone's Rcat / RcatSize): stores a stream of unknown length as one object, in bounded
// memory. With a size hint the stream goes straight to Put. Otherwise the first 100 KiB are read
// first (rclone's --streaming-upload-cutoff): a stream that ends there is Put with its size; a
// longer one goes to the backend's PutStream, or, when it has none, through a spool file in the
// cache dir then a sized Put. An error of the stream stores nothing.
#ifndef FICHIER_VFS_OPERATIONS_RCAT_H_
#define FICHIER_VFS_OPERATIONS_RCAT_H_

#include <cstdint>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "vfs/fs.h"
#include "vfs/operations/context.h"

namespace vfs::operations {

// rclone's default --streaming-upload-cutoff.
inline constexpr int64_t kStreamingUploadCutoff = 100 * 1024;

struct RcatOptions {
  int64_t size = -1;  // --size: the stream's length when the caller knows it
  absl::Time mod_time = absl::UnixEpoch();
};

// The storing part, without stats or dry-run (copyurl uses it for a body of unknown length).
absl::StatusOr<ObjectPtr> StoreStream(Fs& fs, std::string_view remote, Source& in,
                                      const RcatOptions& options);

// Counts one transfer in ctx's stats; honours --dry-run.
absl::StatusOr<ObjectPtr> Rcat(const Context& ctx, Fs& fs, std::string_view remote, Source& in,
                               const RcatOptions& options);

}  // namespace vfs::operations

#endif  // FICHIER_VFS_OPERATIONS_RCAT_H_
