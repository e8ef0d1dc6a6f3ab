#include "mount/chunked_reader.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <utility>

#include "absl/strings/str_cat.h"
#include "mount/read_ahead.h"
#include "mount/vfs.h"

namespace mount {
namespace {

// Forward seeks shorter than this read through instead of opening a new range.
constexpr int64_t kSkipLimit = 1 << 20;
// Bytes kept of what was last returned, for reads that arrive a little out of order.
constexpr size_t kWindow = 4 << 20;
// Read-ahead starts once this much was read in sequence, so random access costs no more than
// the bytes asked for.
constexpr int64_t kSequentialThreshold = 1 << 20;

}  // namespace

ChunkStream::ChunkStream(vfs::ObjectPtr object, int64_t offset, int64_t chunk_size,
                         int64_t chunk_limit)
    : object_(std::move(object)),
      position_(offset),
      chunk_size_(chunk_size),
      chunk_limit_(chunk_limit) {}

absl::StatusOr<size_t> ChunkStream::Read(std::span<uint8_t> buffer) {
  if (buffer.empty()) return 0;
  const int64_t size = object_->size();
  for (int attempt = 0; attempt < 2; ++attempt) {
    if (range_ == nullptr) {
      if (size >= 0 && position_ >= size) return 0;
      vfs::OpenOptions options = vfs::OpenOptions::Seek(position_);
      if (chunk_size_ > 0) {
        chunk_end_ = position_ + chunk_size_;
        options = vfs::OpenOptions::Range(position_, chunk_end_ - 1);
        // Growing chunks: few opens for a long sequential read, small ones for random access.
        int64_t next = chunk_size_ * 2;
        if (chunk_limit_ > 0) next = std::min(next, std::max(chunk_limit_, chunk_size_));
        chunk_size_ = next;
      } else {
        chunk_end_ = INT64_MAX;
      }
      absl::StatusOr<std::unique_ptr<vfs::Source>> opened = object_->Open(options);
      if (!opened.ok()) return opened.status();
      range_ = std::move(*opened);
      ++opens_;
    }
    absl::StatusOr<size_t> n = range_->Read(buffer);
    if (!n.ok()) {
      range_.reset();
      return n.status();
    }
    if (*n > 0) {
      position_ += static_cast<int64_t>(*n);
      return n;
    }
    // This range ended: the next one starts where it stopped, unless the object did.
    range_.reset();
    if (position_ < chunk_end_) return 0;
  }
  return 0;
}

ChunkedReader::ChunkedReader(vfs::ObjectPtr object, const VfsOptions& options)
    : object_(std::move(object)), size_(object_->size()), options_(options) {}

ChunkedReader::~ChunkedReader() {
  absl::MutexLock lock(&mu_);
  stream_.reset();
}

ReaderStats ChunkedReader::stats() const {
  absl::MutexLock lock(&mu_);
  return stats_;
}

void ChunkedReader::Remember(int64_t offset, std::span<const uint8_t> data) {
  if (offset != window_start_ + static_cast<int64_t>(window_.size())) {
    window_.clear();
    window_start_ = offset;
  }
  window_.append(reinterpret_cast<const char*>(data.data()), data.size());
  if (window_.size() > kWindow) {
    size_t drop = window_.size() - kWindow / 2;
    window_.erase(0, drop);
    window_start_ += static_cast<int64_t>(drop);
  }
}

absl::StatusOr<size_t> ChunkedReader::ReadStream(int64_t offset, std::span<uint8_t> out) {
  if (stream_ != nullptr && offset >= position_ && offset - position_ <= kSkipLimit) {
    std::string discard(static_cast<size_t>(offset - position_), '\0');
    size_t got = 0;
    while (got < discard.size()) {
      absl::StatusOr<size_t> n = stream_->Read(std::span<uint8_t>(
          reinterpret_cast<uint8_t*>(discard.data()) + got, discard.size() - got));
      if (!n.ok() || *n == 0) break;
      got += *n;
    }
    stats_.skipped += static_cast<int64_t>(got);
    // Kept: the read that skipped them is often the kernel's later block arriving first.
    Remember(position_,
             std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(discard.data()), got));
    position_ += static_cast<int64_t>(got);
  }
  if (stream_ == nullptr || offset != position_) {
    if (options_.no_seek && offset != position_) {
      return WithErrno(absl::FailedPreconditionError(absl::StrCat(
                           object_->remote(), ": can't seek to ", offset, " (--no-seek)")),
                       ESPIPE);
    }
    stream_.reset();
    stream_ = std::make_unique<ChunkStream>(object_, offset, options_.read_chunk_size,
                                            options_.read_chunk_size_limit);
    read_ahead_ = false;
    position_ = offset;
    sequential_ = 0;
    ++stats_.reopens;
  }
  if (!read_ahead_ && options_.buffer_size > 0 && sequential_ >= kSequentialThreshold) {
    stream_ = std::make_unique<ReadAhead>(std::move(stream_), options_.buffer_size);
    read_ahead_ = true;
  }
  size_t filled = 0;
  while (filled < out.size()) {
    absl::StatusOr<size_t> n = stream_->Read(out.subspan(filled));
    if (!n.ok()) {
      stream_.reset();
      return n.status();
    }
    if (*n == 0) break;
    filled += *n;
    position_ += static_cast<int64_t>(*n);
    sequential_ += static_cast<int64_t>(*n);
  }
  return filled;
}

absl::StatusOr<size_t> ChunkedReader::ReadAt(int64_t offset, std::span<uint8_t> out) {
  if (offset < 0) return absl::InvalidArgumentError("negative read offset");
  if (size_ >= 0) {
    if (offset >= size_) return 0;
    out = out.first(static_cast<size_t>(std::min<int64_t>(out.size(), size_ - offset)));
  }
  absl::MutexLock lock(&mu_);
  size_t served = 0;
  const int64_t window_end = window_start_ + static_cast<int64_t>(window_.size());
  if (offset >= window_start_ && offset < window_end) {
    served = static_cast<size_t>(std::min<int64_t>(out.size(), window_end - offset));
    std::memcpy(out.data(), window_.data() + (offset - window_start_), served);
    stats_.from_window += static_cast<int64_t>(served);
    if (served == out.size()) return served;
  }
  const int64_t at = offset + static_cast<int64_t>(served);
  absl::StatusOr<size_t> n = ReadStream(at, out.subspan(served));
  if (!n.ok()) {
    // One more try on a fresh stream: a dropped connection or an expired link.
    n = ReadStream(at, out.subspan(served));
    if (!n.ok()) return n.status();
  }
  Remember(at, out.subspan(served, *n));
  return served + *n;
}

}  // namespace mount
