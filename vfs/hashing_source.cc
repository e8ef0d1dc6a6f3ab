#include "vfs/hashing_source.h"

#include "absl/status/status.h"
#include "vfs/errors.h"

namespace vfs {

std::string HexDigest(std::span<const uint8_t> digest) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(digest.size() * 2);
  for (uint8_t b : digest) {
    out.push_back(kHex[b >> 4]);
    out.push_back(kHex[b & 0xf]);
  }
  return out;
}

HashingSource::HashingSource(Source& inner, hash::HashSet types) : inner_(inner), types_(types) {
  if (!types_.Contains(hash::HashType::kWhirlpool)) return;
  whirlpool_from_inner_ = inner_.ComputesHash(hash::HashType::kWhirlpool);
  if (!whirlpool_from_inner_) whirlpool_.emplace();
}

absl::StatusOr<size_t> HashingSource::Read(std::span<uint8_t> buffer) {
  absl::StatusOr<size_t> n = inner_.Read(buffer);
  if (!n.ok() || buffer.empty() || finished_) return n;
  if (*n == 0) {
    finished_ = true;
    if (whirlpool_.has_value()) {
      hash::Whirlpool::Digest digest = whirlpool_->Finalize();
      whirlpool_hex_ = HexDigest(digest);
    }
    return n;
  }
  bytes_ += static_cast<int64_t>(*n);
  if (whirlpool_.has_value()) whirlpool_->Update(std::span<const uint8_t>(buffer.data(), *n));
  return n;
}

absl::StatusOr<std::string> HashingSource::Sum(hash::HashType type) const {
  if (!types_.Contains(type)) return HashUnsupported(hash::HashTypeName(type));
  if (!finished_) {
    return absl::FailedPreconditionError("hash requested before the end of the stream");
  }
  if (type == hash::HashType::kWhirlpool) {
    return whirlpool_from_inner_ ? inner_.StreamHash(type) : whirlpool_hex_;
  }
  return HashUnsupported(hash::HashTypeName(type));
}

}  // namespace vfs
