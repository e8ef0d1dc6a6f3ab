#include "vfs/hashing_source.h"

#include "absl/status/status.h"
#include "vfs/errors.h"

namespace vfs {
namespace {

hash::HashSet ComputedBy(const Source& inner, hash::HashSet wanted) {
  hash::HashSet out;
  for (hash::HashType type : wanted.Types()) {
    if (inner.ComputesHash(type)) out.Add(type);
  }
  return out;
}

hash::HashSet Without(hash::HashSet all, hash::HashSet taken) {
  hash::HashSet out;
  for (hash::HashType type : all.Types()) {
    if (!taken.Contains(type)) out.Add(type);
  }
  return out;
}

}  // namespace

HashingSource::HashingSource(Source& inner, hash::HashSet types)
    : inner_(inner),
      types_(types),
      from_inner_(ComputedBy(inner, types)),
      hasher_(std::make_unique<hash::MultiHasher>(Without(types, from_inner_))) {}

absl::StatusOr<size_t> HashingSource::Read(std::span<uint8_t> buffer) {
  absl::StatusOr<size_t> n = inner_.Read(buffer);
  if (!n.ok() || buffer.empty() || finished_) return n;
  if (*n == 0) {
    finished_ = true;
    sums_ = hasher_->Finalize();
    return n;
  }
  bytes_ += static_cast<int64_t>(*n);
  if (!hasher_->types().empty()) hasher_->Update(std::span<const uint8_t>(buffer.data(), *n));
  return n;
}

absl::StatusOr<std::string> HashingSource::Sum(hash::HashType type) const {
  if (!types_.Contains(type)) return HashUnsupported(hash::HashTypeName(type));
  if (!finished_) {
    return absl::FailedPreconditionError("hash requested before the end of the stream");
  }
  if (from_inner_.Contains(type)) return inner_.StreamHash(type);
  auto it = sums_.find(type);
  if (it == sums_.end()) return HashUnsupported(hash::HashTypeName(type));
  return it->second;
}

}  // namespace vfs
