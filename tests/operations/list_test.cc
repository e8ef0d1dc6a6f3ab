// Listing formats, check, hashsum, cat, delete/rmdirs against rclone's verified outputs.
#include "vfs/operations/list.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

#include "tests/operations/test_util.h"
#include "vfs/operations/cat.h"
#include "vfs/operations/check.h"
#include "vfs/operations/dirs.h"
#include "vfs/operations/hashsum.h"

namespace optest {
namespace {

namespace ops = vfs::operations;
// 2020-01-02T03:04:05.123456789Z, the time of rclone's verified lsjson sample.
const absl::Time kT = absl::FromUnixNanos(1577934245123456789LL);

class ListTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Put(*fs_, "file1.txt", "hello\n", kT);
    Put(*fs_, "sub/b.bin", std::string(1500, '\0'), kT);
  }
  std::shared_ptr<backend::memory::MemoryFs> fs_ = NewMemory();
  std::ostringstream out_;
  TestContext t_;
};

TEST_F(ListTest, Ls) {
  ASSERT_TRUE(ops::Ls(*fs_, "", -1, out_).ok());
  EXPECT_EQ(out_.str(), "        6 file1.txt\n     1500 sub/b.bin\n");
}

TEST_F(ListTest, LsMaxDepthOne) {
  ASSERT_TRUE(ops::Ls(*fs_, "", 1, out_).ok());
  EXPECT_EQ(out_.str(), "        6 file1.txt\n");
}

TEST_F(ListTest, Lsl) {
  ASSERT_TRUE(ops::Lsl(*fs_, "", -1, out_).ok());
  EXPECT_EQ(out_.str(),
            "        6 2020-01-02 03:04:05.123456789 file1.txt\n"
            "     1500 2020-01-02 03:04:05.123456789 sub/b.bin\n");
}

TEST_F(ListTest, LsfWithFormat) {
  ops::LsfOptions o;
  o.format = "pst";
  o.max_depth = -1;
  ASSERT_TRUE(ops::Lsf(*fs_, "", o, out_).ok());
  std::string s = out_.str();
  EXPECT_THAT(s, ::testing::StartsWith("file1.txt;6;2020-01-02 03:04:05\nsub/;-1;"));
  EXPECT_THAT(s, ::testing::EndsWith("sub/b.bin;1500;2020-01-02 03:04:05\n"));
}

TEST_F(ListTest, LsfCsvQuotesLikeGo) {
  Put(*fs_, "a,b \"c\".txt", "x", kT);
  ops::LsfOptions o;
  o.format = "ps";
  o.csv = true;
  o.files_only = true;
  ASSERT_TRUE(ops::Lsf(*fs_, "", o, out_).ok());
  EXPECT_EQ(out_.str(), "\"a,b \"\"c\"\".txt\",1\nfile1.txt,6\n");
}

TEST_F(ListTest, LsJsonMatchesRclonesVerifiedLine) {
  ops::LsJsonOptions o;
  o.files_only = true;
  ASSERT_TRUE(ops::LsJson(*fs_, "", o, out_).ok());
  EXPECT_EQ(out_.str(),
            "[\n{\"Path\":\"file1.txt\",\"Name\":\"file1.txt\",\"Size\":6,\"MimeType\":\"text/plain; "
            "charset=utf-8\",\"ModTime\":\"2020-01-02T03:04:05.123456789Z\",\"IsDir\":false,"
            "\"ID\":\"" + (*fs_->NewObject("file1.txt"))->id() + "\"}\n]\n");
}

TEST_F(ListTest, LsJsonEmpty) {
  auto empty = NewMemory();
  ASSERT_TRUE(empty->Mkdir("").ok());
  ASSERT_TRUE(ops::LsJson(*empty, "", {}, out_).ok());
  EXPECT_EQ(out_.str(), "[\n]\n");
}

TEST_F(ListTest, Size) {
  absl::StatusOr<ops::SizeResult> r = ops::Size(*fs_, "");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(ops::FormatSize(*r, false), "Total objects: 2 (2)\nTotal size: 1.471 KiB (1506 Byte)\n");
  EXPECT_EQ(ops::FormatSize(*r, true), "{\"count\":2,\"bytes\":1506,\"sizeless\":0}\n");
}

TEST_F(ListTest, HashsumWhirlpool) {
  ops::HashsumOptions o;
  ASSERT_TRUE(ops::HashSum(t_.ctx, *fs_, "file1.txt", o, out_).ok());
  EXPECT_EQ(out_.str(),
            "63f8341c1720d76087bb66a8f3fc9ea21a279edeae866a3611ba425cbd9ac9a4e39b97066b492fed6037988a"
            "72a045344c8675107e6bb569276c2f597ea9cbb7  file1.txt\n");
}

TEST_F(ListTest, HashsumDownloadAgreesWithBackend) {
  std::ostringstream a, b;
  ops::HashsumOptions o;
  ASSERT_TRUE(ops::HashSum(t_.ctx, *fs_, "sub/b.bin", o, a).ok());
  o.download = true;
  ASSERT_TRUE(ops::HashSum(t_.ctx, *fs_, "sub/b.bin", o, b).ok());
  EXPECT_EQ(a.str(), b.str());
}

TEST_F(ListTest, CatWithRanges) {
  ops::CatOptions o;
  ASSERT_TRUE(ops::Cat(t_.ctx, *fs_, "file1.txt", o, out_).ok());
  EXPECT_EQ(out_.str(), "hello\n");
  std::ostringstream tail;
  o.offset = -3;
  ASSERT_TRUE(ops::Cat(t_.ctx, *fs_, "file1.txt", o, tail).ok());
  EXPECT_EQ(tail.str(), "lo\n");
  std::ostringstream mid;
  o.offset = 1;
  o.count = 3;
  ASSERT_TRUE(ops::Cat(t_.ctx, *fs_, "file1.txt", o, mid).ok());
  EXPECT_EQ(mid.str(), "ell");
}

TEST_F(ListTest, CheckReportsEveryKindOfDifference) {
  auto other = NewMemory();
  Put(*other, "file1.txt", "HELLO\n", kT);  // same size, other hash
  Put(*other, "only-dst", "x", kT);
  std::vector<std::string> marks;
  ops::CheckOptions o;
  o.report = [&](char m, std::string_view p) { marks.push_back(std::string(1, m) + " " +
                                                               std::string(p)); };
  LogCapture logs;
  absl::Status st = ops::Check(t_.ctx, *fs_, *other, "", o);
  EXPECT_EQ(st.message(), "3 differences found");
  EXPECT_THAT(marks, ::testing::UnorderedElementsAre("* file1.txt", "- only-dst", "+ sub/b.bin"));
  EXPECT_TRUE(logs.Contains("ERROR file1.txt: md5 differ"));
  EXPECT_TRUE(logs.Contains("ERROR sub/b.bin: file not in Memory root"));
}

TEST_F(ListTest, CheckIdenticalTreesIsOk) {
  auto copy = NewMemory();
  Put(*copy, "file1.txt", "hello\n", kT);
  Put(*copy, "sub/b.bin", std::string(1500, '\0'), kT);
  ops::CheckOptions o;
  o.download = true;
  EXPECT_TRUE(ops::Check(t_.ctx, *fs_, *copy, "", o).ok());
}

TEST_F(ListTest, DeleteThenRmdirs) {
  ASSERT_TRUE(fs_->Mkdir("empty/deeper").ok());
  ASSERT_TRUE(ops::Delete(t_.ctx, *fs_, "").ok());
  EXPECT_TRUE(Tree(*fs_).empty());
  ASSERT_TRUE(ops::Rmdirs(t_.ctx, *fs_, "", /*leave_root=*/true).ok());
  absl::StatusOr<vfs::DirEntries> root = fs_->List("");
  ASSERT_TRUE(root.ok());
  EXPECT_TRUE(root->empty());
}

TEST_F(ListTest, TouchCreatesAndSetsTime) {
  ops::TouchOptions o;
  o.time = kT;
  ASSERT_TRUE(ops::Touch(t_.ctx, *fs_, "new.txt", o).ok());
  EXPECT_EQ((*fs_->NewObject("new.txt"))->mod_time(), kT);
  o.time = absl::FromUnixSeconds(5);
  ASSERT_TRUE(ops::Touch(t_.ctx, *fs_, "file1.txt", o).ok());
  EXPECT_EQ((*fs_->NewObject("file1.txt"))->mod_time(), absl::FromUnixSeconds(5));
  o.no_create = true;
  ASSERT_TRUE(ops::Touch(t_.ctx, *fs_, "absent.txt", o).ok());
  EXPECT_FALSE(fs_->NewObject("absent.txt").ok());
}

}  // namespace
}  // namespace optest
