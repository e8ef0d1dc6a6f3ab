// A file being written at offsets (rclone's fs.WriterAtCloser, behind Fs::OpenWriterAt): a
// multi-thread download writes each range where it belongs, from several threads at once. The
// bytes go to a hidden temporary file; only Commit gives it its name, so a failed or abandoned
// download never leaves a file under the real name.
#ifndef FICHIER_VFS_WRITER_AT_H_
#define FICHIER_VFS_WRITER_AT_H_

#include <cstdint>
#include <span>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "vfs/object.h"

namespace vfs {

class WriterAt {
 public:
  // Without a Commit, the temporary file is removed.
  virtual ~WriterAt() = default;
  // Writes `bytes` at `offset`. Safe from several threads writing disjoint ranges.
  virtual absl::Status WriteAt(int64_t offset, std::span<const uint8_t> bytes) = 0;
  // Reads back up to bytes.size() bytes written at `offset` (the hash check before Commit
  // follows the writes with it); returns how many, 0 at the end of what exists.
  virtual absl::StatusOr<size_t> ReadAt(int64_t offset, std::span<uint8_t> bytes) = 0;
  // Sets the mod time and gives the file its name, replacing what was there. Call once, after
  // every WriteAt has returned.
  virtual absl::StatusOr<ObjectPtr> Commit() = 0;
};

}  // namespace vfs

#endif  // FICHIER_VFS_WRITER_AT_H_
