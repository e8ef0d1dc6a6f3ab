// A Source that computes checksums of the bytes that pass through it, so an upload is hashed in
// the same pass that sends it and can be checked against what the server reports. A type its
// inner source already computes (Source::ComputesHash: a verified download, another
// HashingSource below) is taken from there, not computed again: each byte is hashed once per
// chain of wrappers, however many layers ask for the sum.
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
  // Must be made before `inner` is first read (the inner's sum covers every byte it delivered).
  explicit HashingSource(Source& inner, hash::HashSet types = {hash::HashType::kWhirlpool});

  absl::StatusOr<size_t> Read(std::span<uint8_t> buffer) override;

  // Bytes read so far.
  int64_t bytes() const { return bytes_; }
  // Whether the inner source has reported its end (sums are final).
  bool finished() const { return finished_; }
  // Lowercase hex sum of everything read. FailedPrecondition before the end was reached,
  // hash-unsupported for a type not requested.
  absl::StatusOr<std::string> Sum(hash::HashType type) const;

  bool ComputesHash(hash::HashType type) const override { return types_.Contains(type); }
  absl::StatusOr<std::string> StreamHash(hash::HashType type) const override { return Sum(type); }

 private:
  Source& inner_;
  hash::HashSet types_;
  hash::HashSet from_inner_;                  // requested types the inner source computes
  std::unique_ptr<hash::MultiHasher> hasher_;  // the other requested types
  std::map<hash::HashType, std::string> sums_;
  int64_t bytes_ = 0;
  bool finished_ = false;
};

}  // namespace vfs

#endif  // FICHIER_VFS_HASHING_SOURCE_H_
