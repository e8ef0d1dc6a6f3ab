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

// Syncs the filled trees under `filter`; returns the destination.
std::shared_ptr<backend::memory::MemoryFs> SyncFilled(TestContext& t,
                                                     std::shared_ptr<const ops::Filter> filter,
                                                     bool delete_excluded) {
  auto src = NewMemory();
  auto dst = NewMemory();
  FillSource(*src);
  FillDestination(*dst);
  t.ctx.filter = std::move(filter);
  t.ctx.options.delete_excluded = delete_excluded;
  EXPECT_TRUE(ops::Sync(t.ctx, *src, *dst, ops::SyncMode::kSync).ok());
  return dst;
}

// rclone sync s d --exclude '*.tmp': y.txt deleted, every .tmp kept, e/ (holding only an
// excluded file) not removed and no error.
TEST(FilterSyncTest, ExcludedDestinationFilesAreKept) {
  TestContext t;
  LogCapture logs;
  auto dst = SyncFilled(t, Exclude({"*.tmp"}), false);
  EXPECT_THAT(Tree(*dst), ElementsAre(Pair("a.txt", "a"), Pair("b.tmp", "bb"),
                                      Pair("d/c.tmp", "c"), Pair("d/n.txt", "n"),
                                      Pair("e/f.tmp", "f"), Pair("keep/k.txt", "k"),
                                      Pair("x.tmp", "x")));
  EXPECT_EQ(t.stats.errors(), 0);
  EXPECT_TRUE(logs.Contains("INFO y.txt: Deleted"));
  EXPECT_TRUE(logs.Contains("DEBUG e: Failed to Rmdir"));
}

// rclone sync s d --exclude '*.tmp' --delete-excluded: every .tmp of the destination goes,
// and e/ with it.
TEST(FilterSyncTest, DeleteExcludedDeletesThem) {
  TestContext t;
  auto dst = SyncFilled(t, Exclude({"*.tmp"}), true);
  EXPECT_THAT(Tree(*dst), ElementsAre(Pair("a.txt", "a"), Pair("d/n.txt", "n"),
                                      Pair("keep/k.txt", "k")));
  absl::StatusOr<vfs::DirEntries> root = dst->List("");
  ASSERT_TRUE(root.ok());
  for (const vfs::DirEntry& e : *root) EXPECT_NE(e.remote(), "e");
  EXPECT_EQ(t.stats.Snapshot().deletes, 5);
}

// rclone sync s d --exclude 'keep/' --delete-excluded: the excluded directory is deleted on
// the destination, b.tmp (different size) replaced.
TEST(FilterSyncTest, DeleteExcludedRemovesExcludedDirectories) {
  TestContext t;
  auto dst = SyncFilled(t, Exclude({"keep/"}), true);
  EXPECT_THAT(Tree(*dst), ElementsAre(Pair("a.txt", "a"), Pair("b.tmp", "b"),
                                      Pair("d/c.tmp", "c"), Pair("d/n.txt", "n")));
}

// rclone sync with --exclude-if-present .ignore where only the source folder has the marker:
// the source folder counts as absent, so the destination's copy of it is emptied.
TEST(FilterSyncTest, ExcludeIfPresentIsDecidedOnEachSide) {
  auto src = NewMemory();
  auto dst = NewMemory();
  PutAll(*src, {{"dir2/.ignore", "1"}, {"dir2/f", "2"}, {"k/h", "4"}});
  Put(*dst, "dir2/g", "3");
  ops::FilterOptions o;
  o.exclude_if_present = ".ignore";
  TestContext t;
  t.ctx.filter = MakeFilter(o);
  LogCapture logs;
  ASSERT_TRUE(ops::Sync(t.ctx, *src, *dst, ops::SyncMode::kSync).ok());
  EXPECT_THAT(Tree(*dst), ElementsAre(Pair("k/h", "4")));
  EXPECT_TRUE(logs.Contains("INFO dir2: Removing directory")) << "as rclone did";

  // With the marker on the destination too, its folder is left alone.
  auto dst2 = NewMemory();
  Put(*dst2, "dir2/g", "3");
  Put(*dst2, "dir2/.ignore", "1");
  TestContext t2;
  t2.ctx.filter = t.ctx.filter;
  ASSERT_TRUE(ops::Sync(t2.ctx, *src, *dst2, ops::SyncMode::kSync).ok());
  EXPECT_THAT(Tree(*dst2), ElementsAre(Pair("dir2/.ignore", "1"), Pair("dir2/g", "3"),
                                       Pair("k/h", "4")));
  EXPECT_EQ(t2.stats.errors(), 0);
}

// An excluded directory is listed on neither side: with a slow remote that is the saving.
TEST(FilterSyncTest, ExcludedDirectoriesAreNotListedOnEitherSide) {
  auto src_inner = NewMemory();
  auto dst_inner = NewMemory();
  Put(*src_inner, "keep/a", "a");
  Put(*src_inner, "cache/x/b", "b");
  Put(*dst_inner, "cache/x/c", "c");
  auto src = std::make_shared<CountingFs>(src_inner);
  auto dst = std::make_shared<CountingFs>(dst_inner);
  TestContext t;
  t.ctx.filter = Exclude({"cache/"});
  ASSERT_TRUE(ops::Sync(t.ctx, *src, *dst, ops::SyncMode::kSync).ok());
  EXPECT_THAT(src->listed(), ElementsAre("", "keep"));
  EXPECT_THAT(dst->listed(), ElementsAre(""));
  EXPECT_THAT(Tree(*dst_inner), ElementsAre(Pair("cache/x/c", "c"), Pair("keep/a", "a")));
}

TEST(FilterSyncTest, CopyOnlyTransfersIncludedFilesAndSizeLimits) {
  auto src = NewMemory();
  auto dst = NewMemory();
  PutAll(*src, {{"small.bin", std::string(100, 's')},
                {"big.bin", std::string(5000, 'b')},
                {"sub/small.txt", std::string(10, 't')}});
  ops::FilterOptions o;
  o.max_size = 1024;
  TestContext t;
  t.ctx.filter = MakeFilter(o);
  ASSERT_TRUE(ops::Sync(t.ctx, *src, *dst, ops::SyncMode::kCopy).ok());
  EXPECT_THAT(Tree(*dst), ElementsAre(Pair("small.bin", std::string(100, 's')),
                                      Pair("sub/small.txt", std::string(10, 't'))));
}

// The whole-directory server-side move would take excluded files along: with a filter the
// move goes file by file and the excluded ones stay.
TEST(FilterSyncTest, MoveWithAFilterDoesNotMoveTheDirectoryWhole) {
  auto src = NewMemory(false, "same");
  auto dst = NewMemory(false, "same");
  PutAll(*src, {{"a.txt", "a"}, {"b.tmp", "b"}, {"d/c.txt", "c"}});
  TestContext t;
  t.ctx.filter = Exclude({"*.tmp"});
  LogCapture logs;
  ASSERT_TRUE(ops::Sync(t.ctx, *src, *dst, ops::SyncMode::kMove).ok());
  EXPECT_FALSE(logs.Contains("Server side directory move succeeded"));
  EXPECT_THAT(Tree(*dst), ElementsAre(Pair("a.txt", "a"), Pair("d/c.txt", "c")));
  EXPECT_THAT(Tree(*src), ElementsAre(Pair("b.tmp", "b")));
}

// rclone copy one.txt dst --include x copies the file: a named file ignores the filter.
TEST(FilterSyncTest, ANamedSourceFileIgnoresTheFilter) {
  auto src = NewMemory();
  auto dst = NewMemory();
  Put(*src, "one.txt", "1");
  ops::FilterOptions o;
  o.include = {"x"};
  TestContext t;
  t.ctx.filter = MakeFilter(o);
  ASSERT_TRUE(ops::Sync(t.ctx, *src, *dst, ops::SyncMode::kCopy, "one.txt").ok());
  EXPECT_THAT(Tree(*dst), ElementsAre(Pair("one.txt", "1")));
}

TEST(FilterOpsTest, CheckIgnoresExcludedDifferences) {
  auto src = NewMemory();
  auto dst = NewMemory();
  Put(*src, "same.txt", "s");
  Put(*dst, "same.txt", "s");
  Put(*src, "differ.tmp", "one");
  Put(*dst, "differ.tmp", "three");
  Put(*dst, "only.tmp", "o");
  TestContext t;
  t.ctx.filter = Exclude({"*.tmp"});
  EXPECT_TRUE(ops::Check(t.ctx, *src, *dst, "", {}).ok());
  TestContext unfiltered;
  EXPECT_FALSE(ops::Check(unfiltered.ctx, *src, *dst, "", {}).ok());
}

TEST(FilterOpsTest, DeleteSizeAndHashsumObeyPurgeDoesNot) {
  auto fs = NewMemory();
  PutAll(*fs, {{"a.txt", "a"}, {"b.tmp", "bb"}, {"d/c.tmp", "ccc"}});
  std::shared_ptr<const ops::Filter> filter = Exclude({"*.tmp"});
  absl::StatusOr<ops::SizeResult> size = ops::Size(*fs, "", filter.get());
  ASSERT_TRUE(size.ok());
  EXPECT_EQ(size->count, 1);
  EXPECT_EQ(size->bytes, 1);
  TestContext t;
  t.ctx.filter = filter;
  std::ostringstream sums;
  ASSERT_TRUE(ops::HashSum(t.ctx, *fs, "", {}, sums).ok());
  const std::string lines = sums.str();
  EXPECT_THAT(lines, ::testing::EndsWith("  a.txt\n"));
  EXPECT_EQ(std::count(lines.begin(), lines.end(), '\n'), 1);

  ops::FilterOptions only_tmp;
  only_tmp.include = {"*.tmp"};
  t.ctx.filter = MakeFilter(only_tmp);
  ASSERT_TRUE(ops::Delete(t.ctx, *fs, "").ok());
  EXPECT_THAT(Tree(*fs), ElementsAre(Pair("a.txt", "a")));

  Put(*fs, "d/e.tmp", "e");
  ASSERT_TRUE(ops::Purge(t.ctx, *fs).ok());
  EXPECT_TRUE(Tree(*fs).empty()) << "purge ignores filters";
}

TEST(FilterOpsTest, DedupeOnlySeesIncludedFiles) {
  auto fs = NewMemory(true);
  Put(*fs, "a.txt", "one");
  PutDuplicate(*fs, "a.txt", "two");
  Put(*fs, "b.tmp", "one");
  PutDuplicate(*fs, "b.tmp", "two");
  TestContext t;
  t.ctx.filter = Exclude({"*.tmp"});
  std::ostringstream out;
  ops::DedupeOptions options;
  options.mode = ops::DedupeMode::kFirst;
  options.out = &out;
  ASSERT_TRUE(ops::Dedupe(t.ctx, *fs, options).ok());
  EXPECT_EQ(Count(*fs)["a.txt"], 1);
  EXPECT_EQ(Count(*fs)["b.tmp"], 2);
}

}  // namespace
}  // namespace optest
