#include "backend/rest/tap_source.h"

#include <algorithm>
#include <cstring>
#include <system_error>
#include <utility>

namespace backend::rest {

TapSource::TapSource(std::unique_ptr<ByteSource> inner, Tap tap, TapSourceOptions options,
                     TapSourceHooks hooks)
    : inner_(std::move(inner)),
      tap_(std::move(tap)),
      options_{options.inline_bytes, std::max<size_t>(options.block_bytes, 1),
               std::max<size_t>(options.blocks, 2)},
      hooks_(std::move(hooks)),
      inline_left_(options.inline_bytes) {}

TapSource::~TapSource() {
  if (worker_.joinable()) {
    {
      absl::MutexLock lock(&mu_);
      cancel_ = true;
    }
    if (hooks_.on_stop_requested) hooks_.on_stop_requested();
    worker_.join();
  }
}

absl::StatusOr<size_t> TapSource::Read(std::span<uint8_t> out) {
  if (out.empty()) return 0;
  if (finished_) return 0;
  absl::StatusOr<size_t> n = inner_->Read(out);
  if (!n.ok()) return n;
  if (*n == 0) {
    Finish();
    return 0;
  }
  Feed(out.first(*n));
  return n;
}

void TapSource::Feed(std::span<const uint8_t> data) {
  if (!worker_.joinable()) {
    if (data.size() <= inline_left_ || !StartWorker()) {
      tap_(data);
      inline_left_ -= std::min(inline_left_, data.size());
      return;
    }
  }
  while (!data.empty()) {
    if (!fill_.has_value()) {
      absl::MutexLock lock(&mu_);
      // Back-pressure: the reader waits here when the tap is `blocks` behind.
      if (!HasFreeBlock() && hooks_.on_reader_waits) hooks_.on_reader_waits();
      mu_.Await(absl::Condition(this, &TapSource::HasFreeBlock));
      fill_ = free_.back();
      free_.pop_back();
      fill_size_ = 0;
    }
    std::vector<uint8_t>& block = blocks_[*fill_];
    const size_t n = std::min(data.size(), block.size() - fill_size_);
    std::memcpy(block.data() + fill_size_, data.data(), n);
    fill_size_ += n;
    data = data.subspan(n);
    if (fill_size_ == block.size()) QueueFill();
  }
}

bool TapSource::StartWorker() {
  blocks_.assign(options_.blocks, std::vector<uint8_t>(options_.block_bytes));
  {
    absl::MutexLock lock(&mu_);
    for (size_t i = 0; i < blocks_.size(); ++i) free_.push_back(i);
  }
  try {
    worker_ = std::thread(&TapSource::Work, this);
    return true;
  } catch (const std::system_error&) {
    // No thread to be had: tap everything inline, slower but correct.
    blocks_.clear();
    absl::MutexLock lock(&mu_);
    free_.clear();
    inline_left_ = SIZE_MAX;
    return false;
  }
}

void TapSource::QueueFill() {
  if (!fill_.has_value()) return;
  absl::MutexLock lock(&mu_);
  if (fill_size_ > 0) {
    ready_.push_back(Filled{*fill_, fill_size_});
  } else {
    free_.push_back(*fill_);
  }
  fill_.reset();
}

void TapSource::Finish() {
  finished_ = true;
  if (!worker_.joinable()) return;
  QueueFill();
  {
    absl::MutexLock lock(&mu_);
    no_more_ = true;
  }
  worker_.join();
  worker_finished_ = true;
}

void TapSource::Work() {
  while (true) {
    Filled filled;
    {
      absl::MutexLock lock(&mu_);
      mu_.Await(absl::Condition(this, &TapSource::WorkerHasSomething));
      if (cancel_ || ready_.empty()) return;  // cancelled, or the end with nothing queued
      filled = ready_.front();
      ready_.pop_front();
    }
    tap_(std::span<const uint8_t>(blocks_[filled.block].data(), filled.size));
    absl::MutexLock lock(&mu_);
    free_.push_back(filled.block);
  }
}

}  // namespace backend::rest
