// dedupe's modes on a memory remote that allows duplicates.
#include "vfs/operations/dedupe.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

#include "tests/operations/test_util.h"
#include "vfs/walk.h"

namespace optest {
namespace {

namespace ops = vfs::operations;

// Contents of every object named `remote`, in listing order.
std::vector<std::string> Contents(vfs::Fs& fs, const std::string& remote) {
  std::vector<std::string> out;
  absl::StatusOr<vfs::DirEntries> entries = vfs::Walk(fs, "");
  for (const vfs::DirEntry& e : *entries) {
    if (!e.is_object() || e.remote() != remote) continue;
    auto r = e.object()->Open();
    out.push_back(*vfs::ReadAll(**r));
  }
  return out;
}

class DedupeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Put(*fs_, "f.txt", "old-small", absl::FromUnixSeconds(1000));
    PutDuplicate(*fs_, "f.txt", "newest-and-largest", absl::FromUnixSeconds(3000));
    PutDuplicate(*fs_, "f.txt", "mid", absl::FromUnixSeconds(2000));
    PutDuplicate(*fs_, "f.txt", "old-small", absl::FromUnixSeconds(1500));  // identical to #1
    Put(*fs_, "single.txt", "alone");
  }
  absl::Status Run(ops::DedupeMode mode) {
    ops::DedupeOptions o;
    o.mode = mode;
    o.out = &out_;
    return ops::Dedupe(t_.ctx, *fs_, o);
  }
  std::shared_ptr<backend::memory::MemoryFs> fs_ = NewMemory(/*duplicates=*/true);
  TestContext t_;
  std::ostringstream out_;
};

TEST_F(DedupeTest, SkipStillRemovesIdenticalCopies) {
  LogCapture logs;
  ASSERT_TRUE(Run(ops::DedupeMode::kSkip).ok());
  EXPECT_THAT(Contents(*fs_, "f.txt"),
              ::testing::UnorderedElementsAre("old-small", "newest-and-largest", "mid"));
  EXPECT_TRUE(logs.Contains("f.txt: Found 4 files with duplicate names"));
  EXPECT_TRUE(logs.Contains("Deleting 1/2 identical duplicates (md5"));
  EXPECT_TRUE(logs.Contains("Skipping 3 files with duplicate names"));
}

TEST_F(DedupeTest, ListChangesNothingAndPrintsTheGroup) {
  ASSERT_TRUE(Run(ops::DedupeMode::kList).ok());
  EXPECT_EQ(Contents(*fs_, "f.txt").size(), 4u);
  std::string printed = out_.str();
  EXPECT_THAT(printed, ::testing::StartsWith("f.txt: 4 duplicates\n  1:            9 bytes, "
                                             "1970-01-01 00:16:40.000000000, md5 "));
}

// The modes that keep one copy of f.txt, chosen by time or size: which copy stays.
class DedupeKeepsOneTest
    : public DedupeTest,
      public ::testing::WithParamInterface<std::pair<ops::DedupeMode, const char*>> {};

TEST_P(DedupeKeepsOneTest, KeepsTheChosenCopy) {
  ASSERT_TRUE(Run(GetParam().first).ok());
  EXPECT_THAT(Contents(*fs_, "f.txt"), ::testing::ElementsAre(GetParam().second));
}

INSTANTIATE_TEST_SUITE_P(
    Modes, DedupeKeepsOneTest,
    ::testing::Values(std::pair(ops::DedupeMode::kNewest, "newest-and-largest"),
                      std::pair(ops::DedupeMode::kOldest, "old-small"),
                      std::pair(ops::DedupeMode::kSmallest, "mid"),
                      std::pair(ops::DedupeMode::kLargest, "newest-and-largest")));

TEST_F(DedupeTest, FirstKeepsOneCopy) {
  ASSERT_TRUE(Run(ops::DedupeMode::kFirst).ok());
  EXPECT_EQ(Contents(*fs_, "f.txt").size(), 1u);
  EXPECT_EQ(Contents(*fs_, "single.txt").size(), 1u);
}

TEST_F(DedupeTest, RenameGivesEveryCopyItsOwnName) {
  ASSERT_TRUE(Run(ops::DedupeMode::kRename).ok());
  std::map<std::string, std::string> tree = Tree(*fs_);
  EXPECT_EQ(tree.count("f.txt"), 0u);
  ASSERT_EQ(tree.size(), 4u);  // 3 distinct contents + single.txt
  EXPECT_EQ(tree["f-1.txt"], "old-small");
  EXPECT_EQ(tree["single.txt"], "alone");
}

TEST_F(DedupeTest, DryRunDeletesNothing) {
  t_.ctx.options.dry_run = true;
  ASSERT_TRUE(Run(ops::DedupeMode::kFirst).ok());
  EXPECT_EQ(Contents(*fs_, "f.txt").size(), 4u);
}

TEST(DedupeModeTest, ParsesCaseInsensitively) {
  EXPECT_EQ(*ops::ParseDedupeMode("NeWeSt"), ops::DedupeMode::kNewest);
  EXPECT_FALSE(ops::ParseDedupeMode("biggest").ok());
}

}  // namespace
}  // namespace optest
