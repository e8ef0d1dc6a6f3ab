// Computes several checksums of one stream in a single pass (rclone's hash.MultiHasher): MD5,
// SHA-1 and SHA-256 through libcrypto, CRC-32 through zlib, Whirlpool through hash/whirlpool.
#ifndef FICHIER_HASH_MULTI_HASHER_H_
#define FICHIER_HASH_MULTI_HASHER_H_

#include <cstdint>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "hash/hash_type.h"

namespace hash {

class MultiHasher {
 public:
  // Only the types in `types` are computed (unknown ones are ignored).
  explicit MultiHasher(HashSet types);
  ~MultiHasher();
  // Neither copied nor moved: its State cannot be.

  void Update(std::span<const uint8_t> data);
  void Update(std::string_view data) {
    Update(std::span(reinterpret_cast<const uint8_t*>(data.data()), data.size()));
  }
  // Lowercase hex of each requested type (crc32 big-endian, as rclone prints it). Call once.
  std::map<HashType, std::string> Finalize();
  HashSet types() const { return types_; }

 private:
  struct State;
  HashSet types_;
  std::unique_ptr<State> state_;
};

// One-shot: the hex sum of `data`.
std::string HexSum(HashType type, std::string_view data);

}  // namespace hash

#endif  // FICHIER_HASH_MULTI_HASHER_H_
