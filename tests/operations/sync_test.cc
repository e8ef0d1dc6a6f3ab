// copy/sync/move over memory remotes: trees, skip rules, deletion safety, duplicates, dry-run,
// retries.
#include "vfs/operations/sync.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/operations/test_util.h"
#include "vfs/errors.h"

namespace optest {
namespace {

using ::testing::ElementsAre;
using ::testing::Pair;
namespace ops = vfs::operations;

TEST(SyncTest, CopyMakesDestinationHoldEverySourceFile) {
  auto src = NewMemory();
  auto dst = NewMemory();
  PutAll(*src, {{"a.txt", "alpha"}, {"dir/b.txt", "bravo"}, {"dir/sub/c.txt", "charlie"}});
  Put(*dst, "keep.txt", "kept");
  TestContext t;
  ASSERT_TRUE(ops::Sync(t.ctx, *src, *dst, ops::SyncMode::kCopy).ok());
  EXPECT_THAT(Tree(*dst), ElementsAre(Pair("a.txt", "alpha"), Pair("dir/b.txt", "bravo"),
                                      Pair("dir/sub/c.txt", "charlie"), Pair("keep.txt", "kept")));
  EXPECT_EQ(t.stats.transfers(), 3);
}

TEST(SyncTest, SecondCopyTransfersNothing) {
  auto src = NewMemory();
  auto dst = NewMemory();
  Put(*src, "a.txt", "alpha");
  Put(*src, "d/b.txt", "bravo");
  TestContext first;
  ASSERT_TRUE(ops::Sync(first.ctx, *src, *dst, ops::SyncMode::kCopy).ok());
  TestContext second;
  LogCapture logs;
  ASSERT_TRUE(ops::Sync(second.ctx, *src, *dst, ops::SyncMode::kCopy).ok());
  EXPECT_EQ(second.stats.transfers(), 0);
  EXPECT_EQ(second.stats.Snapshot().checks, 2);
  EXPECT_TRUE(logs.Contains("There was nothing to transfer"));
}

TEST(SyncTest, ChangedContentOfSameSizeIsCopiedWhenTimesDiffer) {
  auto src = NewMemory();
  auto dst = NewMemory();
  Put(*src, "f", "AAAA", absl::FromUnixSeconds(2000));
  Put(*dst, "f", "BBBB", absl::FromUnixSeconds(1000));
  TestContext t;
  ASSERT_TRUE(ops::Sync(t.ctx, *src, *dst, ops::SyncMode::kCopy).ok());
  EXPECT_EQ(Tree(*dst)["f"], "AAAA");
}

TEST(SyncTest, SyncDeletesExtraFilesAndDirectories) {
  auto src = NewMemory();
  auto dst = NewMemory();
  Put(*src, "a.txt", "alpha");
  PutAll(*dst, {{"a.txt", "old"}, {"extra.txt", "x"}, {"gone/deep/file", "y"}});
  TestContext t;
  LogCapture logs;
  ASSERT_TRUE(ops::Sync(t.ctx, *src, *dst, ops::SyncMode::kSync).ok());
  EXPECT_THAT(Tree(*dst), ElementsAre(Pair("a.txt", "alpha")));
  absl::StatusOr<vfs::DirEntries> root = dst->List("");
  ASSERT_TRUE(root.ok());
  EXPECT_EQ(root->size(), 1u) << "the destination-only directory must be removed";
  EXPECT_TRUE(logs.Contains("INFO extra.txt: Deleted"));
  EXPECT_TRUE(logs.Contains("INFO gone: Removing directory"));
  EXPECT_EQ(t.stats.Snapshot().deletes, 2);
}

TEST(SyncTest, SyncDeletesNothingAfterATransferError) {
  auto src = NewMemory();
  auto inner = NewMemory();
  auto dst = std::make_shared<FaultyFs>(inner);
  Put(*src, "good.txt", "fine");
  Put(*src, "bad.txt", "breaks");
  Put(*inner, "extra.txt", "must survive");
  dst->FailPut("bad.txt", absl::InternalError("disk on fire"));
  TestContext t;
  t.ctx.options.low_level_retries = 1;
  LogCapture logs;
  absl::Status st = ops::Sync(t.ctx, *src, *dst, ops::SyncMode::kSync);
  EXPECT_FALSE(st.ok());
  EXPECT_THAT(st.message(), ::testing::HasSubstr("disk on fire"));
  EXPECT_EQ(Tree(*inner)["extra.txt"], "must survive");
  EXPECT_EQ(Tree(*inner)["good.txt"], "fine");
  EXPECT_EQ(Tree(*inner).count("bad.txt"), 0u);
  EXPECT_TRUE(logs.Contains("not deleting files as there were IO errors"));
  EXPECT_EQ(t.stats.Snapshot().deletes, 0);
}

TEST(SyncTest, IgnoreErrorsDeletesAnyway) {
  auto src = NewMemory();
  auto inner = NewMemory();
  auto dst = std::make_shared<FaultyFs>(inner);
  Put(*src, "bad.txt", "breaks");
  Put(*inner, "extra.txt", "goes");
  dst->FailPut("bad.txt", absl::InternalError("boom"));
  TestContext t;
  t.ctx.options.ignore_errors = true;
  t.ctx.options.low_level_retries = 1;
  EXPECT_FALSE(ops::Sync(t.ctx, *src, *dst, ops::SyncMode::kSync).ok());
  EXPECT_EQ(Tree(*inner).count("extra.txt"), 0u);
}

TEST(SyncTest, RetryableErrorsAreRetriedUpToLowLevelRetries) {
  auto src = NewMemory();
  auto inner = NewMemory();
  auto dst = std::make_shared<FaultyFs>(inner);
  Put(*src, "flaky.txt", "eventually");
  dst->FailPut("flaky.txt", vfs::Retryable("flaky.txt", "503"), 2);
  TestContext t;
  t.ctx.options.low_level_retries = 3;
  ASSERT_TRUE(ops::Sync(t.ctx, *src, *dst, ops::SyncMode::kCopy).ok());
  EXPECT_EQ(dst->put_calls("flaky.txt"), 3);
  EXPECT_EQ(Tree(*inner)["flaky.txt"], "eventually");
  EXPECT_EQ(t.stats.errors(), 0);
}

TEST(SyncTest, NonRetryableErrorIsNotRetried) {
  auto src = NewMemory();
  auto inner = NewMemory();
  auto dst = std::make_shared<FaultyFs>(inner);
  Put(*src, "f", "data");
  dst->FailPut("f", absl::InternalError("no"), 5);
  TestContext t;
  EXPECT_FALSE(ops::Sync(t.ctx, *src, *dst, ops::SyncMode::kCopy).ok());
  EXPECT_EQ(dst->put_calls("f"), 1);
  EXPECT_EQ(t.stats.errors(), 1);
}

TEST(SyncTest, DryRunChangesNothingAndSaysWhatItWouldDo) {
  auto src = NewMemory();
  auto dst = NewMemory();
  Put(*src, "new.txt", "123456");
  Put(*dst, "extra.txt", "x");
  TestContext t;
  t.ctx.options.dry_run = true;
  LogCapture logs;
  ASSERT_TRUE(ops::Sync(t.ctx, *src, *dst, ops::SyncMode::kSync).ok());
  EXPECT_THAT(Tree(*dst), ElementsAre(Pair("extra.txt", "x")));
  EXPECT_TRUE(logs.Contains("NOTICE new.txt: Skipped copy as --dry-run is set (size 6)"));
  EXPECT_TRUE(logs.Contains("NOTICE extra.txt: Skipped delete as --dry-run is set (size 1)"));
  ops::StatsSnapshot s = t.stats.Snapshot();
  EXPECT_EQ(s.transfers, 1);
  EXPECT_EQ(s.bytes, 6);
  EXPECT_EQ(s.deletes, 1);
}

TEST(SyncTest, SourceDuplicatesAreReportedAndOnlyTheFirstIsCopied) {
  auto src = NewMemory(/*duplicates=*/true);
  auto dst = NewMemory();
  Put(*src, "twin.txt", "first");
  PutDuplicate(*src, "twin.txt", "second!");
  TestContext t;
  LogCapture logs;
  ASSERT_TRUE(ops::Sync(t.ctx, *src, *dst, ops::SyncMode::kCopy).ok());
  EXPECT_TRUE(logs.Contains("NOTICE twin.txt: Duplicate object found in source - ignoring"));
  EXPECT_EQ(Count(*dst)["twin.txt"], 1);
  EXPECT_EQ(Tree(*dst)["twin.txt"], "first");
  EXPECT_EQ(t.stats.errors(), 0);
}

TEST(SyncTest, DifferingDestinationDuplicatesAreNeverDeletedBySync) {
  auto src = NewMemory();
  auto dst = NewMemory(/*duplicates=*/true);
  Put(*src, "twin.txt", "same");
  Put(*dst, "twin.txt", "same");
  PutDuplicate(*dst, "twin.txt", "other content");
  TestContext t;
  LogCapture logs;
  EXPECT_FALSE(ops::Sync(t.ctx, *src, *dst, ops::SyncMode::kSync).ok());
  EXPECT_TRUE(logs.Contains("Duplicate object found in destination (2 copies"));
  EXPECT_EQ(Count(*dst)["twin.txt"], 2) << "no data may be lost silently";
}

TEST(SyncTest, MoveDeletesSourceFilesAfterTransfer) {
  auto src = NewMemory(false, "a");
  auto dst = NewMemory(false, "b");
  Put(*src, "m1", "one");
  Put(*src, "d/m2", "two");
  TestContext t;
  t.ctx.options.delete_empty_src_dirs = true;
  ASSERT_TRUE(ops::Sync(t.ctx, *src, *dst, ops::SyncMode::kMove).ok());
  EXPECT_THAT(Tree(*dst), ElementsAre(Pair("d/m2", "two"), Pair("m1", "one")));
  EXPECT_TRUE(Tree(*src).empty());
}

TEST(SyncTest, MoveKeepsSourceWhenTheCopyFails) {
  auto src = NewMemory();
  auto inner = NewMemory();
  auto dst = std::make_shared<FaultyFs>(inner);
  Put(*src, "precious", "data");
  dst->FailPut("precious", absl::InternalError("nope"));
  TestContext t;
  EXPECT_FALSE(ops::Sync(t.ctx, *src, *dst, ops::SyncMode::kMove).ok());
  EXPECT_EQ(Tree(*src)["precious"], "data");
}

TEST(SyncTest, MissingSourceIsDirNotFound) {
  auto base = NewMemory();
  auto src = backend::memory::MemoryFs::Create("mem", base->Root() + "/nope");
  auto dst = NewMemory();
  TestContext t;
  absl::Status st = ops::Sync(t.ctx, *src, *dst, ops::SyncMode::kCopy);
  EXPECT_TRUE(vfs::IsDirNotFound(st)) << st;
}

TEST(SyncTest, OnlyTheNamedFileIsConsidered) {
  auto src = NewMemory();
  auto dst = NewMemory();
  Put(*src, "one", "1");
  Put(*src, "two", "2");
  Put(*dst, "other", "stays");
  TestContext t;
  ASSERT_TRUE(ops::Sync(t.ctx, *src, *dst, ops::SyncMode::kSync, "one").ok());
  EXPECT_THAT(Tree(*dst), ElementsAre(Pair("one", "1"), Pair("other", "stays")));
}

TEST(SyncTest, CopyFileToANewName) {
  auto src = NewMemory(false, "a");
  auto dst = NewMemory(false, "b");
  Put(*src, "from.txt", "payload");
  TestContext t;
  LogCapture logs;
  ASSERT_TRUE(ops::CopyFile(t.ctx, *src, "from.txt", *dst, "sub/to.txt", false).ok());
  EXPECT_THAT(Tree(*dst), ElementsAre(Pair("sub/to.txt", "payload")));
  EXPECT_TRUE(logs.Contains("INFO from.txt: Copied (server-side copy) to: sub/to.txt") ||
              logs.Contains("INFO from.txt: Copied (new) to: sub/to.txt"));
}

TEST(SyncTest, CopyFileOfMissingSourceIsObjectNotFound) {
  auto src = NewMemory();
  auto dst = NewMemory();
  TestContext t;
  EXPECT_TRUE(vfs::IsObjectNotFound(ops::CopyFile(t.ctx, *src, "nope", *dst, "x", false)));
}

TEST(SyncTest, ManyFilesWithFewWorkers) {
  auto src = NewMemory();
  auto dst = NewMemory();
  for (int i = 0; i < 300; ++i) Put(*src, "d" + std::to_string(i % 7) + "/f" + std::to_string(i),
                                    std::string(i, 'x'));
  TestContext t;
  t.ctx.options.transfers = 2;
  t.ctx.options.checkers = 1;
  ASSERT_TRUE(ops::Sync(t.ctx, *src, *dst, ops::SyncMode::kCopy).ok());
  EXPECT_EQ(Tree(*dst), Tree(*src));
}

}  // namespace
}  // namespace optest
