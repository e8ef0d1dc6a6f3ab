#include "emulator/blob_writer.h"

#include <fcntl.h>
#include <unistd.h>

#include <string_view>

#include "emulator/blob.h"
#include "hash/whirlpool.h"

namespace emulator {
namespace {
constexpr size_t kChunk = 1 << 20;
constexpr size_t kMaxQueued = 8;  // bounds memory per upload to ~8 MiB
}  // namespace

BlobWriter::BlobWriter(std::string path) : path_(std::move(path)) {
  fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd_ < 0) {
    absl::MutexLock lock(&mu_);
    failed_ = true;
    return;
  }
  pending_.reserve(kChunk);
  worker_ = std::thread([this] { Run(); });
}

BlobWriter::~BlobWriter() {
  if (!finished_) Abort();
}

bool BlobWriter::WriteAll(const std::string& chunk) {
  size_t done = 0;
  while (done < chunk.size()) {
    const ssize_t n = ::write(fd_, chunk.data() + done, chunk.size() - done);
    if (n <= 0) {
      absl::MutexLock lock(&mu_);
      failed_ = true;
      return false;
    }
    done += static_cast<size_t>(n);
  }
  return true;
}

void BlobWriter::Hand(std::shared_ptr<const std::string> chunk) {
  absl::MutexLock lock(&mu_);
  auto room = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    return queue_.size() < kMaxQueued || failed_;
  };
  mu_.Await(absl::Condition(&room));
  queue_.push_back(std::move(chunk));
}

bool BlobWriter::Append(const char* data, size_t size) {
  {
    absl::MutexLock lock(&mu_);
    if (failed_) return false;
  }
  size_ += size;
  while (size > 0) {
    const size_t n = std::min(size, kChunk - pending_.size());
    pending_.append(data, n);
    data += n;
    size -= n;
    if (pending_.size() == kChunk) {
      auto full = std::make_shared<std::string>();
      full->reserve(kChunk);
      full->swap(pending_);
      // The worker hashes while this thread writes the same bytes.
      Hand(full);
      if (!WriteAll(*full)) return false;
    }
  }
  return true;
}

void BlobWriter::Run() {
  hash::Whirlpool hasher;
  for (;;) {
    std::shared_ptr<const std::string> chunk;
    {
      absl::MutexLock lock(&mu_);
      auto ready = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
        return !queue_.empty() || closing_;
      };
      mu_.Await(absl::Condition(&ready));
      if (queue_.empty()) break;  // closing and drained
      chunk = std::move(queue_.front());
      queue_.pop_front();
    }
    hasher.Update(std::string_view(*chunk));
  }
  const auto digest = hasher.Finalize();
  absl::MutexLock lock(&mu_);
  digest_hex_ = LowerHex(digest.data(), digest.size());
}

absl::StatusOr<std::string> BlobWriter::Finish() {
  finished_ = true;
  if (fd_ >= 0 && !pending_.empty()) {
    auto last = std::make_shared<std::string>(std::move(pending_));
    Hand(last);
    WriteAll(*last);
  }
  {
    absl::MutexLock lock(&mu_);
    closing_ = true;
  }
  if (worker_.joinable()) worker_.join();
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  absl::MutexLock lock(&mu_);
  if (failed_) {
    ::unlink(path_.c_str());
    return absl::InternalError("cannot store the upload");
  }
  return digest_hex_;
}

void BlobWriter::Abort() {
  finished_ = true;
  {
    absl::MutexLock lock(&mu_);
    failed_ = true;  // the worker stops at its next chunk
    closing_ = true;
    queue_.clear();
  }
  if (worker_.joinable()) worker_.join();
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  ::unlink(path_.c_str());
}

}  // namespace emulator
