// fclone's filter flags through the real binary, against rclone: every case of
// tests/operations/testdata/filter_cases.txt is listed with `fclone lsf -R` and compared with
// the output rclone v1.60.1 gave (recorded), and, when rclone is installed, with a live run of
// `rclone lsf -R` on the same local tree; syncs with filters are compared tree for tree with
// live rclone syncs. The live checks skip (saying why) when rclone is not on PATH. Also: exit
// codes and messages for bad filter input, help, environment variables.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "absl/strings/str_split.h"
#include "tests/integration/fclone_runner.h"
#include "tests/integration/spawn_util.h"
#include "tests/operations/filter_cases.h"

namespace fctest {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

std::vector<std::string> SortedLines(const std::string& text) {
  std::vector<std::string> lines = absl::StrSplit(text, '\n', absl::SkipEmpty());
  std::sort(lines.begin(), lines.end());
  return lines;
}

// What a case's run says: the sorted listing, or "!error <the Failed to load filters text>".
std::vector<std::string> Outcome(const RunResult& r) {
  if (r.exit_code == 0) return SortedLines(r.out);
  const std::string marker = "Failed to load filters: ";
  size_t at = r.err.find(marker);
  if (at == std::string::npos) return {"!exit " + std::to_string(r.exit_code) + ": " + r.err};
  std::string message = r.err.substr(at + marker.size());
  return {"!error " + message.substr(0, message.find('\n'))};
}

class FilterCaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    cases_ = optest::LoadFilterCases(FILTER_CASES_FILE);
    const absl::Time now = absl::Now();
    for (const optest::FilterCases::File& f : cases_.tree) {
      s_.Write("tree/" + f.path, std::string(static_cast<size_t>(f.size), 'x'),
               absl::ToUnixSeconds(f.Time(now)));
    }
    for (const std::string& d : cases_.empty_dirs) fs::create_directories(s_.dir() / "tree" / d);
    fs::create_directories(s_.dir() / "helpers");
  }

  std::vector<std::string> Args(const optest::FilterCases::Case& c) {
    return optest::ResolveHelperFiles(cases_, c.args, s_.Path("helpers"));
  }

  Scratch s_;
  optest::FilterCases cases_;
};

TEST_F(FilterCaseTest, FcloneListsWhatRcloneListed) {
  int checked = 0;
  for (const optest::FilterCases::Case& c : cases_.cases) {
    if (c.kind != "case") continue;
    ++checked;
    std::vector<std::string> args = {"lsf", "-R"};
    for (const std::string& a : Args(c)) args.push_back(a);
    args.push_back(s_.Path("tree"));
    RunResult r = s_.Run(args);
    EXPECT_EQ(absl::StrJoin(Outcome(r), "\n"), absl::StrJoin(c.expected, "\n")) << c.Title();
    if (r.exit_code != 0) {
      EXPECT_EQ(r.exit_code, 2) << c.Title() << ": bad filters are usage errors";
    }
  }
  EXPECT_GT(checked, 60);
}

TEST_F(FilterCaseTest, DumpFiltersPrintsWhatRclonePrinted) {
  for (const optest::FilterCases::Case& c : cases_.cases) {
    if (c.kind != "dump") continue;
    std::vector<std::string> args = {"lsf", "--dump", "filters"};
    for (const std::string& a : Args(c)) args.push_back(a);
    args.push_back(s_.Path("helpers"));
    RunResult r = s_.Run(args);
    ASSERT_EQ(r.exit_code, 0) << c.Title() << r.err;
    std::string out = r.out.substr(0, r.out.find("--- end filters ---"));
    std::vector<std::string> lines = absl::StrSplit(out, '\n', absl::SkipEmpty());
    ASSERT_FALSE(lines.empty());
    EXPECT_EQ(lines.front(), "--- start filters ---");
    lines.erase(lines.begin());
    EXPECT_EQ(absl::StrJoin(lines, "\n"), absl::StrJoin(c.expected, "\n")) << c.Title();
  }
}

TEST_F(FilterCaseTest, LiveCrossCheckWithRclone) {
  if (!HaveRclone(s_)) GTEST_SKIP() << kNoRclone;
  for (const optest::FilterCases::Case& c : cases_.cases) {
    if (c.kind != "case") continue;
    std::vector<std::string> flags = Args(c);
    std::vector<std::string> fclone = {"lsf", "-R"}, rclone = {"rclone", "lsf", "-R"};
    fclone.insert(fclone.end(), flags.begin(), flags.end());
    rclone.insert(rclone.end(), flags.begin(), flags.end());
    fclone.push_back(s_.Path("tree"));
    rclone.push_back(s_.Path("tree"));
    EXPECT_EQ(absl::StrJoin(Outcome(s_.Run(fclone)), "\n"),
              absl::StrJoin(Outcome(Spawn(s_, rclone)), "\n"))
        << c.Title();
  }
}

class FilterSyncTest : public ::testing::Test {
 protected:
  // The source and destination trees of the rclone runs in tests/operations/filter_ops_test.cc,
  // plus a marker file and a size spread.
  void Fill(const std::string& dst) {
    s_.WriteAll(dst,
                {{"a.txt", "A"},
                 {"b.tmp", "bb"},
                 {"x.tmp", "x"},
                 {"y.txt", "y"},
                 {"d/c.tmp", "c"},
                 {"e/f.tmp", "f"},
                 {"keep/k.txt", "k"},
                 {"marked/old.txt", "o"}},
                kOld);
  }
  void SetUp() override {
    s_.Write("src/a.txt", "a", kNew);
    s_.Write("src/b.tmp", "b", kNew);
    s_.Write("src/d/c.tmp", "c", kOld);
    s_.Write("src/d/n.txt", "n", kNew);
    s_.Write("src/keep/k.txt", "k", kOld);
    s_.Write("src/big.bin", std::string(3000, 'z'), kNew);
    s_.Write("src/marked/.ignore", "", kNew);
    s_.Write("src/marked/m.txt", "m", kNew);
    s_.Write("list", "a.txt\nd/n.txt\nmissing.txt\n");
  }
  static constexpr int64_t kOld = 1420070400;
  static constexpr int64_t kNew = 1577934245;
  Scratch s_;
};

TEST_F(FilterSyncTest, SyncsLikeRclone) {
  if (!HaveRclone(s_)) GTEST_SKIP() << kNoRclone;
  const std::vector<std::vector<std::string>> flag_sets = {
      {"--exclude", "*.tmp"},
      {"--exclude", "*.tmp", "--delete-excluded"},
      {"--exclude", "keep/", "--delete-excluded"},
      {"--include", "*.txt"},
      {"--include", "/d/**", "--delete-excluded"},
      {"--max-size", "1k"},
      {"--min-size", "2b", "--delete-excluded"},
      {"--exclude-if-present", ".ignore"},
      {"--filter", "- d/**", "--filter", "+ *"},
      {"--files-from", s_.Path("list")},
      {"--max-age", "2019-01-01"},
  };
  for (const std::string command : {"sync", "copy"}) {
    for (size_t i = 0; i < flag_sets.size(); ++i) {
      std::string ours = "ours" + std::to_string(i) + command, theirs = "theirs" + std::to_string(i) + command;
      Fill(ours);
      Fill(theirs);
      std::vector<std::string> fclone = {command, s_.Path("src"), s_.Path(ours)};
      std::vector<std::string> rclone = {"rclone", command, s_.Path("src"), s_.Path(theirs)};
      fclone.insert(fclone.end(), flag_sets[i].begin(), flag_sets[i].end());
      rclone.insert(rclone.end(), flag_sets[i].begin(), flag_sets[i].end());
      RunResult a = s_.Run(fclone);
      RunResult b = Spawn(s_, rclone);
      std::string title = command + " " + absl::StrJoin(flag_sets[i], " ");
      EXPECT_EQ(a.exit_code, b.exit_code) << title << "\nfclone: " << a.err << "\nrclone: " << b.err;
      EXPECT_EQ(Entries(s_.dir() / ours), Entries(s_.dir() / theirs)) << title;
    }
  }
}

TEST(FilterFlagsTest, BadInputIsAUsageErrorWithAClearMessage) {
  Scratch s;
  s.Write("src/a.txt", "a");
  RunResult bad_glob = s.Run({"lsf", "--include", "{a", s.Path("src")});
  EXPECT_EQ(bad_glob.exit_code, 2);
  EXPECT_THAT(bad_glob.err,
              HasSubstr("Failed to load filters: mismatched '{' and '}' in glob \"{a\""));
  RunResult bad_size = s.Run({"lsf", "--max-size", "10X", s.Path("src")});
  EXPECT_EQ(bad_size.exit_code, 2);
  EXPECT_THAT(bad_size.err, HasSubstr("invalid argument \"10X\" for \"--max-size\" flag: bad "
                                      "suffix 'X'"));
  RunResult bad_age = s.Run({"lsf", "--max-age", "1d12h", s.Path("src")});
  EXPECT_EQ(bad_age.exit_code, 2);
  EXPECT_THAT(bad_age.err, HasSubstr("invalid argument \"1d12h\" for \"--max-age\" flag"));
  RunResult missing = s.Run({"sync", s.Path("src"), s.Path("dst"), "--filter-from",
                             s.Path("no-such-rules")});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_THAT(missing.err, HasSubstr("Failed to load filters: open " + s.Path("no-such-rules") +
                                     ": no such file or directory"));
  EXPECT_FALSE(s.Exists("dst")) << "nothing runs after a filter error";
  RunResult bad_rule = s.Run({"ls", "--filter", "x", s.Path("src")});
  EXPECT_EQ(bad_rule.exit_code, 2);
  EXPECT_THAT(bad_rule.err, HasSubstr("Failed to load filters: malformed rule \"x\""));
  RunResult dump = s.Run({"ls", "--dump", "headers,nonsense", s.Path("src")});
  EXPECT_EQ(dump.exit_code, 2);
  EXPECT_THAT(dump.err, HasSubstr("invalid argument \"headers,nonsense\" for \"--dump\" flag: "
                                  "unknown dump flag \"nonsense\""));
}

TEST(FilterFlagsTest, SingleFilePathsAndFilters) {
  Scratch s;
  s.Write("src/a.txt", "a");
  // As rclone: listing a single file under a filter is refused, copying one ignores the filter.
  RunResult ls = s.Run({"ls", s.Path("src/a.txt"), "--include", "x"});
  EXPECT_EQ(ls.exit_code, 1);
  EXPECT_THAT(ls.err, HasSubstr("can't limit to single files when using filters: " +
                                s.Path("src/a.txt")));
  RunResult copy = s.Run({"copy", s.Path("src/a.txt"), s.Path("dst"), "--include", "x"});
  EXPECT_EQ(copy.exit_code, 0) << copy.err;
  EXPECT_EQ(s.Read("dst/a.txt"), "a");
}

TEST(FilterFlagsTest, FlagsComeFromTheEnvironmentAndStdin) {
  Scratch s;
  s.Write("src/a.txt", "a");
  s.Write("src/b.tmp", "b");
  RunResult r = Spawn(s, {FCLONE_PATH, "lsf", s.Path("src")}, {"RCLONE_EXCLUDE=*.tmp"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "a.txt\n");
  RunResult from_stdin = s.Run({"lsf", "--include-from", "-", s.Path("src")}, "# comment\n*.tmp\n");
  EXPECT_EQ(from_stdin.exit_code, 0) << from_stdin.err;
  EXPECT_EQ(from_stdin.out, "b.tmp\n");
}

TEST(FilterFlagsTest, HelpListsTheFlags) {
  Scratch s;
  RunResult r = s.Run({"help", "flags"});
  ASSERT_EQ(r.exit_code, 0);
  for (const char* flag :
       {"--include stringArray", "--exclude stringArray", "--include-from stringArray",
        "--exclude-from stringArray", "-f, --filter stringArray", "--filter-from stringArray",
        "--files-from stringArray", "--files-from-raw stringArray", "--min-size SizeSuffix",
        "--max-size SizeSuffix", "--min-age Duration", "--max-age Duration",
        "--exclude-if-present string", "--ignore-case", "--delete-excluded",
        "--dump DumpFlags"}) {
    EXPECT_THAT(r.out, HasSubstr(flag));
  }
}

}  // namespace
}  // namespace fctest
