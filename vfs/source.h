// The pull-based byte stream every transfer goes through. Uploads pull from a Source (libcurl's
// read callback maps onto Read directly); downloads are Sources. A copy between two remotes is
// one loop over Read with a fixed buffer, so memory stays bounded whatever the file size.
#ifndef FICHIER_VFS_SOURCE_H_
#define FICHIER_VFS_SOURCE_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "hash/hash_type.h"

namespace vfs {

class Source {
 public:
  virtual ~Source() = default;
  // Fills up to buffer.size() bytes and returns how many were written; 0 means the end (only
  // when buffer is non-empty). A short read is not the end. After an error or the end, further
  // calls may return the same result again.
  virtual absl::StatusOr<size_t> Read(std::span<uint8_t> buffer) = 0;

  // Whether this source computes the `type` hash of every byte it delivers by itself (a hashing
  // or verifying stream, or a wrapper passing one through unchanged), so that a wrapper made on
  // top of it before the first Read can reuse that sum instead of hashing the bytes again.
  virtual bool ComputesHash(hash::HashType /*type*/) const { return false; }
  // That sum (lowercase hex), once Read has returned 0; hash-unsupported when not computed here.
  virtual absl::StatusOr<std::string> StreamHash(hash::HashType type) const;
};

// A Source over bytes owned by the caller, who keeps them alive while it is read.
class SpanSource : public Source {
 public:
  explicit SpanSource(std::string_view data) : data_(data) {}
  absl::StatusOr<size_t> Read(std::span<uint8_t> buffer) override;

 private:
  std::string_view data_;
  size_t position_ = 0;
};

// A Source over bytes held in memory (owned).
class StringSource : public Source {
 public:
  explicit StringSource(std::string data) : data_(std::move(data)), reader_(data_) {}
  // reader_ points into data_: a copy would read the original's bytes.
  StringSource(const StringSource&) = delete;
  StringSource& operator=(const StringSource&) = delete;
  absl::StatusOr<size_t> Read(std::span<uint8_t> buffer) override { return reader_.Read(buffer); }

 private:
  const std::string data_;
  SpanSource reader_;
};

// At most `limit` bytes of another Source (owned). Used to serve ranges.
class LimitedSource : public Source {
 public:
  LimitedSource(std::unique_ptr<Source> inner, int64_t limit)
      : inner_(std::move(inner)), remaining_(limit) {}
  absl::StatusOr<size_t> Read(std::span<uint8_t> buffer) override;

 private:
  std::unique_ptr<Source> inner_;
  int64_t remaining_;
};

// Bytes already taken from a stream, then the rest of it (`rest`, owned by the caller): a stream
// whose start was read to look at it can still be sent whole.
class PrefixedSource : public Source {
 public:
  PrefixedSource(std::string prefix, Source& rest) : prefix_(std::move(prefix)), rest_(rest) {}
  absl::StatusOr<size_t> Read(std::span<uint8_t> buffer) override;

 private:
  std::string prefix_;
  size_t position_ = 0;
  Source& rest_;
};

// Reads `source` to its end. Fails with resource exhausted past `max_bytes` (a guard for callers
// that expect small bodies).
absl::StatusOr<std::string> ReadAll(Source& source, size_t max_bytes = SIZE_MAX);

// Pulls `source` to its end, handing each chunk to `sink`; returns the byte count. Stops at the
// first error of either side.
using Sink = std::function<absl::Status(std::span<const uint8_t>)>;
absl::StatusOr<int64_t> Drain(Source& source, const Sink& sink, size_t buffer_size = 64 * 1024);

}  // namespace vfs

#endif  // FICHIER_VFS_SOURCE_H_
