// Duplicate names (several objects under one name, as fichier allows) are never silent: check
// counts them as differences, sync removes extra copies identical to the source and refuses the
// others, copy/move report them as rclone does and delete nothing.
#include "vfs/operations/duplicates.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/operations/test_util.h"
#include "vfs/errors.h"
#include "vfs/operations/check.h"
#include "vfs/operations/error_class.h"
#include "vfs/operations/sync.h"

namespace optest {
namespace {

using ::testing::ElementsAre;
using ::testing::Pair;
namespace ops = vfs::operations;

int CountLines(const LogCapture& logs, const std::string& fragment) {
  int n = 0;
  for (const std::string& line : logs.Lines()) n += line.find(fragment) != std::string::npos;
  return n;
}

class DuplicatesTest : public ::testing::Test {
 protected:
  absl::Status RunSync(ops::SyncMode mode = ops::SyncMode::kSync) {
    return ops::Sync(t_.ctx, *src_, *dst_, mode);
  }
  absl::Status RunCheck(ops::CheckOptions options = {}) {
    options.report = [this](char mark, std::string_view path) {
      marks_.emplace_back(mark, std::string(path));
    };
    return ops::Check(t_.ctx, *src_, *dst_, "", options);
  }
  // `name` once in the source and `copies` times in the destination, every one with `content`.
  void PutWithDestinationCopies(const std::string& name, int copies,
                                const std::string& content = "same") {
    Put(*src_, name, content);
    PutCopies(*dst_, name, std::vector<std::string>(copies, content));
  }
  std::shared_ptr<backend::memory::MemoryFs> src_ = NewMemory(/*duplicates=*/true, "src");
  std::shared_ptr<backend::memory::MemoryFs> dst_ = NewMemory(/*duplicates=*/true, "dst");
  TestContext t_;
  std::vector<std::pair<char, std::string>> marks_;
};

// --- check ---

TEST_F(DuplicatesTest, CheckCountsADestinationDuplicateAsADifference) {
  PutWithDestinationCopies("a.txt", 2);
  Put(*src_, "ok.txt", "fine");
  Put(*dst_, "ok.txt", "fine");
  LogCapture logs;
  absl::Status st = RunCheck();
  EXPECT_EQ(st.message(), "1 differences found");
  EXPECT_TRUE(
      logs.Contains("ERROR a.txt: Duplicate object found in destination (2 copies), not "
                    "checked: resolve with \"fclone dedupe\""));
  EXPECT_TRUE(logs.Contains("1 differences found"));
  EXPECT_TRUE(logs.Contains("1 matching files"));
  EXPECT_THAT(marks_, ::testing::UnorderedElementsAre(Pair('*', "a.txt"), Pair('=', "ok.txt")));
  EXPECT_EQ(t_.stats.errors(), 1);
}

// One line per side, one difference per name; a duplicate is not also "missing".
TEST_F(DuplicatesTest, CheckReportsEveryDuplicateNameOnEitherSide) {
  PutCopies(*src_, "both.txt", {"x", "y"});
  PutCopies(*dst_, "both.txt", {"x", "x", "x"});
  PutCopies(*src_, "src-only.txt", {"1", "1"});
  PutCopies(*dst_, "d/dst-only.txt", {"2", "3"});
  LogCapture logs;
  EXPECT_EQ(RunCheck().message(), "3 differences found");
  EXPECT_TRUE(logs.Contains("both.txt: Duplicate object found in source (2 copies)"));
  EXPECT_TRUE(logs.Contains("both.txt: Duplicate object found in destination (3 copies)"));
  EXPECT_TRUE(logs.Contains("src-only.txt: Duplicate object found in source (2 copies)"));
  EXPECT_TRUE(logs.Contains("d/dst-only.txt: Duplicate object found in destination (2 copies)"));
  EXPECT_FALSE(logs.Contains("files missing"));
}

TEST_F(DuplicatesTest, CheckOneWayIgnoresDuplicatesOnlyInTheDestination) {
  Put(*src_, "a.txt", "a");
  Put(*dst_, "a.txt", "a");
  PutCopies(*dst_, "extra.txt", {"e", "e"});
  ops::CheckOptions options;
  options.one_way = true;
  EXPECT_TRUE(RunCheck(options).ok());
}

// --- sync ---

TEST_F(DuplicatesTest, SyncDeletesExtraCopiesIdenticalToTheSource) {
  PutWithDestinationCopies("a.txt", 3);
  LogCapture logs;
  ASSERT_TRUE(RunSync().ok());
  EXPECT_EQ(Count(*dst_)["a.txt"], 1);
  EXPECT_EQ(Tree(*dst_)["a.txt"], "same");
  EXPECT_EQ(t_.stats.Snapshot().deletes, 2);
  EXPECT_EQ(t_.stats.transfers(), 0);
  EXPECT_EQ(CountLines(logs, "INFO a.txt: Deleted (duplicate)"), 2);
  EXPECT_TRUE(
      logs.Contains("NOTICE a.txt: Duplicate object found in destination (3 identical "
                    "copies) - deleting the extra ones"));
}

TEST_F(DuplicatesTest, SyncDryRunDeletesNoDuplicate) {
  PutWithDestinationCopies("a.txt", 2);
  t_.ctx.options.dry_run = true;
  LogCapture logs;
  ASSERT_TRUE(RunSync().ok());
  EXPECT_EQ(Count(*dst_)["a.txt"], 2);
  EXPECT_TRUE(logs.Contains("a.txt: Skipped delete as --dry-run is set"));
}

TEST_F(DuplicatesTest, SyncMaxDeleteCountsDuplicateRemovals) {
  PutWithDestinationCopies("a.txt", 2);
  Put(*dst_, "gone.txt", "not in the source");
  t_.ctx.options.max_delete = 1;  // two deletions needed: one extra copy, gone.txt
  LogCapture logs;
  EXPECT_FALSE(RunSync().ok());
  EXPECT_EQ(Count(*dst_)["a.txt"], 2);
  EXPECT_EQ(Count(*dst_)["gone.txt"], 1);
  EXPECT_TRUE(logs.Contains("not deleting: 2 deletes needed but --max-delete is 1"));
}

TEST_F(DuplicatesTest, SyncDeleteDuringRemovesExtraCopiesAfterTheTransfers) {
  PutWithDestinationCopies("a.txt", 2);
  t_.ctx.options.delete_mode = ops::DeleteMode::kDuring;
  ASSERT_TRUE(RunSync().ok());
  EXPECT_EQ(Count(*dst_)["a.txt"], 1);
}

// Copies that differ from the source (or each other) cannot be told apart: all stay, the run
// fails without retries, and the rest of the tree still syncs, deletions included.
TEST_F(DuplicatesTest, SyncLeavesDifferingDuplicatesAloneAndFails) {
  PutAll(*src_, {{"a.txt", "same"}, {"new.txt", "new"}});
  PutCopies(*dst_, "a.txt", {"same", "other"});
  Put(*dst_, "old.txt", "old");
  LogCapture logs;
  absl::Status st = RunSync();
  EXPECT_FALSE(st.ok());
  EXPECT_EQ(ops::ClassifyError(st), ops::ErrorClass::kNoRetry) << st;
  EXPECT_EQ(Count(*dst_)["a.txt"], 2);
  EXPECT_EQ(Tree(*dst_)["new.txt"], "new");
  EXPECT_EQ(Count(*dst_).count("old.txt"), 0u);
  EXPECT_TRUE(
      logs.Contains("ERROR a.txt: Duplicate object found in destination (2 copies, not "
                    "all identical to the source) - left alone: resolve with \"fclone "
                    "dedupe\""));
  EXPECT_EQ(t_.stats.errors(), 1);
}

TEST_F(DuplicatesTest, SyncNeverOverwritesDuplicatesThatAllDifferFromTheSource) {
  Put(*src_, "a.txt", "new content");
  PutCopies(*dst_, "a.txt", {"old", "old"});
  EXPECT_FALSE(RunSync().ok());
  EXPECT_EQ(Count(*dst_)["a.txt"], 2);
  EXPECT_EQ(Tree(*dst_)["a.txt"], "old");
  EXPECT_EQ(t_.stats.transfers(), 0);
}

TEST_F(DuplicatesTest, SyncDeletesEveryCopyOfANameNotInTheSource) {
  Put(*src_, "keep.txt", "k");
  PutCopies(*dst_, "gone.txt", {"1", "2"});
  ASSERT_TRUE(RunSync().ok());
  EXPECT_THAT(Count(*dst_), ElementsAre(Pair("keep.txt", 1)));
  EXPECT_EQ(t_.stats.Snapshot().deletes, 2);
}

// rclone: "Duplicate object found in source - ignoring", the first copy is synced, exit 0.
TEST_F(DuplicatesTest, SyncUploadsOneFileForASourceDuplicate) {
  PutCopies(*src_, "twin.txt", {"first", "second!"});
  LogCapture logs;
  ASSERT_TRUE(RunSync().ok());
  EXPECT_EQ(Count(*dst_)["twin.txt"], 1);
  EXPECT_EQ(Tree(*dst_)["twin.txt"], "first");
  EXPECT_TRUE(logs.Contains("NOTICE twin.txt: Duplicate object found in source - ignoring"));
  ASSERT_TRUE(RunSync().ok());  // and never a second one later
  EXPECT_EQ(Count(*dst_)["twin.txt"], 1);
}

// --- copy and move: rclone's NOTICE, the first copy is used, nothing deleted ---

TEST_F(DuplicatesTest, CopyReportsDestinationDuplicatesAndDeletesNothing) {
  PutWithDestinationCopies("a.txt", 2);
  PutCopies(*dst_, "other.txt", {"o", "p"});
  LogCapture logs;
  ASSERT_TRUE(RunSync(ops::SyncMode::kCopy).ok());
  EXPECT_EQ(Count(*dst_)["a.txt"], 2);
  EXPECT_EQ(Count(*dst_)["other.txt"], 2);
  EXPECT_TRUE(logs.Contains("NOTICE a.txt: Duplicate object found in destination - ignoring"));
  EXPECT_TRUE(logs.Contains("NOTICE other.txt: Duplicate object found in destination - ignoring"));
  EXPECT_EQ(t_.stats.Snapshot().deletes, 0);
}

TEST_F(DuplicatesTest, MoveReportsDestinationDuplicatesAndDeletesNoCopy) {
  PutWithDestinationCopies("a.txt", 2);
  LogCapture logs;
  ASSERT_TRUE(RunSync(ops::SyncMode::kMove).ok());
  EXPECT_EQ(Count(*dst_)["a.txt"], 2);
  EXPECT_TRUE(Tree(*src_).empty()) << "the file is at the destination, so the move is done";
  EXPECT_TRUE(logs.Contains("Duplicate object found in destination - ignoring"));
}

// --- SameFile ---

TEST(SameFileTest, SizeAndCommonHashOrSizeAlone) {
  auto fs = NewMemory();
  vfs::ObjectPtr a = Put(*fs, "a", "abcd");
  vfs::ObjectPtr b = Put(*fs, "b", "abcd");
  vfs::ObjectPtr c = Put(*fs, "c", "wxyz");
  vfs::ObjectPtr d = Put(*fs, "d", "abcde");
  EXPECT_TRUE(ops::SameFile(hash::HashType::kWhirlpool, *a, *b));
  EXPECT_FALSE(ops::SameFile(hash::HashType::kWhirlpool, *a, *c));
  EXPECT_TRUE(ops::SameFile(hash::HashType::kNone, *a, *c)) << "no common hash: size decides";
  EXPECT_FALSE(ops::SameFile(hash::HashType::kNone, *a, *d));
}

}  // namespace
}  // namespace optest
