#include "mount/read_ahead.h"

#include <algorithm>
#include <cstring>
#include <utility>

#include "base/cancel.h"

namespace mount {
namespace {
constexpr size_t kBlock = 256 * 1024;
}  // namespace

ReadAhead::ReadAhead(std::unique_ptr<vfs::Source> inner, int64_t capacity)
    : inner_(std::move(inner)), capacity_(std::max<int64_t>(capacity, kBlock)) {
  thread_ = std::thread(&ReadAhead::Fill, this, base::CurrentCancelShared());
}

ReadAhead::~ReadAhead() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  thread_.join();
}

void ReadAhead::Fill(std::shared_ptr<base::Cancel> cancel) {
  base::ScopedCancel scoped(std::move(cancel));
  for (;;) {
    {
      absl::MutexLock lock(&mu_);
      auto room = [this]() ABSL_SHARED_LOCKS_REQUIRED(mu_) {
        return stopping_ || buffered_ + static_cast<int64_t>(kBlock) <= capacity_;
      };
      mu_.Await(absl::Condition(&room));
      if (stopping_) return;
    }
    std::string block(kBlock, '\0');
    absl::StatusOr<size_t> n =
        inner_->Read(std::span<uint8_t>(reinterpret_cast<uint8_t*>(block.data()), block.size()));
    absl::MutexLock lock(&mu_);
    if (!n.ok() || *n == 0) {
      done_ = true;
      if (!n.ok()) error_ = n.status();
      return;
    }
    block.resize(*n);
    buffered_ += static_cast<int64_t>(*n);
    blocks_.push_back(std::move(block));
  }
}

absl::StatusOr<size_t> ReadAhead::Read(std::span<uint8_t> buffer) {
  if (buffer.empty()) return 0;
  absl::MutexLock lock(&mu_);
  auto ready = [this]() ABSL_SHARED_LOCKS_REQUIRED(mu_) { return !blocks_.empty() || done_; };
  mu_.Await(absl::Condition(&ready));
  size_t copied = 0;
  while (copied < buffer.size() && !blocks_.empty()) {
    const std::string& front = blocks_.front();
    size_t n = std::min(buffer.size() - copied, front.size() - front_used_);
    std::memcpy(buffer.data() + copied, front.data() + front_used_, n);
    copied += n;
    front_used_ += n;
    buffered_ -= static_cast<int64_t>(n);
    if (front_used_ == front.size()) {
      blocks_.pop_front();
      front_used_ = 0;
    }
  }
  if (copied > 0) return copied;
  if (!error_.ok()) return error_;
  return 0;
}

}  // namespace mount
