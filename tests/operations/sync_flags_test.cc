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

// Each test syncs src_ to dst_ with the options it sets on t_.
class SyncFlagsTest : public SyncPairTest {
 protected:
  vfs::FsPtr backup_ = NewMemory();  // for --backup-dir tests
};

constexpr absl::Time kOld = absl::FromUnixSeconds(1000);
constexpr absl::Time kNew = absl::FromUnixSeconds(2000);

TEST_F(SyncFlagsTest, BackupDirKeepsDeletedAndOverwrittenFiles) {
  Put(*src_, "a", "new a", kNew);
  Put(*dst_, "a", "old a", kOld);
  Put(*dst_, "d/gone", "gone");
  t_.ctx.backup_dir = backup_.get();
  LogCapture logs;
  ASSERT_TRUE(Run(ops::SyncMode::kSync).ok());
  EXPECT_THAT(Tree(*dst_), ElementsAre(Pair("a", "new a")));
  EXPECT_THAT(Tree(*backup_), ElementsAre(Pair("a", "old a"), Pair("d/gone", "gone")));
  EXPECT_TRUE(logs.Contains("d/gone: Moved into backup dir"));
}

TEST_F(SyncFlagsTest, SuffixKeepExtensionNamesTheBackup) {
  Put(*src_, "doc.txt", "v2", kNew);
  Put(*dst_, "doc.txt", "v1", kOld);
  Put(*backup_, "doc-old.txt", "older backup");
  t_.ctx.backup_dir = backup_.get();
  t_.ctx.options.suffix = "-old";
  t_.ctx.options.suffix_keep_extension = true;
  ASSERT_TRUE(Run(ops::SyncMode::kCopy).ok());
  EXPECT_THAT(Tree(*backup_), ElementsAre(Pair("doc-old.txt", "v1")));  // replaced, one copy
  EXPECT_THAT(Count(*backup_), ElementsAre(Pair("doc-old.txt", 1)));
  EXPECT_THAT(Tree(*dst_), ElementsAre(Pair("doc.txt", "v2")));
}

TEST_F(SyncFlagsTest, SuffixAloneKeepsBackupsNextToTheFiles) {
  t_.ctx.options.suffix = ".bak";
  t_.ctx.backup_dir = dst_.get();  // what the host passes for --suffix without --backup-dir
  Put(*src_, "f", "new", kNew);
  Put(*dst_, "f", "old", kOld);
  Put(*dst_, "x", "extra");
  ASSERT_TRUE(Run(ops::SyncMode::kSync).ok());
  EXPECT_THAT(Tree(*dst_), ElementsAre(Pair("f", "new"), Pair("f.bak", "old"),
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
  Put(*src_, "a", "a");
  auto inside = backend::memory::MemoryFs::Create("mem", dst_->Root() + "/bk");
  t_.ctx.backup_dir = inside.get();
  absl::Status st = Run(ops::SyncMode::kSync);
  EXPECT_EQ(st.message(), "destination and parameter to --backup-dir mustn't overlap");
  EXPECT_EQ(ops::ClassifyError(st), ops::ErrorClass::kFatal);
  EXPECT_THAT(Tree(*dst_), ::testing::IsEmpty());
}

TEST_F(SyncFlagsTest, TrackRenamesMovesInsteadOfCopying) {
  const std::string big(100000, 'z');
  Put(*src_, "renamed/big", big);
  Put(*src_, "same", "same");
  Put(*dst_, "big", big);
  Put(*dst_, "same", "same");
  Put(*dst_, "stale", "stale");
  t_.ctx.options.track_renames = true;
  LogCapture logs;
  ASSERT_TRUE(Run(ops::SyncMode::kSync).ok());
  EXPECT_THAT(Tree(*dst_), ElementsAre(Pair("renamed/big", big), Pair("same", "same")));
  EXPECT_EQ(t_.stats.Snapshot().renames, 1);
  EXPECT_EQ(t_.stats.Snapshot().deletes, 1);  // only "stale"
  EXPECT_TRUE(logs.Contains("renamed/big: Renamed from \"big\""));
}

TEST_F(SyncFlagsTest, TrackRenamesLeafStrategyNeedsTheSameName) {
  Put(*src_, "new/f", "content");
  Put(*dst_, "old/g", "content");
  t_.ctx.options.track_renames = true;
  t_.ctx.options.track_renames_strategy = "leaf";
  ASSERT_TRUE(Run(ops::SyncMode::kSync).ok());
  EXPECT_EQ(t_.stats.Snapshot().renames, 0);  // different leaf: copied, old one deleted
  EXPECT_THAT(Tree(*dst_), ElementsAre(Pair("new/f", "content")));
}

TEST_F(SyncFlagsTest, TrackRenamesIsIgnoredByCopy) {
  Put(*src_, "b", "x");
  Put(*dst_, "a", "x");
  t_.ctx.options.track_renames = true;
  LogCapture logs;
  ASSERT_TRUE(Run(ops::SyncMode::kCopy).ok());
  EXPECT_THAT(Tree(*dst_), ElementsAre(Pair("a", "x"), Pair("b", "x")));
  EXPECT_TRUE(logs.Contains("Ignoring --track-renames as it doesn't work with copy or move"));
}

TEST_F(SyncFlagsTest, BadRenameStrategyIsAnError) {
  t_.ctx.options.track_renames = true;
  t_.ctx.options.track_renames_strategy = "hash,foo";
  absl::Status st = Run(ops::SyncMode::kSync);
  EXPECT_EQ(st.message(), "unknown track renames strategy \"foo\"");
}

TEST_F(SyncFlagsTest, ImmutableRefusesToReplaceADifferentFile) {
  Put(*src_, "f", "new!", kNew);
  Put(*src_, "g", "fresh");
  Put(*dst_, "f", "old", kOld);
  t_.ctx.options.immutable = true;
  LogCapture logs;
  absl::Status st = Run(ops::SyncMode::kCopy);
  EXPECT_EQ(st.message(), "immutable file modified");
  EXPECT_EQ(ops::ClassifyError(st), ops::ErrorClass::kNoRetry);
  EXPECT_THAT(Tree(*dst_), ElementsAre(Pair("f", "old"), Pair("g", "fresh")));
  EXPECT_TRUE(logs.Contains("Source and destination exist but do not match: immutable file "
                            "modified"));
}

TEST_F(SyncFlagsTest, CompareDestSkipsFilesAlreadyThere) {
  auto other = NewMemory();
  Put(*src_, "same", "same");
  Put(*src_, "changed", "new", kNew);
  Put(*other, "same", "same");
  Put(*other, "changed", "old", kOld);
  t_.ctx.compare_dest = {other.get()};
  ASSERT_TRUE(Run(ops::SyncMode::kCopy).ok());
  EXPECT_THAT(Tree(*dst_), ElementsAre(Pair("changed", "new")));
}

TEST_F(SyncFlagsTest, CopyDestCopiesFromTheOtherTree) {
  auto other = NewMemory();
  Put(*src_, "same", "same");
  Put(*other, "same", "same");
  t_.ctx.copy_dest = {other.get()};
  LogCapture logs;
  ASSERT_TRUE(Run(ops::SyncMode::kCopy).ok());
  EXPECT_THAT(Tree(*dst_), ElementsAre(Pair("same", "same")));
  EXPECT_THAT(Tree(*other), ElementsAre(Pair("same", "same")));
  EXPECT_TRUE(logs.Contains("Destination found in --copy-dest, using server-side copy"));
}

TEST_F(SyncFlagsTest, CompareDestWithCopyDestIsFatal) {
  auto other = NewMemory();
  t_.ctx.compare_dest = {other.get()};
  t_.ctx.copy_dest = {other.get()};
  absl::Status st = Run(ops::SyncMode::kCopy);
  EXPECT_EQ(ops::ClassifyError(st), ops::ErrorClass::kFatal);
}

TEST_F(SyncFlagsTest, CheckFirstOrdersTransfersBySize) {
  Put(*src_, "b", "22");
  Put(*src_, "a", "333");
  Put(*src_, "c", "1");
  t_.ctx.options.check_first = true;
  t_.ctx.options.order_by = "size,descending";
  t_.ctx.options.transfers = 1;
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
  Put(*src_, "f", "same");
  Put(*dst_, "f", "same");
  t_.ctx.options.no_check_dest = true;
  ASSERT_TRUE(Run(ops::SyncMode::kCopy).ok());
  EXPECT_EQ(t_.stats.transfers(), 1);
  EXPECT_THAT(Count(*dst_), ElementsAre(Pair("f", 1)));
}

TEST_F(SyncFlagsTest, NoTraverseLooksUpEachFile) {
  Put(*src_, "same", "same");
  Put(*src_, "d/new", "new");
  Put(*dst_, "same", "same");
  t_.ctx.options.no_traverse = true;
  ASSERT_TRUE(Run(ops::SyncMode::kCopy).ok());
  EXPECT_EQ(t_.stats.transfers(), 1);
  EXPECT_EQ(t_.stats.Snapshot().checks, 1);
  EXPECT_THAT(Tree(*dst_), ElementsAre(Pair("d/new", "new"), Pair("same", "same")));
}

TEST_F(SyncFlagsTest, MaxDeleteExceededIsFatalAndDeletesNothing) {
  Put(*src_, "kept", "k");
  Put(*dst_, "x", "x");
  Put(*dst_, "y", "y");
  t_.ctx.options.max_delete = 1;
  absl::Status st = Run(ops::SyncMode::kSync);
  EXPECT_EQ(st.message(), "--max-delete threshold reached");
  EXPECT_EQ(ops::ClassifyError(st), ops::ErrorClass::kFatal);
  EXPECT_THAT(Tree(*dst_), ElementsAre(Pair("kept", "k"), Pair("x", "x"), Pair("y", "y")));
}

TEST_F(SyncFlagsTest, InteractiveNoSkipsTheChange) {
  Put(*src_, "keep-out", "k");
  Put(*src_, "let-in", "l");
  Put(*dst_, "old", "o");
  std::vector<std::string> asked;
  t_.ctx.options.transfers = 1;
  t_.ctx.confirm = [&asked](std::string_view subject, std::string_view action) {
    asked.push_back(std::string(action) + " " + std::string(subject));
    return subject != "keep-out" && action != "delete";
  };
  LogCapture logs;
  ASSERT_TRUE(Run(ops::SyncMode::kSync).ok());
  EXPECT_THAT(Tree(*dst_), ElementsAre(Pair("let-in", "l"), Pair("old", "o")));
  EXPECT_TRUE(logs.Contains("keep-out: Skipped copy as --interactive is set (size 1)"));
  EXPECT_TRUE(logs.Contains("old: Skipped delete as --interactive is set (size 1)"));
}

}  // namespace
}  // namespace optest
