#include "emulator/blob_reader.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

namespace emulator {

static_assert(BlobReader::kChunk % kDirectIoAlignment == 0);

BlobReader::BlobReader(int fd, bool direct, uint64_t begin, uint64_t end)
    : fd_(fd),
      direct_(direct),
      base_(direct ? begin & ~uint64_t{kDirectIoAlignment - 1} : begin),
      end_(end) {}

std::unique_ptr<BlobReader> BlobReader::Open(const Blob& blob, uint64_t begin, uint64_t end) {
  int fd = -1;
  if (blob.direct_io()) fd = ::open(blob.path().c_str(), O_RDONLY | O_CLOEXEC | O_DIRECT);
  const bool direct = fd >= 0;
  if (fd < 0) fd = ::open(blob.path().c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return nullptr;
  std::unique_ptr<BlobReader> reader(new BlobReader(fd, direct, begin, end));
  const bool ahead = direct && end - reader->base_ > kChunk;
  for (size_t i = 0; i < (ahead ? kSlots : 1); ++i) {
    reader->slots_[i].data = NewAlignedBuffer(kChunk);
    if (!reader->slots_[i].data) return nullptr;
  }
  if (ahead) reader->read_ahead_ = std::thread([r = reader.get()] { r->ReadAhead(); });
  return reader;
}

BlobReader::~BlobReader() {
  {
    absl::MutexLock lock(&mu_);
    stop_ = true;
  }
  if (read_ahead_.joinable()) read_ahead_.join();
  ::close(fd_);
}

void BlobReader::Fill(Slot& slot, uint64_t index) {
  const uint64_t start = base_ + index * kChunk;
  for (;;) {
    size_t want = static_cast<size_t>(std::min<uint64_t>(kChunk, end_ - start));
    if (direct_) want = (want + kDirectIoAlignment - 1) & ~(kDirectIoAlignment - 1);  // still <= kChunk
    // A regular file reads short only at its end.
    slot.got = ::pread(fd_, slot.data.get(), want, static_cast<off_t>(start));
    if (slot.got >= 0 || errno == EINTR) {
      if (slot.got >= 0) return;
      continue;
    }
    if (errno != EINVAL || !direct_) return;
    // O_DIRECT refused for this file system after all: read through the page cache.
    const int flags = ::fcntl(fd_, F_GETFL);
    if (flags < 0 || ::fcntl(fd_, F_SETFL, flags & ~O_DIRECT) != 0) return;
    direct_ = false;
  }
}

void BlobReader::ReadAhead() {
  for (uint64_t i = 0; base_ + i * kChunk < end_; ++i) {
    {
      absl::MutexLock lock(&mu_);
      auto room = [this, i]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
        return stop_ || i < in_use_ + kSlots;
      };
      mu_.Await(absl::Condition(&room));
      if (stop_) break;
    }
    Slot& slot = slots_[i % kSlots];
    Fill(slot, i);
    absl::MutexLock lock(&mu_);
    filled_ = i + 1;
    if (slot.got <= 0) break;  // error or end of file: Read reports it
  }
  absl::MutexLock lock(&mu_);
  ahead_done_ = true;
}

ssize_t BlobReader::Read(uint64_t pos, size_t n, const char** data) {
  if (pos < base_ || pos >= end_) return 0;
  const uint64_t index = (pos - base_) / kChunk;
  const Slot* slot = &slots_[0];
  if (read_ahead_.joinable()) {
    absl::MutexLock lock(&mu_);
    if (index < in_use_) return -1;  // only forward
    in_use_ = index;  // frees the slots of earlier chunks
    auto ready = [this, index]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
      return filled_ > index || ahead_done_;
    };
    mu_.Await(absl::Condition(&ready));
    if (filled_ <= index) return -1;
    slot = &slots_[index % kSlots];
  } else if (cached_ != index) {
    Fill(slots_[0], index);
    cached_ = index;
  }
  if (slot->got < 0) return -1;
  const size_t skip = static_cast<size_t>(pos - (base_ + index * kChunk));
  if (static_cast<size_t>(slot->got) <= skip) return 0;
  *data = slot->data.get() + skip;
  return static_cast<ssize_t>(
      std::min<uint64_t>({static_cast<size_t>(slot->got) - skip, n, end_ - pos}));
}

}  // namespace emulator
