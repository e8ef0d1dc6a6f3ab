#include "hash/multi_hasher.h"

#include <string>

#include "gtest/gtest.h"
#include "hash/whirlpool.h"

namespace hash {
namespace {

// Published digests of "abc" (RFC 1321, FIPS 180, ISO 3309/zlib).
TEST(MultiHasher, KnownVectors) {
  EXPECT_EQ(HexSum(HashType::kMd5, "abc"), "900150983cd24fb0d6963f7d28e17f72");
  EXPECT_EQ(HexSum(HashType::kSha1, "abc"), "a9993e364706816aba3e25717850c26c9cd0d89d");
  EXPECT_EQ(HexSum(HashType::kSha256, "abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(HexSum(HashType::kCrc32, "abc"), "352441c2");
  EXPECT_EQ(HexSum(HashType::kCrc32, ""), "00000000");
  EXPECT_EQ(HexSum(HashType::kWhirlpool, "abc"), WhirlpoolHex("abc"));
}

TEST(MultiHasher, OnePassGivesEveryRequestedTypeWhateverTheChunking) {
  std::string data;
  for (int i = 0; i < 100000; ++i) data.push_back(static_cast<char>(i * 7 + i / 13));
  MultiHasher all(kSupportedHashes);
  for (size_t at = 0; at < data.size();) {
    size_t n = std::min<size_t>(data.size() - at, 1 + at % 4099);
    all.Update(std::string_view(data).substr(at, n));
    at += n;
  }
  std::map<HashType, std::string> sums = all.Finalize();
  ASSERT_EQ(sums.size(), kSupportedHashes.Types().size());
  for (HashType t : kSupportedHashes.Types()) {
    EXPECT_EQ(sums[t], HexSum(t, data)) << HashTypeName(t);
    EXPECT_EQ(static_cast<int>(sums[t].size()), HexWidth(t)) << HashTypeName(t);
  }
}

TEST(MultiHasher, OnlyRequestedTypes) {
  MultiHasher md5(HashSet{HashType::kMd5});
  md5.Update("x");
  std::map<HashType, std::string> sums = md5.Finalize();
  EXPECT_EQ(sums.size(), 1u);
  EXPECT_TRUE(sums.contains(HashType::kMd5));
}

}  // namespace
}  // namespace hash
