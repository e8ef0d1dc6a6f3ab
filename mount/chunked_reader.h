// Random-access reads of one remote object for one open file (rclone's vfs chunked reader):
// the object is opened at the read's offset for a range of --vfs-read-chunk-size bytes, the
// next ranges double up to --vfs-read-chunk-size-limit; sequential reads go on through the same
// open stream (with --buffer-size of read-ahead once reading is seen to be sequential), small
// forward seeks skip bytes instead of reopening, and reads a little behind (the kernel's
// parallel read-ahead arrives out of order) are served from the bytes last returned.
#ifndef FICHIER_MOUNT_CHUNKED_READER_H_
#define FICHIER_MOUNT_CHUNKED_READER_H_

#include <cstdint>
#include <memory>
#include <span>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "mount/vfs_options.h"
#include "vfs/object.h"

namespace mount {

// A Source over `object` from `offset` to its end, made of range opens of growing size.
class ChunkStream : public vfs::Source {
 public:
  ChunkStream(vfs::ObjectPtr object, int64_t offset, int64_t chunk_size, int64_t chunk_limit);
  absl::StatusOr<size_t> Read(std::span<uint8_t> buffer) override;
  int64_t opens() const { return opens_; }

 private:
  const vfs::ObjectPtr object_;
  int64_t position_;
  int64_t chunk_size_;
  const int64_t chunk_limit_;
  int64_t chunk_end_ = 0;  // exclusive end of the open range
  std::unique_ptr<vfs::Source> range_;
  int64_t opens_ = 0;
};

// Counters for tests and the debug log.
struct ReaderStats {
  int64_t reopens = 0;     // streams started (the first open and every seek that needed one)
  int64_t skipped = 0;     // bytes read and thrown away by short forward seeks
  int64_t from_window = 0; // bytes served again from the recent window
};

class ChunkedReader {
 public:
  ChunkedReader(vfs::ObjectPtr object, const VfsOptions& options);
  ~ChunkedReader();

  // Up to out.size() bytes at `offset`; fewer only at the end of the object. Thread-safe (reads
  // of one handle are served one at a time). A failed read drops the stream; the next read
  // opens a new one.
  absl::StatusOr<size_t> ReadAt(int64_t offset, std::span<uint8_t> out);
  ReaderStats stats() const;

 private:
  absl::StatusOr<size_t> ReadStream(int64_t offset, std::span<uint8_t> out)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void Remember(int64_t offset, std::span<const uint8_t> data) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  const vfs::ObjectPtr object_;
  const int64_t size_;
  const VfsOptions options_;
  mutable absl::Mutex mu_;
  std::unique_ptr<vfs::Source> stream_ ABSL_GUARDED_BY(mu_);
  bool read_ahead_ ABSL_GUARDED_BY(mu_) = false;  // stream_ is wrapped in a ReadAhead
  int64_t position_ ABSL_GUARDED_BY(mu_) = 0;     // offset of stream_'s next byte
  int64_t sequential_ ABSL_GUARDED_BY(mu_) = 0;   // bytes read since the stream opened
  std::string window_ ABSL_GUARDED_BY(mu_);       // the bytes last returned
  int64_t window_start_ ABSL_GUARDED_BY(mu_) = 0;
  ReaderStats stats_ ABSL_GUARDED_BY(mu_);
};

}  // namespace mount

#endif  // FICHIER_MOUNT_CHUNKED_READER_H_
