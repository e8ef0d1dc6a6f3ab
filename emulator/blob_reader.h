// Reads the stored bytes of a blob for one download, in order, in 1 MiB chunks. A blob written
// with O_DIRECT (see blob_writer.h) is read the same way: through the page cache the kernel
// would fill it first, which costs more CPU than the whole transfer on the machines this runs
// on. Those reads go to the disk, so for a range of more than one chunk a thread reads ahead
// while the current chunk is being sent.
#ifndef FICHIER_EMULATOR_BLOB_READER_H_
#define FICHIER_EMULATOR_BLOB_READER_H_

#include <sys/types.h>

#include <cstdint>
#include <memory>
#include <thread>

#include "absl/synchronization/mutex.h"
#include "emulator/blob.h"

namespace emulator {

class BlobReader {
 public:
  static constexpr size_t kChunk = 1 << 20;
  static constexpr size_t kSlots = 4;

  // Serves bytes [begin, end) of `blob`; nullptr when the file cannot be opened.
  static std::unique_ptr<BlobReader> Open(const Blob& blob, uint64_t begin, uint64_t end);
  ~BlobReader();
  BlobReader(const BlobReader&) = delete;
  BlobReader& operator=(const BlobReader&) = delete;

  // Up to `n` bytes at `pos`, pointed to by `*data` (valid until the next call). Positions are
  // asked in order, each the previous one plus what it returned. 0 at the end of the file,
  // -1 on a read error.
  ssize_t Read(uint64_t pos, size_t n, const char** data);

 private:
  struct Slot {
    AlignedBuffer data;
    ssize_t got = 0;
  };

  BlobReader(int fd, bool direct, uint64_t begin, uint64_t end);
  // Reads chunk `index` into `slot` (pread, aligned for O_DIRECT).
  void Fill(Slot& slot, uint64_t index);
  void ReadAhead();

  const int fd_;
  bool direct_;          // used by whoever calls Fill: the read-ahead thread, or Read
  const uint64_t base_;  // file offset of chunk 0: `begin`, rounded down for O_DIRECT
  const uint64_t end_;
  Slot slots_[kSlots];
  uint64_t cached_ = UINT64_MAX;  // without read-ahead: the chunk held in slots_[0]

  absl::Mutex mu_;
  uint64_t filled_ ABSL_GUARDED_BY(mu_) = 0;  // chunks read ahead
  uint64_t in_use_ ABSL_GUARDED_BY(mu_) = 0;  // chunk being sent; earlier ones are done with
  bool stop_ ABSL_GUARDED_BY(mu_) = false;
  bool ahead_done_ ABSL_GUARDED_BY(mu_) = false;  // the read-ahead thread has nothing more
  std::thread read_ahead_;
};

}  // namespace emulator

#endif  // FICHIER_EMULATOR_BLOB_READER_H_
