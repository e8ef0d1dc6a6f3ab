// The hash vocabulary of the VFS: which checksums a backend can give (rclone's hash.Type/Set).
#ifndef FICHIER_HASH_HASH_TYPE_H_
#define FICHIER_HASH_HASH_TYPE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace hash {

// One bit per type so sets are plain masks, as in rclone, in rclone's order (md5, sha1,
// whirlpool, crc32, sha256): the lowest common bit is the preferred type (GetOne), and
// listings of types follow rclone's. Whirlpool is the only type 1fichier gives; the local and
// memory backends compute every type here.
enum class HashType : uint32_t {
  kNone = 0,
  kMd5 = 1u << 0,
  kSha1 = 1u << 1,
  kWhirlpool = 1u << 2,
  kCrc32 = 1u << 3,
  kSha256 = 1u << 4,
};

// rclone's lower-case name ("whirlpool"); "none" for kNone.
std::string_view HashTypeName(HashType type);
// Case-insensitive, as rclone accepts "Whirlpool" and "whirlpool". Unknown names are an
// InvalidArgument error that lists the supported ones.
absl::StatusOr<HashType> ParseHashType(std::string_view name);
// Length of the hex form of a digest (md5: 32, whirlpool: 128); 0 for kNone.
int HexWidth(HashType type);

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
  // "[md5, whirlpool]" like rclone's Set.String().
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
constexpr HashSet kSupportedHashes{HashType::kMd5, HashType::kSha1, HashType::kWhirlpool,
                                   HashType::kCrc32, HashType::kSha256};

}  // namespace hash

#endif  // FICHIER_HASH_HASH_TYPE_H_
