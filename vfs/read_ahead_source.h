// Reads another Source on a thread of its own into a few large blocks, so the work behind that
// Source (reading the disk, hashing in a HashingSource, counting and limiting) runs while the
// consumer of this one (libcurl sending an upload) is busy with the previous block: an upload
// then takes max(read + hash, send) instead of their sum. Memory: blocks x block_bytes.
#ifndef FICHIER_VFS_READ_AHEAD_SOURCE_H_
#define FICHIER_VFS_READ_AHEAD_SOURCE_H_

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "base/cancel.h"
#include "vfs/source.h"

namespace vfs {

class ReadAheadSource : public Source {
 public:
  // `inner` must outlive this object. The worker starts at the first Read (a source never read
  // costs no thread) and obeys the stop token of the thread that made this object.
  explicit ReadAheadSource(Source& inner, size_t block_bytes = 2u << 20, size_t blocks = 4);
  // Stops the worker (after the inner Read it is in, if any) and waits for it.
  ~ReadAheadSource() override;
  ReadAheadSource(const ReadAheadSource&) = delete;
  ReadAheadSource& operator=(const ReadAheadSource&) = delete;

  // The inner source's bytes, in order; its error or end once every byte before it was read.
  absl::StatusOr<size_t> Read(std::span<uint8_t> buffer) override;
  // The same bytes without a copy: the rest of the next filled block, valid until the next
  // ReadBlock or Read; empty at the end.
  absl::StatusOr<std::span<const uint8_t>> ReadBlock();

  // Passed through: the inner source's sums (read them after the end, when the worker is done).
  bool ComputesHash(hash::HashType type) const override { return inner_.ComputesHash(type); }
  absl::StatusOr<std::string> StreamHash(hash::HashType type) const override {
    return inner_.StreamHash(type);
  }

 private:
  struct Filled {
    size_t block;
    size_t size;
  };
  void Work();
  // Makes current_ the next filled block; false at the end (`status` then says how it ended).
  bool NextBlock(absl::Status& status);
  void ReleaseCurrent();

  Source& inner_;
  const size_t block_bytes_;
  const std::shared_ptr<base::Cancel> cancel_;
  std::vector<std::vector<uint8_t>> blocks_;  // each owned by one side at a time
  // The consumer's side: the block it is handing out.
  std::optional<Filled> current_;
  size_t position_ = 0;

  absl::Mutex mu_;
  std::deque<Filled> ready_ ABSL_GUARDED_BY(mu_);
  std::vector<size_t> free_ ABSL_GUARDED_BY(mu_);
  std::optional<absl::Status> end_ ABSL_GUARDED_BY(mu_);  // OK = the end; else the error
  bool stop_ ABSL_GUARDED_BY(mu_) = false;
  std::thread worker_;
};

}  // namespace vfs

#endif  // FICHIER_VFS_READ_AHEAD_SOURCE_H_
