// Writes one incoming file to disk and computes its Whirlpool. Bytes are gathered in 1 MiB
// chunks of a small ring; each full chunk goes to two worker threads, one hashing, one writing,
// so hashing (the slowest step: a few hundred MB/s) overlaps with receiving, parsing and the disk
// write, and the hash thread does nothing else. Full chunks are written with O_DIRECT where the
// file system allows it: on the machines this runs on, filling the page cache with a large
// upload costs more CPU than hashing it. A file smaller than one chunk is hashed and written
// (through the page cache) by the caller in Finish(), without threads.
#ifndef FICHIER_EMULATOR_BLOB_WRITER_H_
#define FICHIER_EMULATOR_BLOB_WRITER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <thread>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "emulator/blob.h"
#include "hash/whirlpool.h"

namespace emulator {

class BlobWriter {
 public:
  static constexpr size_t kChunk = 1 << 20;
  static constexpr size_t kSlots = 8;  // bounds memory per upload to 8 MiB

  // `direct_io` false: everything goes through the page cache.
  BlobWriter(std::string path, bool direct_io);
  ~BlobWriter();  // aborts when Finish() was not called
  BlobWriter(const BlobWriter&) = delete;
  BlobWriter& operator=(const BlobWriter&) = delete;

  // False once writing failed (disk full, ...).
  bool Append(const char* data, size_t size);
  // Waits for the workers; the lowercase hex Whirlpool of everything appended.
  absl::StatusOr<std::string> Finish();
  // Stops and removes the file.
  void Abort();

  const std::string& path() const { return path_; }
  uint64_t size() const { return size_; }
  // True when some of the file went to disk with O_DIRECT (so it is not in the page cache).
  bool wrote_direct() const { return wrote_direct_; }

 private:
  struct Slot {
    AlignedBuffer data;
    size_t size = 0;
  };

  // Hands the chunk being filled to the workers and waits until the next slot is free.
  bool Publish();
  // For a worker that has done `done` chunks: the next published one, or null once there is
  // none left (Finish) or the upload failed.
  const Slot* NextChunk(const uint64_t& done);
  // A worker finished its chunk (`ok` false: the upload failed).
  void ChunkDone(uint64_t& done, bool ok);
  void HashLoop();
  void WriteLoop();
  // Writes one chunk at the current end of the file; full chunks with O_DIRECT when possible.
  bool WriteChunk(const char* data, size_t size);
  bool DropDirect();

  std::string path_;
  int fd_ = -1;
  bool direct_ = false;        // fd_ currently has O_DIRECT
  bool direct_tried_;  // true from the start when O_DIRECT is not wanted
  bool wrote_direct_ = false;  // read by the caller after Finish() joined the writer
  uint64_t size_ = 0;
  bool finished_ = false;

  // Producer side (the caller's thread only).
  Slot slots_[kSlots];
  uint64_t next_ = 0;  // number of the chunk being filled; it lives in slots_[next_ % kSlots]
  size_t fill_ = 0;    // bytes in that chunk
  bool open_failed_ = false;

  hash::Whirlpool hasher_;  // the hash thread's, or the caller's when no chunk was published

  absl::Mutex mu_;
  uint64_t published_ ABSL_GUARDED_BY(mu_) = 0;  // chunks handed to the workers
  uint64_t hashed_ ABSL_GUARDED_BY(mu_) = 0;
  uint64_t written_ ABSL_GUARDED_BY(mu_) = 0;
  bool closing_ ABSL_GUARDED_BY(mu_) = false;
  bool failed_ ABSL_GUARDED_BY(mu_) = false;
  std::thread hash_thread_;
  std::thread write_thread_;
};

}  // namespace emulator

#endif  // FICHIER_EMULATOR_BLOB_WRITER_H_
