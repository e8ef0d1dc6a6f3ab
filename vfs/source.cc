#include "vfs/source.h"

#include <algorithm>
#include <cstring>
#include <vector>

#include "absl/strings/str_cat.h"
#include "vfs/errors.h"

namespace vfs {
namespace {

size_t CopyOut(std::string_view data, size_t& position, std::span<uint8_t> buffer) {
  size_t n = std::min(buffer.size(), data.size() - position);
  if (n > 0) std::memcpy(buffer.data(), data.data() + position, n);
  position += n;
  return n;
}

}  // namespace

absl::StatusOr<std::string> Source::StreamHash(hash::HashType type) const {
  return HashUnsupported(hash::HashTypeName(type));
}

absl::StatusOr<size_t> SpanSource::Read(std::span<uint8_t> buffer) {
  return CopyOut(data_, position_, buffer);
}

absl::StatusOr<size_t> LimitedSource::Read(std::span<uint8_t> buffer) {
  if (remaining_ <= 0 || buffer.empty()) return 0;
  if (static_cast<uint64_t>(remaining_) < buffer.size()) buffer = buffer.first(remaining_);
  absl::StatusOr<size_t> n = inner_->Read(buffer);
  if (n.ok()) remaining_ -= static_cast<int64_t>(*n);
  return n;
}

absl::StatusOr<size_t> PrefixedSource::Read(std::span<uint8_t> buffer) {
  if (position_ < prefix_.size() && !buffer.empty()) {
    return CopyOut(prefix_, position_, buffer);
  }
  return rest_.Read(buffer);
}

absl::StatusOr<std::string> ReadAll(Source& source, size_t max_bytes) {
  std::string out;
  absl::StatusOr<int64_t> n = Drain(source, [&](std::span<const uint8_t> chunk) {
    if (out.size() + chunk.size() > max_bytes) {
      return absl::ResourceExhaustedError(absl::StrCat("body larger than ", max_bytes, " bytes"));
    }
    out.append(reinterpret_cast<const char*>(chunk.data()), chunk.size());
    return absl::OkStatus();
  });
  if (!n.ok()) return n.status();
  return out;
}

absl::StatusOr<int64_t> Drain(Source& source, const Sink& sink, size_t buffer_size) {
  std::vector<uint8_t> buffer(std::max<size_t>(buffer_size, 1));
  int64_t total = 0;
  while (true) {
    absl::StatusOr<size_t> n = source.Read(buffer);
    if (!n.ok()) return n.status();
    if (*n == 0) return total;
    total += static_cast<int64_t>(*n);
    absl::Status status = sink(std::span<const uint8_t>(buffer.data(), *n));
    if (!status.ok()) return status;
  }
}

}  // namespace vfs
