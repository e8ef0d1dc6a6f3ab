#include "emulator/blob_writer.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <span>

#include "base/hex.h"
#include "emulator/blob.h"

namespace emulator {

static_assert(BlobWriter::kChunk % kDirectIoAlignment == 0);

BlobWriter::BlobWriter(std::string path, bool direct_io)
    : path_(std::move(path)), direct_tried_(!direct_io) {
  fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  open_failed_ = fd_ < 0;
}

BlobWriter::~BlobWriter() {
  if (!finished_) Abort();
}

bool BlobWriter::DropDirect() {
  const int flags = ::fcntl(fd_, F_GETFL);
  if (flags < 0 || ::fcntl(fd_, F_SETFL, flags & ~O_DIRECT) != 0) return false;
  direct_ = false;
  return true;
}

bool BlobWriter::WriteChunk(const char* data, size_t size) {
  if (size == kChunk && !direct_tried_) {
    // The first full chunk: try O_DIRECT (refused by file systems without it, e.g. old tmpfs).
    direct_tried_ = true;
    const int flags = ::fcntl(fd_, F_GETFL);
    direct_ = flags >= 0 && ::fcntl(fd_, F_SETFL, flags | O_DIRECT) == 0;
  }
  // The short last chunk goes through the page cache: its size is not block-aligned.
  if (direct_ && size != kChunk && !DropDirect()) return false;
  size_t done = 0;
  while (done < size) {
    const ssize_t n = ::write(fd_, data + done, size - done);
    if (n > 0) {
      wrote_direct_ = wrote_direct_ || direct_;
      done += static_cast<size_t>(n);
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    // O_DIRECT accepted at fcntl time but not for this write (or a short direct write left the
    // rest unaligned): finish through the page cache.
    if (n < 0 && errno == EINVAL && direct_ && DropDirect()) continue;
    return false;
  }
  return true;
}

bool BlobWriter::Append(const char* data, size_t size) {
  if (open_failed_) return false;
  size_ += size;
  while (size > 0) {
    Slot& slot = slots_[next_ % kSlots];
    if (!slot.data) {
      slot.data = NewAlignedBuffer(kChunk);
      if (!slot.data) return false;
    }
    const size_t n = std::min(size, kChunk - fill_);
    std::memcpy(slot.data.get() + fill_, data, n);
    fill_ += n;
    data += n;
    size -= n;
    if (fill_ == kChunk && !Publish()) return false;
  }
  return true;
}

bool BlobWriter::Publish() {
  slots_[next_ % kSlots].size = fill_;
  if (!hash_thread_.joinable()) {
    hash_thread_ = std::thread([this] { HashLoop(); });
    write_thread_ = std::thread([this] { WriteLoop(); });
  }
  absl::MutexLock lock(&mu_);
  published_ = ++next_;
  fill_ = 0;
  // The slot of the next chunk is free once both workers are done with its previous use.
  auto free = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    return failed_ || std::min(hashed_, written_) + kSlots > next_;
  };
  mu_.Await(absl::Condition(&free));
  return !failed_;
}

const BlobWriter::Slot* BlobWriter::NextChunk(const uint64_t& done) {
  absl::MutexLock lock(&mu_);
  auto ready = [this, &done]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    return done < published_ || closing_ || failed_;
  };
  mu_.Await(absl::Condition(&ready));
  if (failed_ || done == published_) return nullptr;
  return &slots_[done % kSlots];
}

void BlobWriter::ChunkDone(uint64_t& done, bool ok) {
  absl::MutexLock lock(&mu_);
  ++done;
  if (!ok) failed_ = true;
}

void BlobWriter::HashLoop() {
  while (const Slot* slot = NextChunk(hashed_)) {
    hasher_.Update(std::span(reinterpret_cast<const uint8_t*>(slot->data.get()), slot->size));
    ChunkDone(hashed_, true);
  }
}

void BlobWriter::WriteLoop() {
  while (const Slot* slot = NextChunk(written_)) {
    ChunkDone(written_, WriteChunk(slot->data.get(), slot->size));
  }
}

absl::StatusOr<std::string> BlobWriter::Finish() {
  finished_ = true;
  bool ok = !open_failed_;
  if (ok && !hash_thread_.joinable()) {
    // Less than one chunk: no worker was started, hash and write here.
    const Slot& slot = slots_[0];
    if (fill_ > 0) {
      hasher_.Update(std::span(reinterpret_cast<const uint8_t*>(slot.data.get()), fill_));
      ok = WriteChunk(slot.data.get(), fill_);
    }
  } else if (ok) {
    if (fill_ > 0) {
      slots_[next_ % kSlots].size = fill_;
      absl::MutexLock lock(&mu_);
      published_ = ++next_;
    }
    {
      absl::MutexLock lock(&mu_);
      closing_ = true;
    }
    hash_thread_.join();
    write_thread_.join();
    absl::MutexLock lock(&mu_);
    ok = !failed_;
  }
  if (fd_ >= 0) ok = ::close(fd_) == 0 && ok;
  fd_ = -1;
  if (!ok) {
    ::unlink(path_.c_str());
    return absl::InternalError("cannot store the upload");
  }
  const auto digest = hasher_.Finalize();
  return base::HexLower(digest);
}

void BlobWriter::Abort() {
  finished_ = true;
  {
    absl::MutexLock lock(&mu_);
    failed_ = true;  // the workers stop at their next chunk
    closing_ = true;
  }
  if (hash_thread_.joinable()) hash_thread_.join();
  if (write_thread_.joinable()) write_thread_.join();
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  ::unlink(path_.c_str());
}

}  // namespace emulator
