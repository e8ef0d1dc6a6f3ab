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

class SyncTest : public SyncPairTest {};

TEST_F(SyncTest, CopyMakesDestinationHoldEverySourceFile) {
  PutAll(*src_, {{"a.txt", "alpha"}, {"dir/b.txt", "bravo"}, {"dir/sub/c.txt", "charlie"}});
  Put(*dst_, "keep.txt", "kept");
  ASSERT_TRUE(Run(ops::SyncMode::kCopy).ok());
  EXPECT_THAT(Tree(*dst_), ElementsAre(Pair("a.txt", "alpha"), Pair("dir/b.txt", "bravo"),
                                       Pair("dir/sub/c.txt", "charlie"), Pair("keep.txt", "kept")));
  EXPECT_EQ(t_.stats.transfers(), 3);
}

TEST_F(SyncTest, SecondCopyTransfersNothing) {
  Put(*src_, "a.txt", "alpha");
  Put(*src_, "d/b.txt", "bravo");
  TestContext first;
  ASSERT_TRUE(ops::Sync(first.ctx, *src_, *dst_, ops::SyncMode::kCopy).ok());
  TestContext second;
  LogCapture logs;
  ASSERT_TRUE(ops::Sync(second.ctx, *src_, *dst_, ops::SyncMode::kCopy).ok());
  EXPECT_EQ(second.stats.transfers(), 0);
  EXPECT_EQ(second.stats.Snapshot().checks, 2);
  EXPECT_TRUE(logs.Contains("There was nothing to transfer"));
}

TEST_F(SyncTest, ChangedContentOfSameSizeIsCopiedWhenTimesDiffer) {
  Put(*src_, "f", "AAAA", absl::FromUnixSeconds(2000));
  Put(*dst_, "f", "BBBB", absl::FromUnixSeconds(1000));
  ASSERT_TRUE(Run(ops::SyncMode::kCopy).ok());
  EXPECT_EQ(Tree(*dst_)["f"], "AAAA");
}

TEST_F(SyncTest, SyncDeletesExtraFilesAndDirectories) {
  Put(*src_, "a.txt", "alpha");
  PutAll(*dst_, {{"a.txt", "old"}, {"extra.txt", "x"}, {"gone/deep/file", "y"}});
  LogCapture logs;
  ASSERT_TRUE(Run(ops::SyncMode::kSync).ok());
  EXPECT_THAT(Tree(*dst_), ElementsAre(Pair("a.txt", "alpha")));
  absl::StatusOr<vfs::DirEntries> root = dst_->List("");
  ASSERT_TRUE(root.ok());
  EXPECT_EQ(root->size(), 1u) << "the destination-only directory must be removed";
  EXPECT_TRUE(logs.Contains("INFO extra.txt: Deleted"));
  EXPECT_TRUE(logs.Contains("INFO gone: Removing directory"));
  EXPECT_EQ(t_.stats.Snapshot().deletes, 2);
}

TEST_F(SyncTest, SyncDeletesNothingAfterATransferError) {
  Put(*src_, "good.txt", "fine");
  Put(*src_, "bad.txt", "breaks");
  Put(*dst_, "extra.txt", "must survive");
  FailPuts("bad.txt", absl::InternalError("disk on fire"));
  t_.ctx.options.low_level_retries = 1;
  LogCapture logs;
  absl::Status st = Run(ops::SyncMode::kSync);
  EXPECT_FALSE(st.ok());
  EXPECT_THAT(st.message(), ::testing::HasSubstr("disk on fire"));
  EXPECT_EQ(Tree(*stored_)["extra.txt"], "must survive");
  EXPECT_EQ(Tree(*stored_)["good.txt"], "fine");
  EXPECT_EQ(Tree(*stored_).count("bad.txt"), 0u);
  EXPECT_TRUE(logs.Contains("not deleting files as there were IO errors"));
  EXPECT_EQ(t_.stats.Snapshot().deletes, 0);
}

TEST_F(SyncTest, IgnoreErrorsDeletesAnyway) {
  Put(*src_, "bad.txt", "breaks");
  Put(*dst_, "extra.txt", "goes");
  FailPuts("bad.txt", absl::InternalError("boom"));
  t_.ctx.options.ignore_errors = true;
  t_.ctx.options.low_level_retries = 1;
  EXPECT_FALSE(Run(ops::SyncMode::kSync).ok());
  EXPECT_EQ(Tree(*stored_).count("extra.txt"), 0u);
}

TEST_F(SyncTest, RetryableErrorsAreRetriedUpToLowLevelRetries) {
  Put(*src_, "flaky.txt", "eventually");
  FailPuts("flaky.txt", vfs::Retryable("flaky.txt", "503"), 2);
  t_.ctx.options.low_level_retries = 3;
  ASSERT_TRUE(Run(ops::SyncMode::kCopy).ok());
  EXPECT_EQ(faulty_->put_calls("flaky.txt"), 3);
  EXPECT_EQ(Tree(*stored_)["flaky.txt"], "eventually");
  EXPECT_EQ(t_.stats.errors(), 0);
}

TEST_F(SyncTest, NonRetryableErrorIsNotRetried) {
  Put(*src_, "f", "data");
  FailPuts("f", absl::InternalError("no"), 5);
  EXPECT_FALSE(Run(ops::SyncMode::kCopy).ok());
  EXPECT_EQ(faulty_->put_calls("f"), 1);
  EXPECT_EQ(t_.stats.errors(), 1);
}

TEST_F(SyncTest, DryRunChangesNothingAndSaysWhatItWouldDo) {
  Put(*src_, "new.txt", "123456");
  Put(*dst_, "extra.txt", "x");
  t_.ctx.options.dry_run = true;
  LogCapture logs;
  ASSERT_TRUE(Run(ops::SyncMode::kSync).ok());
  EXPECT_THAT(Tree(*dst_), ElementsAre(Pair("extra.txt", "x")));
  EXPECT_TRUE(logs.Contains("NOTICE new.txt: Skipped copy as --dry-run is set (size 6)"));
  EXPECT_TRUE(logs.Contains("NOTICE extra.txt: Skipped delete as --dry-run is set (size 1)"));
  ops::StatsSnapshot s = t_.stats.Snapshot();
  EXPECT_EQ(s.transfers, 1);
  EXPECT_EQ(s.bytes, 6);
  EXPECT_EQ(s.deletes, 1);
}

TEST_F(SyncTest, SourceDuplicatesAreReportedAndOnlyTheFirstIsCopied) {
  src_ = NewMemory(/*duplicates=*/true);
  PutCopies(*src_, "twin.txt", {"first", "second!"});
  LogCapture logs;
  ASSERT_TRUE(Run(ops::SyncMode::kCopy).ok());
  EXPECT_TRUE(logs.Contains("NOTICE twin.txt: Duplicate object found in source - ignoring"));
  EXPECT_EQ(Count(*dst_)["twin.txt"], 1);
  EXPECT_EQ(Tree(*dst_)["twin.txt"], "first");
  EXPECT_EQ(t_.stats.errors(), 0);
}

TEST_F(SyncTest, DifferingDestinationDuplicatesAreNeverDeletedBySync) {
  dst_ = NewMemory(/*duplicates=*/true);
  Put(*src_, "twin.txt", "same");
  PutCopies(*dst_, "twin.txt", {"same", "other content"});
  LogCapture logs;
  EXPECT_FALSE(Run(ops::SyncMode::kSync).ok());
  EXPECT_TRUE(logs.Contains("Duplicate object found in destination (2 copies"));
  EXPECT_EQ(Count(*dst_)["twin.txt"], 2) << "no data may be lost silently";
}

TEST_F(SyncTest, MoveDeletesSourceFilesAfterTransfer) {
  src_ = NewMemory(false, "a");
  dst_ = NewMemory(false, "b");
  Put(*src_, "m1", "one");
  Put(*src_, "d/m2", "two");
  t_.ctx.options.delete_empty_src_dirs = true;
  ASSERT_TRUE(Run(ops::SyncMode::kMove).ok());
  EXPECT_THAT(Tree(*dst_), ElementsAre(Pair("d/m2", "two"), Pair("m1", "one")));
  EXPECT_TRUE(Tree(*src_).empty());
}

TEST_F(SyncTest, MoveKeepsSourceWhenTheCopyFails) {
  Put(*src_, "precious", "data");
  FailPuts("precious", absl::InternalError("nope"));
  EXPECT_FALSE(Run(ops::SyncMode::kMove).ok());
  EXPECT_EQ(Tree(*src_)["precious"], "data");
}

TEST_F(SyncTest, MissingSourceIsDirNotFound) {
  src_ = backend::memory::MemoryFs::Create("mem", NewMemory()->Root() + "/nope");
  absl::Status st = Run(ops::SyncMode::kCopy);
  EXPECT_TRUE(vfs::IsDirNotFound(st)) << st;
}

TEST_F(SyncTest, OnlyTheNamedFileIsConsidered) {
  Put(*src_, "one", "1");
  Put(*src_, "two", "2");
  Put(*dst_, "other", "stays");
  ASSERT_TRUE(Run(ops::SyncMode::kSync, "one").ok());
  EXPECT_THAT(Tree(*dst_), ElementsAre(Pair("one", "1"), Pair("other", "stays")));
}

TEST_F(SyncTest, CopyFileToANewName) {
  src_ = NewMemory(false, "a");
  dst_ = NewMemory(false, "b");
  Put(*src_, "from.txt", "payload");
  LogCapture logs;
  ASSERT_TRUE(ops::CopyFile(t_.ctx, *src_, "from.txt", *dst_, "sub/to.txt", false).ok());
  EXPECT_THAT(Tree(*dst_), ElementsAre(Pair("sub/to.txt", "payload")));
  EXPECT_TRUE(logs.Contains("INFO from.txt: Copied (server-side copy) to: sub/to.txt") ||
              logs.Contains("INFO from.txt: Copied (new) to: sub/to.txt"));
}

TEST_F(SyncTest, CopyFileOfMissingSourceIsObjectNotFound) {
  EXPECT_TRUE(vfs::IsObjectNotFound(ops::CopyFile(t_.ctx, *src_, "nope", *dst_, "x", false)));
}

TEST_F(SyncTest, ManyFilesWithFewWorkers) {
  for (int i = 0; i < 300; ++i)
    Put(*src_, "d" + std::to_string(i % 7) + "/f" + std::to_string(i), std::string(i, 'x'));
  t_.ctx.options.transfers = 2;
  t_.ctx.options.checkers = 1;
  ASSERT_TRUE(Run(ops::SyncMode::kCopy).ok());
  EXPECT_EQ(Tree(*dst_), Tree(*src_));
}

}  // namespace
}  // namespace optest
