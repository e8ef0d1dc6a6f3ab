#include "backend/rest/tap_source.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"

namespace backend::rest {
namespace {

uint8_t ByteAt(int64_t i) { return static_cast<uint8_t>((i * 7 + (i >> 11)) & 0xff); }

// `size` known bytes, at most `max_chunk` per read; fails with DataLoss at `fail_at`.
class CountingSource : public ByteSource {
 public:
  CountingSource(int64_t size, size_t max_chunk, int64_t fail_at = -1)
      : size_(size), max_chunk_(max_chunk), fail_at_(fail_at) {}
  absl::StatusOr<size_t> Read(std::span<uint8_t> out) override {
    if (fail_at_ >= 0 && pos_ >= fail_at_) return absl::DataLossError("connection reset");
    int64_t n = std::min<int64_t>({static_cast<int64_t>(out.size()),
                                   static_cast<int64_t>(max_chunk_), size_ - pos_});
    if (fail_at_ >= 0) n = std::min(n, fail_at_ - pos_);
    for (int64_t i = 0; i < n; ++i) out[i] = ByteAt(pos_ + i);
    pos_ += n;
    return static_cast<size_t>(n);
  }
  int64_t pos() const { return pos_; }

 private:
  const int64_t size_;
  const size_t max_chunk_;
  const int64_t fail_at_;
  int64_t pos_ = 0;
};

// What a tap saw: byte count, whether every byte was the expected one in order, the threads
// it ran on.
struct Seen {
  absl::Mutex mu;
  int64_t bytes = 0;
  bool in_order = true;
  std::vector<std::thread::id> threads;

  TapSource::Tap Tap() {
    return [this](std::span<const uint8_t> data) {
      absl::MutexLock lock(&mu);
      for (size_t i = 0; i < data.size(); ++i) {
        if (data[i] != ByteAt(bytes + static_cast<int64_t>(i))) in_order = false;
      }
      bytes += static_cast<int64_t>(data.size());
      if (std::find(threads.begin(), threads.end(), std::this_thread::get_id()) == threads.end()) {
        threads.push_back(std::this_thread::get_id());
      }
    };
  }
  int64_t Bytes() {
    absl::MutexLock lock(&mu);
    return bytes;
  }
};

// Reads everything with reads of `read_size`, checking the bytes the reader gets.
int64_t ReadAll(TapSource& source, size_t read_size, bool* reader_in_order) {
  std::vector<uint8_t> buffer(read_size);
  int64_t total = 0;
  *reader_in_order = true;
  while (true) {
    absl::StatusOr<size_t> n = source.Read(buffer);
    EXPECT_TRUE(n.ok()) << n.status();
    if (!n.ok() || *n == 0) return total;
    for (size_t i = 0; i < *n; ++i) {
      if (buffer[i] != ByteAt(total + static_cast<int64_t>(i))) *reader_in_order = false;
    }
    total += static_cast<int64_t>(*n);
  }
}

TEST(TapSourceTest, SmallBodyIsTappedInlineWithoutAThread) {
  Seen seen;
  TapSource source(std::make_unique<CountingSource>(100000, 4096), seen.Tap());
  bool in_order = false;
  EXPECT_EQ(ReadAll(source, 3000, &in_order), 100000);
  EXPECT_TRUE(in_order);
  EXPECT_EQ(seen.Bytes(), 100000);
  EXPECT_TRUE(seen.in_order);
  EXPECT_FALSE(source.used_worker());
  ASSERT_EQ(seen.threads.size(), 1u);
  EXPECT_EQ(seen.threads[0], std::this_thread::get_id());
}

TEST(TapSourceTest, LargeBodyIsTappedOnAWorkerEveryByteOnceInOrder) {
  const int64_t size = (int64_t{20} << 20) + 12345;
  for (size_t read_size : {size_t{1} << 20, size_t{7001}, size_t{3} << 20}) {
    Seen seen;
    TapSource source(std::make_unique<CountingSource>(size, 300000), seen.Tap(),
                     TapSourceOptions{.inline_bytes = 1 << 20, .block_bytes = 256 << 10,
                                      .blocks = 3});
    bool in_order = false;
    EXPECT_EQ(ReadAll(source, read_size, &in_order), size);
    EXPECT_TRUE(in_order);
    // The end was reported only after the tap had seen the last byte.
    EXPECT_EQ(seen.Bytes(), size) << read_size;
    EXPECT_TRUE(seen.in_order) << read_size;
    EXPECT_TRUE(source.used_worker());
    EXPECT_EQ(seen.threads.size(), 2u);  // the inline start, then the worker
    // Reading past the end stays at the end.
    uint8_t more[16];
    EXPECT_EQ(*source.Read(more), 0u);
    EXPECT_EQ(seen.Bytes(), size);
  }
}

TEST(TapSourceTest, ReaderWaitsWhenTheTapFallsBehind) {
  absl::Notification release;
  std::atomic<int64_t> tapped{0};
  absl::Notification reader_waits;
  TapSourceHooks hooks;
  hooks.on_reader_waits = [&] {
    if (!reader_waits.HasBeenNotified()) reader_waits.Notify();
  };
  const TapSourceOptions options{.inline_bytes = 0, .block_bytes = 64 << 10, .blocks = 4};
  TapSource source(std::make_unique<CountingSource>(int64_t{16} << 20, 64 << 10),
                   [&](std::span<const uint8_t> data) {
                     release.WaitForNotificationWithTimeout(absl::Seconds(30));
                     tapped += static_cast<int64_t>(data.size());
                   },
                   options, hooks);
  std::atomic<int64_t> read{0};
  std::thread reader([&] {
    uint8_t buffer[16 << 10];
    while (true) {
      absl::StatusOr<size_t> n = source.Read(buffer);
      if (!n.ok() || *n == 0) return;
      read += static_cast<int64_t>(*n);
    }
  });
  // The tap is stuck on its first block: the reader fills the other blocks and then waits.
  ASSERT_TRUE(reader_waits.WaitForNotificationWithTimeout(absl::Seconds(30)));
  const int64_t bound = static_cast<int64_t>(options.blocks * options.block_bytes);
  EXPECT_LE(read.load(), bound);
  EXPECT_GE(read.load(), static_cast<int64_t>((options.blocks - 1) * options.block_bytes));
  EXPECT_EQ(tapped.load(), 0);
  release.Notify();
  reader.join();
  EXPECT_EQ(read.load(), int64_t{16} << 20);
  EXPECT_EQ(tapped.load(), int64_t{16} << 20);
}

TEST(TapSourceTest, InnerErrorIsPassedOnAndDestructionStopsTheWorker) {
  Seen seen;
  auto source = std::make_unique<TapSource>(
      std::make_unique<CountingSource>(int64_t{64} << 20, 100000, int64_t{5} << 20), seen.Tap(),
      TapSourceOptions{.inline_bytes = 1 << 20, .block_bytes = 1 << 20, .blocks = 4});
  uint8_t buffer[65536];
  absl::Status error;
  int64_t read = 0;
  for (int guard = 0; guard < 100000; ++guard) {
    absl::StatusOr<size_t> n = source->Read(buffer);
    if (!n.ok()) {
      error = n.status();
      break;
    }
    ASSERT_GT(*n, 0u);
    read += static_cast<int64_t>(*n);
  }
  EXPECT_TRUE(absl::IsDataLoss(error)) << error;
  EXPECT_EQ(read, int64_t{5} << 20);
  EXPECT_TRUE(source->used_worker());
  source.reset();  // the worker is told to stop and joined; whatever it had not tapped is dropped
  EXPECT_LE(seen.Bytes(), read);
  EXPECT_TRUE(seen.in_order);
}

TEST(TapSourceTest, AbandonedWhileTheTapIsBusyDropsWhatIsQueued) {
  std::atomic<int> calls{0};
  absl::Notification second_call_entered, release;
  TapSourceHooks hooks;
  hooks.on_stop_requested = [&] { release.Notify(); };
  auto source = std::make_unique<TapSource>(
      std::make_unique<CountingSource>(int64_t{64} << 20, 1 << 20),
      [&](std::span<const uint8_t>) {
        if (++calls == 2) {
          second_call_entered.Notify();
          release.WaitForNotificationWithTimeout(absl::Seconds(30));
        }
      },
      TapSourceOptions{.inline_bytes = 0, .block_bytes = 256 << 10, .blocks = 2}, hooks);
  uint8_t buffer[256 << 10];
  // Block 1 is tapped at once, block 2 holds the worker, block 3 waits in the queue.
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(source->Read(buffer).ok());
  ASSERT_TRUE(second_call_entered.WaitForNotificationWithTimeout(absl::Seconds(30)));
  // The tap is released only once the destructor has told the worker to stop.
  source.reset();
  EXPECT_EQ(calls.load(), 2);  // the queued block was dropped, not tapped
}

}  // namespace
}  // namespace backend::rest
