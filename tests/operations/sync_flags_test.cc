// rclone's extra sync flags over memory remotes: --backup-dir, --suffix(-keep-extension),
// --track-renames, --immutable, --compare-dest, --copy-dest, --check-first/--order-by,
// --no-traverse, --no-check-dest, --max-delete (fatal), -i (Context::confirm).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "tests/operations/test_util.h"
#include "vfs/operations/error_class.h"
#include "vfs/operations/sync.h"
#include "vfs/operations/sync_options.h"

namespace optest {
namespace {

namespace ops = vfs::operations;
using ::testing::ElementsAre;
using ::testing::Pair;

// Each test syncs `src` to `dst` (fresh memory remotes) with the options it sets on `t`.
class SyncFlagsTest : public ::testing::Test {
 protected:
  absl::Status Run(ops::SyncMode mode) { return ops::Sync(t.ctx, *src, *dst, mode); }
  std::shared_ptr<backend::memory::MemoryFs> src = NewMemory();
  std::shared_ptr<backend::memory::MemoryFs> dst = NewMemory();
  std::shared_ptr<backend::memory::MemoryFs> backup = NewMemory();  // for --backup-dir tests
  TestContext t;
};

constexpr absl::Time kOld = absl::FromUnixSeconds(1000);
constexpr absl::Time kNew = absl::FromUnixSeconds(2000);

TEST_F(SyncFlagsTest, BackupDirKeepsDeletedAndOverwrittenFiles) {
  Put(*src, "a", "new a", kNew);
  Put(*dst, "a", "old a", kOld);
  Put(*dst, "d/gone", "gone");
  t.ctx.backup_dir = backup.get();
  LogCapture logs;
  ASSERT_TRUE(Run(ops::SyncMode::kSync).ok());
  EXPECT_THAT(Tree(*dst), ElementsAre(Pair("a", "new a")));
  EXPECT_THAT(Tree(*backup), ElementsAre(Pair("a", "old a"), Pair("d/gone", "gone")));
  EXPECT_TRUE(logs.Contains("d/gone: Moved into backup dir"));
}

TEST_F(SyncFlagsTest, SuffixKeepExtensionNamesTheBackup) {
  Put(*src, "doc.txt", "v2", kNew);
  Put(*dst, "doc.txt", "v1", kOld);
  Put(*backup, "doc-old.txt", "older backup");
  t.ctx.backup_dir = backup.get();
  t.ctx.options.suffix = "-old";
  t.ctx.options.suffix_keep_extension = true;
  ASSERT_TRUE(Run(ops::SyncMode::kCopy).ok());
  EXPECT_THAT(Tree(*backup), ElementsAre(Pair("doc-old.txt", "v1")));  // replaced, one copy
  EXPECT_THAT(Count(*backup), ElementsAre(Pair("doc-old.txt", 1)));
  EXPECT_THAT(Tree(*dst), ElementsAre(Pair("doc.txt", "v2")));
}

TEST_F(SyncFlagsTest, SuffixAloneKeepsBackupsNextToTheFiles) {
  t.ctx.options.suffix = ".bak";
  t.ctx.backup_dir = dst.get();  // what the host passes for --suffix without --backup-dir
  Put(*src, "f", "new", kNew);
  Put(*dst, "f", "old", kOld);
  Put(*dst, "x", "extra");
  ASSERT_TRUE(Run(ops::SyncMode::kSync).ok());
  EXPECT_THAT(Tree(*dst), ElementsAre(Pair("f", "new"), Pair("f.bak", "old"),
                                      Pair("x.bak", "extra")));
}

TEST_F(SyncFlagsTest, SuffixedNameFollowsGoExtensions) {
  ops::Options o;
  o.suffix = "-1";
  EXPECT_EQ(ops::SuffixedName("a/b.txt", o), "a/b.txt-1");
  o.suffix_keep_extension = true;
  EXPECT_EQ(ops::SuffixedName("a/b.tar.gz", o), "a/b.tar-1.gz");
  EXPECT_EQ(ops::SuffixedName("a.d/noext", o), "a.d/noext-1");
}

TEST_F(SyncFlagsTest, BackupDirOverlappingDestinationIsFatal) {
  Put(*src, "a", "a");
  auto inside = backend::memory::MemoryFs::Create("mem", dst->Root() + "/bk");
  t.ctx.backup_dir = inside.get();
  absl::Status st = Run(ops::SyncMode::kSync);
  EXPECT_EQ(st.message(), "destination and parameter to --backup-dir mustn't overlap");
  EXPECT_EQ(ops::ClassifyError(st), ops::ErrorClass::kFatal);
  EXPECT_THAT(Tree(*dst), ::testing::IsEmpty());
}

TEST_F(SyncFlagsTest, TrackRenamesMovesInsteadOfCopying) {
  const std::string big(100000, 'z');
  Put(*src, "renamed/big", big);
  Put(*src, "same", "same");
  Put(*dst, "big", big);
  Put(*dst, "same", "same");
  Put(*dst, "stale", "stale");
  t.ctx.options.track_renames = true;
  LogCapture logs;
  ASSERT_TRUE(Run(ops::SyncMode::kSync).ok());
  EXPECT_THAT(Tree(*dst), ElementsAre(Pair("renamed/big", big), Pair("same", "same")));
  EXPECT_EQ(t.stats.Snapshot().renames, 1);
  EXPECT_EQ(t.stats.Snapshot().deletes, 1);  // only "stale"
  EXPECT_TRUE(logs.Contains("renamed/big: Renamed from \"big\""));
}

TEST_F(SyncFlagsTest, TrackRenamesLeafStrategyNeedsTheSameName) {
  Put(*src, "new/f", "content");
  Put(*dst, "old/g", "content");
  t.ctx.options.track_renames = true;
  t.ctx.options.track_renames_strategy = "leaf";
  ASSERT_TRUE(Run(ops::SyncMode::kSync).ok());
  EXPECT_EQ(t.stats.Snapshot().renames, 0);  // different leaf: copied, old one deleted
  EXPECT_THAT(Tree(*dst), ElementsAre(Pair("new/f", "content")));
}

TEST_F(SyncFlagsTest, TrackRenamesIsIgnoredByCopy) {
  Put(*src, "b", "x");
  Put(*dst, "a", "x");
  t.ctx.options.track_renames = true;
  LogCapture logs;
  ASSERT_TRUE(Run(ops::SyncMode::kCopy).ok());
  EXPECT_THAT(Tree(*dst), ElementsAre(Pair("a", "x"), Pair("b", "x")));
  EXPECT_TRUE(logs.Contains("Ignoring --track-renames as it doesn't work with copy or move"));
}

TEST_F(SyncFlagsTest, BadRenameStrategyIsAnError) {
  t.ctx.options.track_renames = true;
  t.ctx.options.track_renames_strategy = "hash,foo";
  absl::Status st = Run(ops::SyncMode::kSync);
  EXPECT_EQ(st.message(), "unknown track renames strategy \"foo\"");
}

TEST_F(SyncFlagsTest, ImmutableRefusesToReplaceADifferentFile) {
  Put(*src, "f", "new!", kNew);
  Put(*src, "g", "fresh");
  Put(*dst, "f", "old", kOld);
  t.ctx.options.immutable = true;
  LogCapture logs;
  absl::Status st = Run(ops::SyncMode::kCopy);
  EXPECT_EQ(st.message(), "immutable file modified");
  EXPECT_EQ(ops::ClassifyError(st), ops::ErrorClass::kNoRetry);
  EXPECT_THAT(Tree(*dst), ElementsAre(Pair("f", "old"), Pair("g", "fresh")));
  EXPECT_TRUE(logs.Contains("Source and destination exist but do not match: immutable file "
                            "modified"));
}

TEST_F(SyncFlagsTest, CompareDestSkipsFilesAlreadyThere) {
  auto other = NewMemory();
  Put(*src, "same", "same");
  Put(*src, "changed", "new", kNew);
  Put(*other, "same", "same");
  Put(*other, "changed", "old", kOld);
  t.ctx.compare_dest = {other.get()};
  ASSERT_TRUE(Run(ops::SyncMode::kCopy).ok());
  EXPECT_THAT(Tree(*dst), ElementsAre(Pair("changed", "new")));
}

TEST_F(SyncFlagsTest, CopyDestCopiesFromTheOtherTree) {
  auto other = NewMemory();
  Put(*src, "same", "same");
  Put(*other, "same", "same");
  t.ctx.copy_dest = {other.get()};
  LogCapture logs;
  ASSERT_TRUE(Run(ops::SyncMode::kCopy).ok());
  EXPECT_THAT(Tree(*dst), ElementsAre(Pair("same", "same")));
  EXPECT_THAT(Tree(*other), ElementsAre(Pair("same", "same")));
  EXPECT_TRUE(logs.Contains("Destination found in --copy-dest, using server-side copy"));
}

TEST_F(SyncFlagsTest, CompareDestWithCopyDestIsFatal) {
  auto other = NewMemory();
  t.ctx.compare_dest = {other.get()};
  t.ctx.copy_dest = {other.get()};
  absl::Status st = Run(ops::SyncMode::kCopy);
  EXPECT_EQ(ops::ClassifyError(st), ops::ErrorClass::kFatal);
}

TEST_F(SyncFlagsTest, CheckFirstOrdersTransfersBySize) {
  Put(*src, "b", "22");
  Put(*src, "a", "333");
  Put(*src, "c", "1");
  t.ctx.options.check_first = true;
  t.ctx.options.order_by = "size,descending";
  t.ctx.options.transfers = 1;
  LogCapture logs;
  ASSERT_TRUE(Run(ops::SyncMode::kCopy).ok());
  std::vector<std::string> copied;
  for (const std::string& line : logs.Lines()) {
    if (line.find("Copied") != std::string::npos) copied.push_back(line.substr(0, 7));
  }
  EXPECT_THAT(copied, ElementsAre("INFO a:", "INFO b:", "INFO c:"));
}

TEST_F(SyncFlagsTest, OrderByIsValidated) {
  EXPECT_EQ(ops::ParseOrderBy("foo").status().message(), "unknown --order-by comparison \"foo\"");
  EXPECT_EQ(ops::ParseOrderBy("size,up").status().message(),
            "unknown --order-by sort direction \"up\"");
  EXPECT_EQ(ops::ClassifyError(ops::ParseOrderBy("size,up").status()), ops::ErrorClass::kFatal);
  ASSERT_TRUE(ops::ParseOrderBy("modtime,mixed,25").ok());
  EXPECT_EQ(ops::ParseOrderBy("modtime,mixed,25")->mixed_percent, 25);
}

TEST_F(SyncFlagsTest, NoCheckDestSendsEverything) {
  Put(*src, "f", "same");
  Put(*dst, "f", "same");
  t.ctx.options.no_check_dest = true;
  ASSERT_TRUE(Run(ops::SyncMode::kCopy).ok());
  EXPECT_EQ(t.stats.transfers(), 1);
  EXPECT_THAT(Count(*dst), ElementsAre(Pair("f", 1)));
}

TEST_F(SyncFlagsTest, NoTraverseLooksUpEachFile) {
  Put(*src, "same", "same");
  Put(*src, "d/new", "new");
  Put(*dst, "same", "same");
  t.ctx.options.no_traverse = true;
  ASSERT_TRUE(Run(ops::SyncMode::kCopy).ok());
  EXPECT_EQ(t.stats.transfers(), 1);
  EXPECT_EQ(t.stats.Snapshot().checks, 1);
  EXPECT_THAT(Tree(*dst), ElementsAre(Pair("d/new", "new"), Pair("same", "same")));
}

TEST_F(SyncFlagsTest, MaxDeleteExceededIsFatalAndDeletesNothing) {
  Put(*src, "kept", "k");
  Put(*dst, "x", "x");
  Put(*dst, "y", "y");
  t.ctx.options.max_delete = 1;
  absl::Status st = Run(ops::SyncMode::kSync);
  EXPECT_EQ(st.message(), "--max-delete threshold reached");
  EXPECT_EQ(ops::ClassifyError(st), ops::ErrorClass::kFatal);
  EXPECT_THAT(Tree(*dst), ElementsAre(Pair("kept", "k"), Pair("x", "x"), Pair("y", "y")));
}

TEST_F(SyncFlagsTest, InteractiveNoSkipsTheChange) {
  Put(*src, "keep-out", "k");
  Put(*src, "let-in", "l");
  Put(*dst, "old", "o");
  std::vector<std::string> asked;
  t.ctx.options.transfers = 1;
  t.ctx.confirm = [&asked](std::string_view subject, std::string_view action) {
    asked.push_back(std::string(action) + " " + std::string(subject));
    return subject != "keep-out" && action != "delete";
  };
  LogCapture logs;
  ASSERT_TRUE(Run(ops::SyncMode::kSync).ok());
  EXPECT_THAT(Tree(*dst), ElementsAre(Pair("let-in", "l"), Pair("old", "o")));
  EXPECT_TRUE(logs.Contains("keep-out: Skipped copy as --interactive is set (size 1)"));
  EXPECT_TRUE(logs.Contains("old: Skipped delete as --interactive is set (size 1)"));
}

}  // namespace
}  // namespace optest
