// Writing without the VFS cache (--vfs-cache-mode off/minimal): as rclone's Rcat for remotes
// that need the size before an upload (1fichier does), the bytes are spooled to an unnamed
// temporary file and uploaded when the file is closed. Writes must come in order from offset 0
// as in rclone; any other offset is refused with a clear error.
#ifndef FICHIER_MOUNT_STREAM_WRITER_H_
#define FICHIER_MOUNT_STREAM_WRITER_H_

#include <cstdint>
#include <memory>
#include <span>
#include <string>

#include "absl/status/statusor.h"
#include "vfs/fs.h"
#include "vfs/spool.h"

namespace mount {

class StreamWriter {
 public:
  // `spool_dir`: where the unnamed temporary file is made.
  StreamWriter(vfs::FsPtr fs, std::string remote, std::string spool_dir);
  StreamWriter(const StreamWriter&) = delete;
  StreamWriter& operator=(const StreamWriter&) = delete;

  // Failed precondition for a write that is not at the end of what was written.
  absl::StatusOr<size_t> Write(int64_t offset, std::span<const uint8_t> data);
  int64_t written() const { return spool_ ? spool_->size() : 0; }
  // Uploads what was written: the stored object, or why it failed.
  absl::StatusOr<vfs::ObjectPtr> Close();

 private:
  const vfs::FsPtr fs_;
  const std::string remote_;
  std::unique_ptr<vfs::SpoolFile> spool_;
  absl::Status open_error_;  // the spool could not be made, or a write came out of order
};

}  // namespace mount

#endif  // FICHIER_MOUNT_STREAM_WRITER_H_
