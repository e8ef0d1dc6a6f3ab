// Writes one incoming file to disk and computes its Whirlpool on a worker thread, so hashing
// (the slowest step: a few hundred MB/s) overlaps with receiving, parsing and writing; the
// worker does nothing else, which makes the hash speed the only limit of an upload.
#ifndef FICHIER_EMULATOR_BLOB_WRITER_H_
#define FICHIER_EMULATOR_BLOB_WRITER_H_

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <thread>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"

namespace emulator {

class BlobWriter {
 public:
  explicit BlobWriter(std::string path);
  ~BlobWriter();  // aborts when Finish() was not called
  BlobWriter(const BlobWriter&) = delete;
  BlobWriter& operator=(const BlobWriter&) = delete;

  // False once writing failed (disk full, ...).
  bool Append(const char* data, size_t size);
  // Waits for the worker; the lowercase hex Whirlpool of everything appended.
  absl::StatusOr<std::string> Finish();
  // Stops and removes the file.
  void Abort();

  const std::string& path() const { return path_; }
  uint64_t size() const { return size_; }

 private:
  void Run();
  void Hand(std::shared_ptr<const std::string> chunk);
  bool WriteAll(const std::string& chunk);

  std::string path_;
  int fd_ = -1;
  uint64_t size_ = 0;
  std::string pending_;  // fills up to one chunk before it goes to the worker
  bool finished_ = false;

  absl::Mutex mu_;
  std::deque<std::shared_ptr<const std::string>> queue_ ABSL_GUARDED_BY(mu_);
  bool closing_ ABSL_GUARDED_BY(mu_) = false;
  bool failed_ ABSL_GUARDED_BY(mu_) = false;
  std::string digest_hex_ ABSL_GUARDED_BY(mu_);
  std::thread worker_;
};

}  // namespace emulator

#endif  // FICHIER_EMULATOR_BLOB_WRITER_H_
