#include "vfs/read_ahead_source.h"

#include <algorithm>
#include <cstring>
#include <utility>

namespace vfs {

ReadAheadSource::ReadAheadSource(Source& inner, size_t block_bytes, size_t blocks)
    : inner_(inner),
      block_bytes_(std::max<size_t>(block_bytes, 1)),
      cancel_(base::CurrentCancelShared()),
      blocks_(std::max<size_t>(blocks, 2)) {
  absl::MutexLock lock(&mu_);
  for (size_t i = 0; i < blocks_.size(); ++i) free_.push_back(i);
}

ReadAheadSource::~ReadAheadSource() {
  {
    absl::MutexLock lock(&mu_);
    stop_ = true;
  }
  if (worker_.joinable()) worker_.join();
}

void ReadAheadSource::Work() {
  base::ScopedCancel scoped(cancel_);
  while (true) {
    size_t block = 0;
    {
      absl::MutexLock lock(&mu_);
      mu_.Await(absl::Condition(
          +[](ReadAheadSource* self) ABSL_EXCLUSIVE_LOCKS_REQUIRED(self->mu_) {
            return self->stop_ || !self->free_.empty();
          },
          this));
      if (stop_) return;
      block = free_.back();
      free_.pop_back();
    }
    // Whole blocks: one hand-over per block, not per inner read.
    std::vector<uint8_t>& bytes = blocks_[block];
    bytes.resize(block_bytes_);
    size_t size = 0;
    absl::Status end = absl::OkStatus();
    bool ended = false;
    while (size < bytes.size()) {
      absl::StatusOr<size_t> n = inner_.Read(std::span(bytes).subspan(size));
      if (!n.ok() || *n == 0) {
        end = n.ok() ? absl::OkStatus() : n.status();
        ended = true;
        break;
      }
      size += *n;
    }
    absl::MutexLock lock(&mu_);
    if (size > 0) {
      ready_.push_back(Filled{block, size});
    } else {
      free_.push_back(block);
    }
    if (ended) {
      end_ = std::move(end);
      return;
    }
  }
}

bool ReadAheadSource::NextBlock(absl::Status& status) {
  if (!worker_.joinable()) {
    absl::MutexLock lock(&mu_);
    if (!end_.has_value()) worker_ = std::thread([this] { Work(); });
  }
  absl::MutexLock lock(&mu_);
  mu_.Await(absl::Condition(
      +[](ReadAheadSource* self) ABSL_EXCLUSIVE_LOCKS_REQUIRED(self->mu_) {
        return !self->ready_.empty() || self->end_.has_value();
      },
      this));
  if (ready_.empty()) {
    // Every byte was handed out: the worker has returned, so the inner source is idle.
    status = *end_;
    return false;
  }
  current_ = ready_.front();
  ready_.pop_front();
  position_ = 0;
  return true;
}

void ReadAheadSource::ReleaseCurrent() {
  absl::MutexLock lock(&mu_);
  free_.push_back(current_->block);
  current_.reset();
}

absl::StatusOr<size_t> ReadAheadSource::Read(std::span<uint8_t> buffer) {
  if (buffer.empty()) return 0;
  if (current_.has_value() && position_ == current_->size) ReleaseCurrent();  // after ReadBlock
  absl::Status end;
  if (!current_.has_value() && !NextBlock(end)) {
    if (!end.ok()) return end;
    return 0;
  }
  const size_t n = std::min(buffer.size(), current_->size - position_);
  std::memcpy(buffer.data(), blocks_[current_->block].data() + position_, n);
  position_ += n;
  if (position_ == current_->size) ReleaseCurrent();
  return n;
}

absl::StatusOr<std::span<const uint8_t>> ReadAheadSource::ReadBlock() {
  if (current_.has_value() && position_ == current_->size) ReleaseCurrent();
  absl::Status end;
  if (!current_.has_value() && !NextBlock(end)) {
    if (!end.ok()) return end;
    return std::span<const uint8_t>();
  }
  const std::span<const uint8_t> rest = std::span<const uint8_t>(blocks_[current_->block])
                                            .subspan(position_, current_->size - position_);
  position_ = current_->size;  // handed out; released at the next call
  return rest;
}

}  // namespace vfs
