#include "vfs/path.h"

#include "gtest/gtest.h"
#include "vfs/errors.h"

namespace vfs {
namespace {

TEST(PathTest, CleanNormalises) {
  EXPECT_EQ(*CleanPath(""), "");
  EXPECT_EQ(*CleanPath("/"), "");
  EXPECT_EQ(*CleanPath("/a//b/"), "a/b");
  EXPECT_EQ(*CleanPath("./a/./b/."), "a/b");
  EXPECT_EQ(*CleanPath("a b/ c "), "a b/ c ");
  // Names that look like dots in standard encoding are ordinary names.
  EXPECT_EQ(*CleanPath("\xef\xbc\x8e\xef\xbc\x8e/x"), "\xef\xbc\x8e\xef\xbc\x8e/x");
  EXPECT_EQ(*CleanPath("...") , "...");
}

TEST(PathTest, CleanRefusesParentEscapes) {
  for (const char* bad : {"..", "../x", "a/../../b", "a/..", "/.."}) {
    absl::StatusOr<std::string> r = CleanPath(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument) << bad;
  }
}

TEST(PathTest, JoinAndSplit) {
  EXPECT_EQ(JoinPath("", "b"), "b");
  EXPECT_EQ(JoinPath("a", ""), "a");
  EXPECT_EQ(JoinPath("a/b", "c"), "a/b/c");
  EXPECT_EQ(SplitPath("a/b/c").first, "a/b");
  EXPECT_EQ(SplitPath("a/b/c").second, "c");
  EXPECT_EQ(SplitPath("c").first, "");
  EXPECT_EQ(SplitPath("c").second, "c");
  EXPECT_EQ(Leaf(""), "");
  EXPECT_EQ(ParentDir("a/b"), "a");
  EXPECT_EQ(PathSegments("a//b/"), (std::vector<std::string_view>{"a", "b"}));
  EXPECT_TRUE(PathSegments("").empty());
}

TEST(PathTest, IsUnderAndRelative) {
  EXPECT_TRUE(IsUnder("a/b", ""));
  EXPECT_TRUE(IsUnder("a/b", "a"));
  EXPECT_TRUE(IsUnder("a", "a"));
  EXPECT_FALSE(IsUnder("ab/c", "a"));
  EXPECT_FALSE(IsUnder("a", "a/b"));
  EXPECT_EQ(RelativeTo("a/b/c", "a"), "b/c");
  EXPECT_EQ(RelativeTo("a/b", ""), "a/b");
  EXPECT_EQ(RelativeTo("a", "a"), "");
}

}  // namespace
}  // namespace vfs
