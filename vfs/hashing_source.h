// A Source that computes checksums of the bytes that pass through it, so an upload is hashed in
// the same pass that sends it and can be checked against what the server reports.
#ifndef FICHIER_VFS_HASHING_SOURCE_H_
#define FICHIER_VFS_HASHING_SOURCE_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "hash/hash_type.h"
#include "hash/multi_hasher.h"
#include "vfs/source.h"

namespace vfs {

class HashingSource : public Source {
 public:
  // `inner` must outlive this object. Only the types in `types` are computed.
  explicit HashingSource(Source& inner, hash::HashSet types = {hash::HashType::kWhirlpool});

  absl::StatusOr<size_t> Read(std::span<uint8_t> buffer) override;

  // Bytes read so far.
  int64_t bytes() const { return bytes_; }
  // Whether the inner source has reported its end (sums are final).
  bool finished() const { return finished_; }
  // Lowercase hex sum of everything read. FailedPrecondition before the end was reached,
  // hash-unsupported for a type not requested.
  absl::StatusOr<std::string> Sum(hash::HashType type) const;

 private:
  Source& inner_;
  hash::HashSet types_;
  std::unique_ptr<hash::MultiHasher> hasher_;
  std::map<hash::HashType, std::string> sums_;
  int64_t bytes_ = 0;
  bool finished_ = false;
};

}  // namespace vfs

#endif  // FICHIER_VFS_HASHING_SOURCE_H_
