#include "hash/hash_type.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "base/enum_names.h"
#include "base/string_views.h"

namespace hash {

namespace {

constexpr base::EnumName<HashType> kHashNames[] = {
    {HashType::kMd5, "md5"},     {HashType::kSha1, "sha1"},     {HashType::kWhirlpool, "whirlpool"},
    {HashType::kCrc32, "crc32"}, {HashType::kSha256, "sha256"},
};

}  // namespace

std::string_view HashTypeName(HashType type) { return base::NameOf(kHashNames, type, "none"); }

int HexWidth(HashType type) {
  switch (type) {
    case HashType::kMd5:
      return 32;
    case HashType::kSha1:
      return 40;
    case HashType::kWhirlpool:
      return 128;
    case HashType::kCrc32:
      return 8;
    case HashType::kSha256:
      return 64;
    case HashType::kNone:
      break;
  }
  return 0;
}

absl::StatusOr<HashType> ParseHashType(std::string_view name) {
  std::string lower = absl::AsciiStrToLower(base::ToAbsl(name));
  for (HashType type : kSupportedHashes.Types()) {
    if (HashTypeName(type) == lower) return type;
  }
  return absl::InvalidArgumentError(absl::StrCat("unknown hash type \"", std::string(name),
                                                 "\"; supported: ", kSupportedHashes.ToString()));
}

HashType HashSet::GetOne() const {
  if (bits_ == 0) return HashType::kNone;
  return static_cast<HashType>(bits_ & (~bits_ + 1));
}

std::vector<HashType> HashSet::Types() const {
  std::vector<HashType> types;
  for (uint32_t bit = 1; bit != 0 && bit <= bits_; bit <<= 1) {
    if (bits_ & bit) types.push_back(static_cast<HashType>(bit));
  }
  return types;
}

std::string HashSet::ToString() const {
  std::vector<std::string> names;
  for (HashType type : Types()) names.emplace_back(HashTypeName(type));
  return absl::StrCat("[", absl::StrJoin(names, ", "), "]");
}

}  // namespace hash
