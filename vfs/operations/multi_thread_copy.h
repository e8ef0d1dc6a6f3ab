// rclone's multi-thread download (--multi-thread-streams, --multi-thread-cutoff): a large file
// bound for a destination that can write at offsets (Fs::OpenWriterAt, the local disk) is
// fetched as several ranged Opens at once, each written in place into the destination's
// temporary file; the whole file's common hash is checked before it gets its name.
#ifndef FICHIER_VFS_OPERATIONS_MULTI_THREAD_COPY_H_
#define FICHIER_VFS_OPERATIONS_MULTI_THREAD_COPY_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "vfs/fs.h"
#include "vfs/operations/context.h"

namespace vfs::operations {

// Whether `src` goes to dst_fs in several streams: at least 2 streams, a size at or above the
// cutoff, a destination with OpenWriterAt; between two local disks only when the streams were
// set explicitly (as rclone).
bool UseMultiThreadCopy(const Options& options, const Fs& src_fs, const Object& src,
                        const Fs& dst_fs);

// The parts of a `size`-byte file for `streams` streams, in file order: the part size is
// size / (4 x streams) rounded up to 64 KiB and at most 64 MiB, and the streams take the parts
// in turn (so the hash, which needs the bytes in order, follows close behind the downloads).
struct Part {
  int64_t offset = 0;
  int64_t length = 0;
};
std::vector<Part> SplitParts(int64_t size, int streams);

// One attempt: the parts shared among the streams; the first failure stops the others and nothing
// is left under `remote` (nor a temporary file). A hash mismatch is data corruption.
absl::StatusOr<ObjectPtr> MultiThreadCopyOnce(const Context& ctx, const Fs& src_fs,
                                              const ObjectPtr& src, Fs& dst_fs,
                                              std::string_view remote, Stats::Transfer& transfer);

}  // namespace vfs::operations

#endif  // FICHIER_VFS_OPERATIONS_MULTI_THREAD_COPY_H_
