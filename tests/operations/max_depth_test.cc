// --max-depth in every command that walks, with the outcomes rclone 1.60.1 gave on the same trees
// (local remotes; tests/integration/fclone_max_depth_test.cc compares live runs).
#include "vfs/operations/max_depth.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

#include "tests/operations/test_util.h"
#include "vfs/operations/cat.h"
#include "vfs/operations/check.h"
#include "vfs/operations/dirs.h"
#include "vfs/operations/hashsum.h"
#include "vfs/operations/list.h"
#include "vfs/operations/sync.h"
#include "vfs/walk.h"

namespace optest {
namespace {

using ::testing::ElementsAre;
using ::testing::Pair;
namespace ops = vfs::operations;

// The source tree of the rclone runs: one file at each depth.
void PutSource(vfs::Fs& fs) {
  PutAll(fs, {{"a.txt", "a"}, {"d1/b.txt", "b"}, {"d1/d2/c.txt", "c"}, {"d1/d2/d3/e.txt", "e"}});
}

// A destination with an extra file at each depth and a destination-only tree z/.
void PutDestination(vfs::Fs& fs) {
  PutAll(fs, {{"a.txt", "old"},
              {"extra1.txt", "X1"},
              {"d1/extra2.txt", "X2"},
              {"d1/d2/extra3.txt", "X3"},
              {"d1/d2/d3/extra4.txt", "X4"},
              {"z/z.txt", "z"},
              {"z/zz/zz.txt", "zz"}});
}

// Paths of every object, sorted.
std::vector<std::string> Paths(vfs::Fs& fs) {
  std::vector<std::string> out;
  for (const auto& [path, content] : Tree(fs)) out.push_back(path);
  return out;
}

std::vector<std::string> Dirs(vfs::Fs& fs) {
  std::vector<std::string> out;
  absl::StatusOr<vfs::DirEntries> entries = vfs::Walk(fs, "");
  for (const vfs::DirEntry& e : *entries) {
    if (e.is_dir()) out.push_back(e.remote());
  }
  return out;
}

class MaxDepthSyncTest : public ::testing::Test {
 protected:
  void SetUp() override {
    PutSource(*src_);
    PutDestination(*dst_);
  }
  absl::Status Run(ops::SyncMode mode, int max_depth) {
    t_.ctx.options.max_depth = max_depth;
    return ops::Sync(t_.ctx, *src_, *dst_, mode);
  }
  std::shared_ptr<backend::memory::MemoryFs> src_ = NewMemory(false, "src");
  std::shared_ptr<backend::memory::MemoryFs> dst_ = NewMemory(false, "dst");
  TestContext t_;
};

TEST(MaxDepthTest, WalkReadsZeroAsUnlimitedAndMarchAsOne) {
  EXPECT_EQ(ops::WalkDepth(-1), -1);
  EXPECT_EQ(ops::WalkDepth(0), -1);
  EXPECT_EQ(ops::WalkDepth(2), 2);
  EXPECT_EQ(ops::MarchDepth(-1), -1);
  EXPECT_EQ(ops::MarchDepth(0), 1);
  EXPECT_EQ(ops::MarchDepth(3), 3);
}

// `rclone sync --max-depth 1 src dst`: only the root level is synced; nothing deeper is deleted
// (before, every deeper destination file was deleted).
TEST_F(MaxDepthSyncTest, SyncDepthOneLeavesDeeperDestinationFilesAlone) {
  ASSERT_TRUE(Run(ops::SyncMode::kSync, 1).ok());
  EXPECT_THAT(Tree(*dst_), ElementsAre(Pair("a.txt", "a"), Pair("d1/d2/d3/extra4.txt", "X4"),
                                       Pair("d1/d2/extra3.txt", "X3"), Pair("d1/extra2.txt", "X2"),
                                       Pair("z/z.txt", "z"), Pair("z/zz/zz.txt", "zz")));
  EXPECT_EQ(t_.stats.Snapshot().deletes, 1);  // extra1.txt
  EXPECT_EQ(t_.stats.errors(), 0) << "z/ is not empty: failing to remove it is no error";
}

TEST_F(MaxDepthSyncTest, SyncDepthZeroIsDepthOne) {
  ASSERT_TRUE(Run(ops::SyncMode::kSync, 0).ok());
  EXPECT_THAT(Paths(*dst_), ElementsAre("a.txt", "d1/d2/d3/extra4.txt", "d1/d2/extra3.txt",
                                        "d1/extra2.txt", "z/z.txt", "z/zz/zz.txt"));
}

// Depth 2 lists the destination-only z/ too, but not z/zz/.
TEST_F(MaxDepthSyncTest, SyncDepthTwo) {
  ASSERT_TRUE(Run(ops::SyncMode::kSync, 2).ok());
  EXPECT_THAT(Paths(*dst_), ElementsAre("a.txt", "d1/b.txt", "d1/d2/d3/extra4.txt",
                                        "d1/d2/extra3.txt", "z/zz/zz.txt"));
}

TEST_F(MaxDepthSyncTest, SyncDepthThree) {
  ASSERT_TRUE(Run(ops::SyncMode::kSync, 3).ok());
  EXPECT_THAT(Paths(*dst_), ElementsAre("a.txt", "d1/b.txt", "d1/d2/c.txt", "d1/d2/d3/extra4.txt"));
  EXPECT_THAT(Dirs(*dst_), ElementsAre("d1", "d1/d2", "d1/d2/d3"));
}

// rclone's march gives the destination no depth limit under --delete-excluded: destination-only
// directories are emptied at any depth, matched ones still stop at the limit.
TEST_F(MaxDepthSyncTest, DeleteExcludedEmptiesDestinationOnlyDirectoriesAtAnyDepth) {
  t_.ctx.options.delete_excluded = true;
  ASSERT_TRUE(Run(ops::SyncMode::kSync, 1).ok());
  EXPECT_THAT(Paths(*dst_),
              ElementsAre("a.txt", "d1/d2/d3/extra4.txt", "d1/d2/extra3.txt", "d1/extra2.txt"));
}

TEST_F(MaxDepthSyncTest, DryRunAtDepthOneOnlyReportsTheRootLevel) {
  t_.ctx.options.dry_run = true;
  LogCapture logs;
  ASSERT_TRUE(Run(ops::SyncMode::kSync, 1).ok());
  EXPECT_TRUE(logs.Contains("extra1.txt: Skipped delete as --dry-run is set"));
  EXPECT_FALSE(logs.Contains("extra2.txt"));
  EXPECT_EQ(Tree(*dst_)["extra1.txt"], "X1");
}

TEST_F(MaxDepthSyncTest, CopyDepthTwo) {
  ASSERT_TRUE(Run(ops::SyncMode::kCopy, 2).ok());
  EXPECT_EQ(Tree(*dst_)["d1/b.txt"], "b");
  EXPECT_EQ(Tree(*dst_).count("d1/d2/c.txt"), 0u);
  EXPECT_EQ(t_.stats.transfers(), 2);
}

// A move limited in depth must not move the whole directory server-side (memory has DirMove).
TEST_F(MaxDepthSyncTest, MoveDepthOneLeavesDeeperSourceFiles) {
  auto empty_dst = NewMemory(false, "src");  // same remote name: a DirMove would be possible
  t_.ctx.options.max_depth = 1;
  ASSERT_TRUE(ops::Sync(t_.ctx, *src_, *empty_dst, ops::SyncMode::kMove).ok());
  EXPECT_THAT(Paths(*empty_dst), ElementsAre("a.txt"));
  EXPECT_THAT(Paths(*src_), ElementsAre("d1/b.txt", "d1/d2/c.txt", "d1/d2/d3/e.txt"));
}

TEST_F(MaxDepthSyncTest, CreateEmptySrcDirsCreatesDirectoriesAtTheLimit) {
  src_->Mkdir("empty1").IgnoreError();
  src_->Mkdir("d1/empty2").IgnoreError();
  t_.ctx.options.create_empty_src_dirs = true;
  ASSERT_TRUE(Run(ops::SyncMode::kCopy, 1).ok());
  std::vector<std::string> dirs = Dirs(*dst_);
  EXPECT_THAT(dirs, ::testing::Contains("empty1"));
  EXPECT_THAT(dirs, ::testing::Not(::testing::Contains("d1/empty2")));
}

// `rclone check --max-depth 2 src dst`: 6 differences (a.txt sizes, 2 missing on dst, 3 on
// src: extra1.txt, d1/extra2.txt, z/z.txt); 0 and 1 both give the root level's 2.
TEST(MaxDepthCheckTest, CheckCountsOnlyWhatItListed) {
  auto src = NewMemory(false, "src");
  auto dst = NewMemory(false, "dst");
  PutSource(*src);
  Put(*src, "x/y.txt", "x");
  PutDestination(*dst);
  for (auto [depth, expected] :
       {std::pair{0, "2 differences found"}, std::pair{1, "2 differences found"},
        std::pair{2, "6 differences found"}}) {
    TestContext t;
    t.ctx.options.max_depth = depth;
    LogCapture logs;
    absl::Status st = ops::Check(t.ctx, *src, *dst, "", {});
    EXPECT_EQ(st.message(), expected) << "depth " << depth;
  }
}

class MaxDepthWalkTest : public ::testing::Test {
 protected:
  void SetUp() override { PutSource(*fs_); }
  std::shared_ptr<backend::memory::MemoryFs> fs_ = NewMemory();
  TestContext t_;
};

TEST_F(MaxDepthWalkTest, SizeCountsToTheDepthAndZeroIsUnlimited) {
  EXPECT_EQ(ops::Size(*fs_, "", nullptr, ops::WalkDepth(1))->count, 1);
  EXPECT_EQ(ops::Size(*fs_, "", nullptr, ops::WalkDepth(2))->count, 2);
  EXPECT_EQ(ops::Size(*fs_, "", nullptr, ops::WalkDepth(0))->count, 4);
}

TEST_F(MaxDepthWalkTest, HashsumAndCatStopAtTheDepth) {
  t_.ctx.options.max_depth = 2;
  std::ostringstream sums;
  ASSERT_TRUE(ops::HashSum(t_.ctx, *fs_, "", {}, sums).ok());
  EXPECT_THAT(sums.str(), ::testing::HasSubstr("  d1/b.txt\n"));
  EXPECT_THAT(sums.str(), ::testing::Not(::testing::HasSubstr("c.txt")));
  std::ostringstream cat;
  ASSERT_TRUE(ops::Cat(t_.ctx, *fs_, "", {}, cat).ok());
  EXPECT_EQ(cat.str(), "ab");
}

TEST_F(MaxDepthWalkTest, DeleteStopsAtTheDepth) {
  t_.ctx.options.max_depth = 2;
  ASSERT_TRUE(ops::Delete(t_.ctx, *fs_, "").ok());
  EXPECT_THAT(Paths(*fs_), ElementsAre("d1/d2/c.txt", "d1/d2/d3/e.txt"));
}

TEST_F(MaxDepthWalkTest, TouchRecursiveStopsAtTheDepth) {
  t_.ctx.options.max_depth = 1;
  ops::TouchOptions o;
  o.recursive = true;
  o.time = absl::FromUnixSeconds(1700000000);
  ASSERT_TRUE(ops::Touch(t_.ctx, *fs_, "", o).ok());
  absl::StatusOr<vfs::DirEntries> entries = vfs::Walk(*fs_, "");
  for (const vfs::DirEntry& e : *entries) {
    if (!e.is_object()) continue;
    EXPECT_EQ(e.mod_time() == o.time, e.remote() == "a.txt") << e.remote();
  }
}

// rmdirs removes only directories whose content it listed: one at the limit may hold files.
TEST_F(MaxDepthWalkTest, RmdirsLeavesDirectoriesAtTheLimit) {
  ASSERT_TRUE(fs_->Mkdir("empty1/inner").ok());
  ASSERT_TRUE(fs_->Mkdir("d1/empty2").ok());
  t_.ctx.options.max_depth = 1;
  ASSERT_TRUE(ops::Rmdirs(t_.ctx, *fs_, "", true).ok());
  EXPECT_THAT(Dirs(*fs_), ::testing::Contains("empty1"));
  t_.ctx.options.max_depth = 2;
  ASSERT_TRUE(ops::Rmdirs(t_.ctx, *fs_, "", true).ok());
  EXPECT_THAT(Dirs(*fs_), ::testing::Contains("empty1"));  // empty1/inner is at the limit
  EXPECT_THAT(Dirs(*fs_), ::testing::Contains("d1/empty2"));
  t_.ctx.options.max_depth = 3;
  ASSERT_TRUE(ops::Rmdirs(t_.ctx, *fs_, "", true).ok());
  EXPECT_THAT(Dirs(*fs_), ElementsAre("d1", "d1/d2", "d1/d2/d3"));
}

}  // namespace
}  // namespace optest
