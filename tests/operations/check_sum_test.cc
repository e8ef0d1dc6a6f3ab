// SUM files: rclone's parsing (text and binary marks, CRLF, upper-case sums; bad and repeated
// lines skipped with a notice) and CheckSum's verdicts on a memory tree.
#include "vfs/operations/check_sum.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "hash/multi_hasher.h"
#include "tests/operations/test_util.h"

namespace optest {
namespace {

namespace ops = vfs::operations;
using ::testing::UnorderedElementsAre;

TEST(ParseSumFile, ReadsMd5sumLinesAndSkipsBadOnes) {
  LogCapture logs;
  ops::HashSums sums = ops::ParseSumFile(
      "ABCDEF  a.txt\r\n0123 *bin/b\n\nno-separator\nx  a.txt\nfeed  name with  spaces\n", "S");
  EXPECT_THAT(sums, UnorderedElementsAre(std::pair<const std::string, std::string>("a.txt", "abcdef"),
                                         std::pair<const std::string, std::string>("bin/b", "0123"),
                                         std::pair<const std::string, std::string>(
                                             "name with  spaces", "feed")));
  EXPECT_TRUE(logs.Contains("S: improperly formatted checksum line 3"));
  EXPECT_TRUE(logs.Contains("S: duplicate file on checksum line 4"));
}

TEST(CheckSum, ReportsEachPathLikeRclone) {
  auto fs = NewMemory();
  Put(*fs, "same", "one");
  Put(*fs, "changed", "two");
  Put(*fs, "unlisted", "three");
  ops::HashSums sums = {{"same", hash::HexSum(hash::HashType::kSha1, "one")},
                        {"changed", hash::HexSum(hash::HashType::kSha1, "TWO")},
                        {"gone", hash::HexSum(hash::HashType::kSha1, "four")}};
  std::vector<std::string> marks;
  ops::CheckOptions options;
  options.report = [&](char m, std::string_view p) { marks.push_back(m + std::string(" ") + std::string(p)); };
  TestContext t;
  LogCapture logs;
  absl::Status st = ops::CheckSum(t.ctx, *fs, "", sums, hash::HashType::kSha1, options);
  EXPECT_EQ(st.message(), "3 differences found");
  EXPECT_THAT(marks, UnorderedElementsAre("= same", "* changed", "- unlisted", "+ gone"));
  EXPECT_TRUE(logs.Contains("changed: files differ"));
  EXPECT_TRUE(logs.Contains("unlisted: sum not found"));
  EXPECT_TRUE(logs.Contains("1 hashes missing"));

  // --one-way leaves out what the SUM file does not name; --download hashes the bytes.
  marks.clear();
  options.one_way = true;
  options.download = true;
  st = ops::CheckSum(t.ctx, *fs, "", sums, hash::HashType::kSha1, options);
  EXPECT_THAT(marks, UnorderedElementsAre("= same", "* changed", "+ gone"));
}

}  // namespace
}  // namespace optest
