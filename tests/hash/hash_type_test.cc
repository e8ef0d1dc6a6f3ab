#include "hash/hash_type.h"

#include "gtest/gtest.h"

namespace hash {
namespace {

TEST(HashType, NamesRoundTrip) {
  EXPECT_EQ(HashTypeName(HashType::kWhirlpool), "whirlpool");
  EXPECT_EQ(HashTypeName(HashType::kNone), "none");
  EXPECT_EQ(*ParseHashType("whirlpool"), HashType::kWhirlpool);
  EXPECT_EQ(*ParseHashType("Whirlpool"), HashType::kWhirlpool);
}

TEST(HashType, UnknownNameIsAClearError) {
  auto parsed = ParseHashType("quickxor");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(parsed.status().message().find("quickxor"), std::string_view::npos);
  EXPECT_NE(parsed.status().message().find("whirlpool"), std::string_view::npos);
}

TEST(HashSet, SetOperations) {
  HashSet empty;
  EXPECT_TRUE(empty.empty());
  EXPECT_FALSE(empty.Contains(HashType::kWhirlpool));
  EXPECT_EQ(empty.GetOne(), HashType::kNone);
  EXPECT_EQ(empty.ToString(), "[]");

  HashSet whirlpool{HashType::kWhirlpool};
  EXPECT_TRUE(whirlpool.Contains(HashType::kWhirlpool));
  EXPECT_FALSE(whirlpool.Contains(HashType::kNone));
  EXPECT_EQ(whirlpool.GetOne(), HashType::kWhirlpool);
  EXPECT_EQ(whirlpool.ToString(), "[whirlpool]");
  EXPECT_TRUE(whirlpool.Overlap(empty).empty());
  EXPECT_EQ(whirlpool.Overlap(kSupportedHashes), whirlpool);
}

TEST(HashSet, RcloneOrderAndPreference) {
  EXPECT_EQ(kSupportedHashes.ToString(), "[md5, sha1, whirlpool, crc32, sha256]");
  EXPECT_EQ(kSupportedHashes.GetOne(), HashType::kMd5);
  HashSet fichier{HashType::kWhirlpool};
  EXPECT_EQ(kSupportedHashes.Overlap(fichier).GetOne(), HashType::kWhirlpool);
  for (HashType t : kSupportedHashes.Types()) {
    EXPECT_EQ(*ParseHashType(HashTypeName(t)), t);
    EXPECT_GT(HexWidth(t), 0);
  }
  EXPECT_EQ(HexWidth(HashType::kNone), 0);
}

}  // namespace
}  // namespace hash
