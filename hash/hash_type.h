// The hash vocabulary of the VFS: which checksums a backend can give (rclone's hash.Type/Set).
#ifndef FICHIER_HASH_HASH_TYPE_H_
#define FICHIER_HASH_HASH_TYPE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace hash {

// One bit per type so sets are plain masks, as in rclone. Whirlpool is the only type 1fichier
// gives; more can be added here without changing callers.
enum class HashType : uint32_t {
  kNone = 0,
  kWhirlpool = 1u << 0,
};

// rclone's lower-case name ("whirlpool"); "none" for kNone.
std::string_view HashTypeName(HashType type);
// Case-insensitive, as rclone accepts "Whirlpool" and "whirlpool". Unknown names are an
// InvalidArgument error that lists the supported ones.
absl::StatusOr<HashType> ParseHashType(std::string_view name);

class HashSet {
 public:
  constexpr HashSet() = default;
  constexpr HashSet(std::initializer_list<HashType> types) {
    for (HashType t : types) Add(t);
  }
  constexpr void Add(HashType type) { bits_ |= static_cast<uint32_t>(type); }
  constexpr bool Contains(HashType type) const {
    return type != HashType::kNone && (bits_ & static_cast<uint32_t>(type)) != 0;
  }
  constexpr bool empty() const { return bits_ == 0; }
  constexpr HashSet Overlap(HashSet other) const { return FromBits(bits_ & other.bits_); }
  // The preferred common type (rclone's GetOne): the lowest bit, or kNone when empty.
  HashType GetOne() const;
  std::vector<HashType> Types() const;
  // "[whirlpool]" like rclone's Set.String().
  std::string ToString() const;
  constexpr bool operator==(const HashSet&) const = default;

 private:
  static constexpr HashSet FromBits(uint32_t bits) {
    HashSet s;
    s.bits_ = bits;
    return s;
  }
  uint32_t bits_ = 0;
};

// All types this build knows.
constexpr HashSet kSupportedHashes{HashType::kWhirlpool};

}  // namespace hash

#endif  // FICHIER_HASH_HASH_TYPE_H_
