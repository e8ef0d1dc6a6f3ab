// NeedTransfer / Equal: rclone's rules for "the same file".
#include "vfs/operations/equal.h"

#include <gtest/gtest.h>

#include "tests/operations/test_util.h"

namespace optest {
namespace {

namespace ops = vfs::operations;

class EqualTest : public ::testing::Test {
 protected:
  bool Need(const vfs::ObjectPtr& s, const vfs::ObjectPtr& d) {
    return ops::NeedTransfer(t_.ctx, *src_, *dst_, *s, d.get());
  }
  std::shared_ptr<backend::memory::MemoryFs> src_ = NewMemory();
  std::shared_ptr<backend::memory::MemoryFs> dst_ = NewMemory();
  TestContext t_;
  absl::Time t1_ = absl::FromUnixSeconds(1000);
  absl::Time t2_ = absl::FromUnixSeconds(2000);
};

TEST_F(EqualTest, MissingDestinationNeedsTransfer) {
  EXPECT_TRUE(Need(Put(*src_, "f", "x", t1_), nullptr));
}

TEST_F(EqualTest, SameSizeAndTimeIsEqual) {
  EXPECT_FALSE(Need(Put(*src_, "f", "abc", t1_), Put(*dst_, "f", "abc", t1_)));
}

TEST_F(EqualTest, DifferentSizeNeedsTransfer) {
  EXPECT_TRUE(Need(Put(*src_, "f", "abc", t1_), Put(*dst_, "f", "abcd", t1_)));
}

TEST_F(EqualTest, SameContentDifferentTimeFixesTheTimeInstead) {
  auto s = Put(*src_, "f", "abc", t2_);
  auto d = Put(*dst_, "f", "abc", t1_);
  EXPECT_FALSE(Need(s, d));
  EXPECT_EQ(d->mod_time(), t2_);
}

TEST_F(EqualTest, NoUpdateModtimeLeavesTheTime) {
  t_.ctx.options.no_update_modtime = true;
  auto d = Put(*dst_, "f", "abc", t1_);
  EXPECT_FALSE(Need(Put(*src_, "f", "abc", t2_), d));
  EXPECT_EQ(d->mod_time(), t1_);
}

TEST_F(EqualTest, DifferentContentDifferentTimeNeedsTransfer) {
  EXPECT_TRUE(Need(Put(*src_, "f", "abc", t2_), Put(*dst_, "f", "xyz", t1_)));
}

TEST_F(EqualTest, SizeOnlyIgnoresContentAndTime) {
  t_.ctx.options.size_only = true;
  EXPECT_FALSE(Need(Put(*src_, "f", "abc", t2_), Put(*dst_, "f", "xyz", t1_)));
}

TEST_F(EqualTest, ChecksumComparesHashesNotTimes) {
  t_.ctx.options.checksum = true;
  EXPECT_TRUE(Need(Put(*src_, "f", "abc", t1_), Put(*dst_, "f", "xyz", t1_)));
  EXPECT_FALSE(Need(Put(*src_, "g", "abc", t2_), Put(*dst_, "g", "abc", t1_)));
}

TEST_F(EqualTest, IgnoreExistingNeverTransfers) {
  t_.ctx.options.ignore_existing = true;
  EXPECT_FALSE(Need(Put(*src_, "f", "abcdef", t2_), Put(*dst_, "f", "x", t1_)));
}

TEST_F(EqualTest, IgnoreTimesAlwaysTransfers) {
  t_.ctx.options.ignore_times = true;
  EXPECT_TRUE(Need(Put(*src_, "f", "abc", t1_), Put(*dst_, "f", "abc", t1_)));
}

TEST_F(EqualTest, UpdateSkipsNewerDestination) {
  t_.ctx.options.update = true;
  EXPECT_FALSE(Need(Put(*src_, "f", "abc", t1_), Put(*dst_, "f", "abcdef", t2_)));
  EXPECT_TRUE(Need(Put(*src_, "g", "abc", t2_), Put(*dst_, "g", "xyz", t1_)));
}

TEST_F(EqualTest, ModifyWindowIsTheCoarsestPrecision) {
  EXPECT_EQ(ops::ModifyWindow(*src_, *dst_, t_.ctx.options), absl::Nanoseconds(1));
  // Two memory remotes share every type: md5 first, as rclone's GetOne picks.
  EXPECT_EQ(ops::CommonHash(*src_, *dst_), hash::HashType::kMd5);
}

}  // namespace
}  // namespace optest
