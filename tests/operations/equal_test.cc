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

// One file on each side ("f"), one option set, and whether rclone transfers it.
struct NeedCase {
  const char* name;
  bool ops::Options::*option;  // set to true; nullptr: the defaults
  const char* src_content;
  enum Times { kSame, kSourceNewer, kDestinationNewer } times;
  const char* dst_content;
  bool need;
};

class NeedTransferCase : public EqualTest, public ::testing::WithParamInterface<NeedCase> {};

TEST_P(NeedTransferCase, MatchesRclone) {
  const NeedCase& c = GetParam();
  if (c.option != nullptr) t_.ctx.options.*c.option = true;
  absl::Time src_time = c.times == NeedCase::kSourceNewer ? t2_ : t1_;
  absl::Time dst_time = c.times == NeedCase::kDestinationNewer ? t2_ : t1_;
  EXPECT_EQ(
      Need(Put(*src_, "f", c.src_content, src_time), Put(*dst_, "f", c.dst_content, dst_time)),
      c.need);
}

INSTANTIATE_TEST_SUITE_P(
    Rules, NeedTransferCase,
    ::testing::Values(NeedCase{"DifferentContentDifferentTime", nullptr, "abc",
                               NeedCase::kSourceNewer, "xyz", true},
                      NeedCase{"SizeOnlyIgnoresContentAndTime", &ops::Options::size_only, "abc",
                               NeedCase::kSourceNewer, "xyz", false},
                      NeedCase{"ChecksumComparesHashesNotTimes", &ops::Options::checksum, "abc",
                               NeedCase::kSame, "xyz", true},
                      NeedCase{"ChecksumIgnoresTimesOfEqualHashes", &ops::Options::checksum, "abc",
                               NeedCase::kSourceNewer, "abc", false},
                      NeedCase{"IgnoreExistingNeverTransfers", &ops::Options::ignore_existing,
                               "abcdef", NeedCase::kSourceNewer, "x", false},
                      NeedCase{"IgnoreTimesAlwaysTransfers", &ops::Options::ignore_times, "abc",
                               NeedCase::kSame, "abc", true},
                      NeedCase{"UpdateSkipsNewerDestination", &ops::Options::update, "abc",
                               NeedCase::kDestinationNewer, "abcdef", false},
                      NeedCase{"UpdateCopiesOlderDestination", &ops::Options::update, "abc",
                               NeedCase::kSourceNewer, "xyz", true}),
    [](const ::testing::TestParamInfo<NeedCase>& info) { return std::string(info.param.name); });

TEST_F(EqualTest, ModifyWindowIsTheCoarsestPrecision) {
  EXPECT_EQ(ops::ModifyWindow(*src_, *dst_, t_.ctx.options), absl::Nanoseconds(1));
  // Two memory remotes share every type: md5 first, as rclone's GetOne picks.
  EXPECT_EQ(ops::CommonHash(*src_, *dst_), hash::HashType::kMd5);
}

}  // namespace
}  // namespace optest
