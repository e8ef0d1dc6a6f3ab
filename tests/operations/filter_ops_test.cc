// Filters in the operations, with the outcomes rclone 1.60.1 gave for the same trees: sync
// leaves excluded destination files alone unless --delete-excluded, move does not move the
// whole directory in one call, check/delete/size/hashsum/dedupe see only included files, purge
// sees everything, and a single named source file is copied whatever the rules.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

#include "tests/operations/test_util.h"
#include "vfs/operations/check.h"
#include "vfs/operations/dedupe.h"
#include "vfs/operations/dirs.h"
#include "vfs/operations/filter.h"
#include "vfs/operations/hashsum.h"
#include "vfs/operations/list.h"
#include "vfs/operations/sync.h"

namespace optest {
namespace {

namespace ops = vfs::operations;
using ::testing::ElementsAre;
using ::testing::Pair;

std::shared_ptr<const ops::Filter> MakeFilter(const ops::FilterOptions& options) {
  absl::StatusOr<std::unique_ptr<ops::Filter>> f = ops::Filter::Create(options);
  EXPECT_TRUE(f.ok()) << f.status();
  return f.ok() ? std::shared_ptr<const ops::Filter>(std::move(*f)) : nullptr;
}

std::shared_ptr<const ops::Filter> Exclude(std::vector<std::string> globs) {
  ops::FilterOptions o;
  o.exclude = std::move(globs);
  return MakeFilter(o);
}

// The trees of the rclone run recorded in the comment of each test.
void FillSource(vfs::Fs& src) {
  PutAll(src,
         {{"a.txt", "a"}, {"b.tmp", "b"}, {"d/c.tmp", "c"}, {"d/n.txt", "n"}, {"keep/k.txt", "k"}});
}
void FillDestination(vfs::Fs& dst) {
  PutAll(dst, {{"a.txt", "a"},
               {"b.tmp", "bb"},
               {"x.tmp", "x"},
               {"y.txt", "y"},
               {"d/c.tmp", "c"},
               {"e/f.tmp", "f"},
               {"keep/k.txt", "k"}});
}

class FilterSyncTest : public SyncPairTest {
 protected:
  // Syncs the filled trees under `filter`.
  void SyncFilled(std::shared_ptr<const ops::Filter> filter, bool delete_excluded) {
    FillSource(*src_);
    FillDestination(*dst_);
    t_.ctx.filter = std::move(filter);
    t_.ctx.options.delete_excluded = delete_excluded;
    EXPECT_TRUE(Run(ops::SyncMode::kSync).ok());
  }
};

class FilterOpsTest : public SyncPairTest {};

// rclone sync s d --exclude '*.tmp': y.txt deleted, every .tmp kept, e/ (holding only an
// excluded file) not removed and no error.
TEST_F(FilterSyncTest, ExcludedDestinationFilesAreKept) {
  LogCapture logs;
  SyncFilled(Exclude({"*.tmp"}), false);
  EXPECT_THAT(Tree(*dst_),
              ElementsAre(Pair("a.txt", "a"), Pair("b.tmp", "bb"), Pair("d/c.tmp", "c"),
                          Pair("d/n.txt", "n"), Pair("e/f.tmp", "f"), Pair("keep/k.txt", "k"),
                          Pair("x.tmp", "x")));
  EXPECT_EQ(t_.stats.errors(), 0);
  EXPECT_TRUE(logs.Contains("INFO y.txt: Deleted"));
  EXPECT_TRUE(logs.Contains("DEBUG e: Failed to Rmdir"));
}

// rclone sync s d --exclude '*.tmp' --delete-excluded: every .tmp of the destination goes,
// and e/ with it.
TEST_F(FilterSyncTest, DeleteExcludedDeletesThem) {
  SyncFilled(Exclude({"*.tmp"}), true);
  EXPECT_THAT(Tree(*dst_),
              ElementsAre(Pair("a.txt", "a"), Pair("d/n.txt", "n"), Pair("keep/k.txt", "k")));
  absl::StatusOr<vfs::DirEntries> root = dst_->List("");
  ASSERT_TRUE(root.ok());
  for (const vfs::DirEntry& e : *root) EXPECT_NE(e.remote(), "e");
  EXPECT_EQ(t_.stats.Snapshot().deletes, 5);
}

// rclone sync s d --exclude 'keep/' --delete-excluded: the excluded directory is deleted on
// the destination, b.tmp (different size) replaced.
TEST_F(FilterSyncTest, DeleteExcludedRemovesExcludedDirectories) {
  SyncFilled(Exclude({"keep/"}), true);
  EXPECT_THAT(Tree(*dst_), ElementsAre(Pair("a.txt", "a"), Pair("b.tmp", "b"), Pair("d/c.tmp", "c"),
                                       Pair("d/n.txt", "n")));
}

// rclone sync with --exclude-if-present .ignore where only the source folder has the marker:
// the source folder counts as absent, so the destination's copy of it is emptied.
TEST_F(FilterSyncTest, ExcludeIfPresentIsDecidedOnEachSide) {
  PutAll(*src_, {{"dir2/.ignore", "1"}, {"dir2/f", "2"}, {"k/h", "4"}});
  Put(*dst_, "dir2/g", "3");
  ops::FilterOptions o;
  o.exclude_if_present = ".ignore";
  t_.ctx.filter = MakeFilter(o);
  LogCapture logs;
  ASSERT_TRUE(Run(ops::SyncMode::kSync).ok());
  EXPECT_THAT(Tree(*dst_), ElementsAre(Pair("k/h", "4")));
  EXPECT_TRUE(logs.Contains("INFO dir2: Removing directory")) << "as rclone did";

  // With the marker on the destination too, its folder is left alone.
  auto dst2 = NewMemory();
  Put(*dst2, "dir2/g", "3");
  Put(*dst2, "dir2/.ignore", "1");
  TestContext t2;
  t2.ctx.filter = t_.ctx.filter;
  ASSERT_TRUE(ops::Sync(t2.ctx, *src_, *dst2, ops::SyncMode::kSync).ok());
  EXPECT_THAT(Tree(*dst2), ElementsAre(Pair("dir2/.ignore", "1"), Pair("dir2/g", "3"),
                                       Pair("k/h", "4")));
  EXPECT_EQ(t2.stats.errors(), 0);
}

// An excluded directory is listed on neither side: with a slow remote that is the saving.
TEST_F(FilterSyncTest, ExcludedDirectoriesAreNotListedOnEitherSide) {
  auto src_inner = NewMemory();
  auto dst_inner = NewMemory();
  Put(*src_inner, "keep/a", "a");
  Put(*src_inner, "cache/x/b", "b");
  Put(*dst_inner, "cache/x/c", "c");
  auto src = std::make_shared<CountingFs>(src_inner);
  auto dst = std::make_shared<CountingFs>(dst_inner);
  src_ = src;
  dst_ = dst;
  t_.ctx.filter = Exclude({"cache/"});
  ASSERT_TRUE(Run(ops::SyncMode::kSync).ok());
  EXPECT_THAT(src->listed(), ElementsAre("", "keep"));
  EXPECT_THAT(dst->listed(), ElementsAre(""));
  EXPECT_THAT(Tree(*dst_inner), ElementsAre(Pair("cache/x/c", "c"), Pair("keep/a", "a")));
}

TEST_F(FilterSyncTest, CopyOnlyTransfersIncludedFilesAndSizeLimits) {
  PutAll(*src_, {{"small.bin", std::string(100, 's')},
                 {"big.bin", std::string(5000, 'b')},
                 {"sub/small.txt", std::string(10, 't')}});
  ops::FilterOptions o;
  o.max_size = 1024;
  t_.ctx.filter = MakeFilter(o);
  ASSERT_TRUE(Run(ops::SyncMode::kCopy).ok());
  EXPECT_THAT(Tree(*dst_), ElementsAre(Pair("small.bin", std::string(100, 's')),
                                       Pair("sub/small.txt", std::string(10, 't'))));
}

// The whole-directory server-side move would take excluded files along: with a filter the
// move goes file by file and the excluded ones stay.
TEST_F(FilterSyncTest, MoveWithAFilterDoesNotMoveTheDirectoryWhole) {
  src_ = NewMemory(false, "same");
  dst_ = NewMemory(false, "same");
  PutAll(*src_, {{"a.txt", "a"}, {"b.tmp", "b"}, {"d/c.txt", "c"}});
  t_.ctx.filter = Exclude({"*.tmp"});
  LogCapture logs;
  ASSERT_TRUE(Run(ops::SyncMode::kMove).ok());
  EXPECT_FALSE(logs.Contains("Server side directory move succeeded"));
  EXPECT_THAT(Tree(*dst_), ElementsAre(Pair("a.txt", "a"), Pair("d/c.txt", "c")));
  EXPECT_THAT(Tree(*src_), ElementsAre(Pair("b.tmp", "b")));
}

// rclone copy one.txt dst --include x copies the file: a named file ignores the filter.
TEST_F(FilterSyncTest, ANamedSourceFileIgnoresTheFilter) {
  Put(*src_, "one.txt", "1");
  ops::FilterOptions o;
  o.include = {"x"};
  t_.ctx.filter = MakeFilter(o);
  ASSERT_TRUE(Run(ops::SyncMode::kCopy, "one.txt").ok());
  EXPECT_THAT(Tree(*dst_), ElementsAre(Pair("one.txt", "1")));
}

TEST_F(FilterOpsTest, CheckIgnoresExcludedDifferences) {
  PutAll(*src_, {{"same.txt", "s"}, {"differ.tmp", "one"}});
  PutAll(*dst_, {{"same.txt", "s"}, {"differ.tmp", "three"}, {"only.tmp", "o"}});
  t_.ctx.filter = Exclude({"*.tmp"});
  EXPECT_TRUE(ops::Check(t_.ctx, *src_, *dst_, "", {}).ok());
  TestContext unfiltered;
  EXPECT_FALSE(ops::Check(unfiltered.ctx, *src_, *dst_, "", {}).ok());
}

TEST_F(FilterOpsTest, DeleteSizeAndHashsumObeyPurgeDoesNot) {
  auto fs = NewMemory();
  PutAll(*fs, {{"a.txt", "a"}, {"b.tmp", "bb"}, {"d/c.tmp", "ccc"}});
  std::shared_ptr<const ops::Filter> filter = Exclude({"*.tmp"});
  absl::StatusOr<ops::SizeResult> size = ops::Size(*fs, "", filter.get());
  ASSERT_TRUE(size.ok());
  EXPECT_EQ(size->count, 1);
  EXPECT_EQ(size->bytes, 1);
  t_.ctx.filter = filter;
  std::ostringstream sums;
  ASSERT_TRUE(ops::HashSum(t_.ctx, *fs, "", {}, sums).ok());
  const std::string lines = sums.str();
  EXPECT_THAT(lines, ::testing::EndsWith("  a.txt\n"));
  EXPECT_EQ(std::count(lines.begin(), lines.end(), '\n'), 1);

  ops::FilterOptions only_tmp;
  only_tmp.include = {"*.tmp"};
  t_.ctx.filter = MakeFilter(only_tmp);
  ASSERT_TRUE(ops::Delete(t_.ctx, *fs, "").ok());
  EXPECT_THAT(Tree(*fs), ElementsAre(Pair("a.txt", "a")));

  Put(*fs, "d/e.tmp", "e");
  ASSERT_TRUE(ops::Purge(t_.ctx, *fs).ok());
  EXPECT_TRUE(Tree(*fs).empty()) << "purge ignores filters";
}

TEST_F(FilterOpsTest, DedupeOnlySeesIncludedFiles) {
  auto fs = NewMemory(true);
  PutCopies(*fs, "a.txt", {"one", "two"});
  PutCopies(*fs, "b.tmp", {"one", "two"});
  t_.ctx.filter = Exclude({"*.tmp"});
  std::ostringstream out;
  ops::DedupeOptions options;
  options.mode = ops::DedupeMode::kFirst;
  options.out = &out;
  ASSERT_TRUE(ops::Dedupe(t_.ctx, *fs, options).ok());
  EXPECT_EQ(Count(*fs)["a.txt"], 1);
  EXPECT_EQ(Count(*fs)["b.tmp"], 2);
}

}  // namespace
}  // namespace optest
