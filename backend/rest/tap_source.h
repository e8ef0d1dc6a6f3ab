// A ByteSource that shows every byte it passes on to a tap (a checksum, typically) run on a
// worker thread, so a download is hashed while the reader is busy receiving and writing the
// next bytes instead of in turn with them. The reader is held back only when the tap falls
// more than a few blocks behind: the pair goes as fast as the slower of the two, in bounded
// memory (blocks x block_bytes).
#ifndef FICHIER_BACKEND_REST_TAP_SOURCE_H_
#define FICHIER_BACKEND_REST_TAP_SOURCE_H_

#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "backend/rest/byte_source.h"

namespace backend::rest {

struct TapSourceOptions {
  // The first inline_bytes are tapped on the reader's thread: a small body costs no thread and
  // no block. Past that a worker starts.
  size_t inline_bytes = 1u << 20;
  // The worker takes whole blocks: one wake-up per block, not per read.
  size_t block_bytes = 256u << 10;
  // Blocks in flight (filling, queued, being tapped); at least 2. 8 x 256 KiB: the reader may
  // run ~2 MiB ahead, which rides out the scheduler giving one of the two threads a late turn
  // on a busy machine, and a block is still in cache when the worker hashes it.
  size_t blocks = 8;
};

// For tests, which wait on these instead of sleeping. Called on the thread named.
struct TapSourceHooks {
  // The reader is about to wait for a free block: the tap is `blocks` behind.
  std::function<void()> on_reader_waits;
  // The destructor has told the worker to stop and is about to join it.
  std::function<void()> on_stop_requested;
};

class TapSource : public ByteSource {
 public:
  using Tap = std::function<void(std::span<const uint8_t>)>;

  // `tap` sees the bytes in order, each once, on one thread at a time.
  TapSource(std::unique_ptr<ByteSource> inner, Tap tap, TapSourceOptions options = {},
            TapSourceHooks hooks = {});
  // Stops the worker; bytes it had not tapped yet are dropped.
  ~TapSource() override;
  TapSource(const TapSource&) = delete;
  TapSource& operator=(const TapSource&) = delete;

  // When this returns 0 (the end), the tap has seen every byte and has returned: its results
  // may be read. An error of the inner source is passed on as is.
  absl::StatusOr<size_t> Read(std::span<uint8_t> out) override;

  // Whether a worker thread was started (the body was longer than inline_bytes).
  bool used_worker() const { return worker_.joinable() || worker_finished_; }

 private:
  // Reader's thread: hands `data` to the tap, inline or through the blocks.
  void Feed(std::span<const uint8_t> data);
  bool StartWorker();
  // Queues the block being filled (if any bytes) for the worker.
  void QueueFill();
  // Reader's thread, at the end: queues the last block and waits for the worker to finish.
  void Finish();
  void Work();

  bool HasFreeBlock() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return !free_.empty(); }
  bool WorkerHasSomething() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    return !ready_.empty() || no_more_ || cancel_;
  }

  struct Filled {
    size_t block;
    size_t size;
  };

  std::unique_ptr<ByteSource> inner_;
  const Tap tap_;
  const TapSourceOptions options_;
  const TapSourceHooks hooks_;
  size_t inline_left_;
  bool finished_ = false;
  bool worker_finished_ = false;
  // Owned by the reader's thread except while queued or tapped.
  std::vector<std::vector<uint8_t>> blocks_;
  std::optional<size_t> fill_;  // the block the reader is filling
  size_t fill_size_ = 0;

  absl::Mutex mu_;
  std::deque<Filled> ready_ ABSL_GUARDED_BY(mu_);
  std::vector<size_t> free_ ABSL_GUARDED_BY(mu_);
  bool no_more_ ABSL_GUARDED_BY(mu_) = false;  // the end: tap what is queued, then stop
  bool cancel_ ABSL_GUARDED_BY(mu_) = false;   // destroyed early: stop at once
  std::thread worker_;
};

}  // namespace backend::rest

#endif  // FICHIER_BACKEND_REST_TAP_SOURCE_H_
