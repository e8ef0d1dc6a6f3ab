// The drop-in commands through the real binary on local trees, against live rclone runs: tree
// (every flag rclone 1.60 has, byte for byte), int flag spellings, hashsum/md5sum/sha1sum for every hash type,
// check -C / checksum / md5sum -C, rcat, cleanup, backend features, completion scripts. Needs
// rclone: without it these tests fail, saying that scripts/test installs it.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <map>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "absl/strings/str_split.h"
#include "tests/integration/fclone_runner.h"
#include "tests/integration/spawn_util.h"

namespace fctest {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

constexpr int64_t kOld = 1420070400;
constexpr int64_t kNew = 1577934245;

// Files of distinct sizes and times (so size and time sorts have no ties), hidden entries,
// names the colour rules pick out, an empty directory and a few levels.
void FillTree(const Scratch& s, const std::string& root) {
  s.Write(root + "/a.txt", "hello\n", kNew);
  s.Write(root + "/c", "x", kOld);
  s.Write(root + "/.dot", "dotdot", kNew + 5);
  s.Write(root + "/.hid/x", "hidden!", kNew + 6);
  s.Write(root + "/sub/b.txt", "world!!!\n", kNew + 1);
  s.Write(root + "/sub/deep/z", "zzzzzzzzzzzzzz", kNew + 2);
  s.Write(root + "/sub/deep/er/most.gz", "0123456789abcdefghij", kNew + 3);
  s.Write(root + "/pic.jpg", "jpgjpgjpgjpgjpgjpgjpgjpgjpgjpgj", kNew + 4);
  s.Write(root + "/pic.jpeg", "jpegjpegjpegjpegjpegjpegjpegjpegjpegjpeg!", kNew + 7);
  s.Write(root + "/run.exe", "MZ", kNew + 8);
  s.Write(root + "/q\"uo te", "quoted name........", kNew + 9);
  fs::create_directories(s.dir() / root / "empty");
}

class CommandsLikeRcloneTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!HaveRclone(s_)) GTEST_FAIL() << kRcloneRequired;
    FillTree(s_, "t");
  }
  // Both tools with the same arguments: exit codes, and stdout byte for byte.
  void Same(const std::vector<std::string>& args, bool sort_lines = false) {
    std::string title = absl::StrJoin(args, " ");
    RunResult ours = s_.Run(args);
    std::vector<std::string> rclone = args;
    rclone.insert(rclone.begin(), "rclone");
    RunResult theirs = Spawn(s_, rclone);
    EXPECT_EQ(ours.exit_code, theirs.exit_code)
        << title << "\nfclone: " << ours.err << "\nrclone: " << theirs.err;
    if (sort_lines) {
      EXPECT_EQ(ComparableLines(ours.out), ComparableLines(theirs.out)) << title;
    } else {
      EXPECT_EQ(ours.out, theirs.out) << title;
    }
  }
  Scratch s_;
};

TEST_F(CommandsLikeRcloneTest, TreePrintsWhatRclonePrints) {
  const std::vector<std::vector<std::string>> flag_sets = {
      {},          {"-a"},          {"-d"},          {"-s"},          {"-D"},
      {"-p"},      {"-Q"},          {"-C"},          {"--full-path"}, {"--noindent"},
      {"--noreport"}, {"--dirsfirst"}, {"-t"},       {"--sort-ctime"}, {"-r"},
      {"--sort", "size"}, {"--sort", "mtime"}, {"--sort", "name"}, {"--level", "1"},
      {"--level", "2", "-s"}, {"-d", "--level", "2"}, {"-s", "-D", "-p", "-Q", "-a"},
      {"--dirsfirst", "-r", "-a"}, {"-a", "-s", "-d"}, {"-C", "-Q", "--full-path"},
      {"--max-depth", "2", "-s"}, {"--exclude", "*.txt"},
  };
  for (const auto& flags : flag_sets) {
    std::vector<std::string> args = {"tree", s_.Path("t")};
    args.insert(args.end(), flags.begin(), flags.end());
    Same(args);
  }
  Same({"tree", s_.Path("t/sub")});
  Same({"tree", s_.Path("t/a.txt")});
  Same({"tree", s_.Path("t/empty")});
  Same({"tree", s_.Path("t/missing")});
}

// Int flags read numbers as rclone's pflag does (Go's ParseInt base 0): "010" is octal 8, 0x
// and 0b prefixes, `_` separators, values past 32 bits; a bad one is refused with rclone's
// error line (exit 2 for a usage error, current rclone's code; 1.60 exits 1).
TEST_F(CommandsLikeRcloneTest, IntFlagsReadNumbersAsRcloneDoes) {
  for (const char* depth : {"010", "0x2", "0b11", "1_0", "+2", "99999999999", "-1"}) {
    Same({"lsf", "-R", "--max-depth", depth, s_.Path("t")}, true);
  }
  for (const char* bad : {"08", "2.0", "0x", "1__0", "99999999999999999999"}) {
    const std::vector<std::string> args = {"lsf", "-R", "--max-depth", bad, s_.Path("t")};
    RunResult ours = s_.Run(args);
    RunResult theirs = Spawn(s_, {"rclone", "lsf", "-R", "--max-depth", bad, s_.Path("t")});
    ASSERT_NE(theirs.exit_code, 0) << bad;
    EXPECT_EQ(ours.exit_code, 2) << bad;
    EXPECT_EQ(ours.out, "") << bad;
    const std::string first_line = theirs.err.substr(0, theirs.err.find('\n') + 1);
    EXPECT_THAT(first_line, HasSubstr("Error: invalid argument")) << theirs.err;
    EXPECT_THAT(ours.err, HasSubstr(first_line)) << bad;
  }
}

// --bwlimit timetables: both tools start with the same slot (their "Starting bandwidth limiter"
// line, or none when the slot in force is off) and refuse the same tables. The slots are set
// hours or days away from now, in local time as both tools read it, so no boundary falls
// between the two runs.
TEST_F(CommandsLikeRcloneTest, BwLimitTimetablesStartInTheSameSlot) {
  const absl::TimeZone::CivilInfo now = absl::LocalTimeZone().At(absl::Now());
  auto hhmm = [&](int hours_from_now) {
    const absl::CivilHour h = absl::CivilHour(now.cs) + hours_from_now;
    return absl::StrFormat("%02d:%02d", h.hour(), 30);
  };
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  const int today = (static_cast<int>(absl::GetWeekday(absl::CivilDay(now.cs))) + 1) % 7;
  auto day = [&](int from_today) { return std::string(kDays[(today + from_today + 7) % 7]); };
  const std::vector<std::string> tables = {
      hhmm(-2) + ",1M " + hhmm(2) + ",2M",
      hhmm(2) + ",1M " + hhmm(-2) + ",2M",
      hhmm(-3) + ",512k:1M " + hhmm(3) + ",off",
      hhmm(-3) + ",off " + hhmm(3) + ",4M",
      day(-1) + "-12:00,3M " + day(1) + "-00:00,off",
      day(1) + "-10:00,2M " + day(2) + "-10:00,1M",
      day(2) + "-10:00,1M " + day(1) + "-10:00,2M",
      "monday-08:00,1M sunday-08:00,2M",
      day(0) + "-00:00,1536k",
      "3M:off",
  };
  auto limiter_lines = [](const std::string& err) {  // from the level on: no dates
    std::string lines;
    for (absl::string_view line : absl::StrSplit(err, '\n')) {
      if (!absl::StrContains(line, "bandwidth")) continue;
      const size_t level = line.find("INFO");
      absl::StrAppend(&lines, line.substr(level == absl::string_view::npos ? 0 : level), "\n");
    }
    return lines;
  };
  int limited = 0;
  for (const std::string& table : tables) {
    RunResult ours = s_.Run({"lsf", "-vv", "--bwlimit", table, s_.Path("t/sub")});
    RunResult theirs = Spawn(s_, {"rclone", "lsf", "-vv", "--bwlimit", table, s_.Path("t/sub")});
    ASSERT_EQ(theirs.exit_code, 0) << table << theirs.err;
    EXPECT_EQ(ours.exit_code, 0) << table << ours.err;
    EXPECT_EQ(limiter_lines(ours.err), limiter_lines(theirs.err)) << table;
    if (!limiter_lines(theirs.err).empty()) ++limited;
  }
  EXPECT_GE(limited, 7) << "tables 1, 2 and 6 to 10 limit at any time";
  for (const std::string bad : {"Xyz-08:00,1M", "8:00,1M", "08:00,1M,2M", "08:00,1M  09:00,2M"}) {
    RunResult ours = s_.Run({"lsf", "--bwlimit", bad, s_.Path("t/sub")});
    RunResult theirs = Spawn(s_, {"rclone", "lsf", "--bwlimit", bad, s_.Path("t/sub")});
    ASSERT_NE(theirs.exit_code, 0) << bad;
    EXPECT_EQ(ours.exit_code, 2) << bad;
    const std::string first_line = theirs.err.substr(0, theirs.err.find('\n') + 1);
    EXPECT_THAT(ours.err, HasSubstr(first_line)) << bad;
  }
}

// --disable: the same "Reset feature" lines (names trimmed, any case, unknown ones ignored),
// and `--disable help` lists rclone's feature names and fails (exit 1) as rclone does.
TEST_F(CommandsLikeRcloneTest, DisableResetsTheSameFeatures) {
  auto reset_lines = [](const std::string& err) {
    std::string lines;
    for (absl::string_view line : absl::StrSplit(err, '\n')) {
      const size_t at = line.find("DEBUG : Reset feature");
      if (at != absl::string_view::npos) absl::StrAppend(&lines, line.substr(at), "\n");
    }
    return lines;
  };
  for (const std::string names : {" ListR , copy,bogus", "MOVE,DirMove,ChangeNotify", ""}) {
    RunResult ours = s_.Run({"lsf", "-vv", "--disable", names, s_.Path("t/sub")});
    RunResult theirs = Spawn(s_, {"rclone", "lsf", "-vv", "--disable", names, s_.Path("t/sub")});
    EXPECT_EQ(ours.exit_code, theirs.exit_code) << names;
    EXPECT_EQ(ours.out, theirs.out) << names;
    EXPECT_EQ(reset_lines(ours.err), reset_lines(theirs.err)) << names;
  }
  RunResult ours = s_.Run({"lsf", "--disable", "help", s_.Path("t/sub")});
  RunResult theirs = Spawn(s_, {"rclone", "lsf", "--disable", "help", s_.Path("t/sub")});
  EXPECT_EQ(ours.exit_code, 1);
  EXPECT_EQ(theirs.exit_code, 1);
  EXPECT_EQ(ours.out, "");
  const std::string list = theirs.err.substr(theirs.err.find("Possible backend features"));
  EXPECT_THAT(ours.err, HasSubstr(list));
}

// -x/--one-file-system (local): directories on another device than the root are left out.
// "/" always has /proc below it on another file system.
TEST_F(CommandsLikeRcloneTest, OneFileSystemLeavesOutOtherDevices) {
  for (const char* flag : {"-x", "--one-file-system", "--one-file-system=false"}) {
    Same({"lsf", flag, "--max-depth", "1", "/"}, true);
  }
  EXPECT_THAT(s_.Run({"lsf", "--max-depth", "1", "/"}).out, HasSubstr("proc/\n"));
  EXPECT_THAT(s_.Run({"lsf", "-x", "--max-depth", "1", "/"}).out,
              ::testing::Not(HasSubstr("proc/\n")));
}

TEST_F(CommandsLikeRcloneTest, TreeOutputFile) {
  RunResult r = s_.Run({"tree", s_.Path("t"), "-o", s_.Path("tree.txt")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "");
  RunResult theirs = Spawn(s_, {"rclone", "tree", s_.Path("t")});
  EXPECT_EQ(s_.Read("tree.txt"), theirs.out);
}

TEST_F(CommandsLikeRcloneTest, HashesOfEveryTypeAreRclones) {
  for (const std::string type : {"md5", "sha1", "whirlpool", "crc32", "sha256"}) {
    Same({"hashsum", type, s_.Path("t")}, true);
    Same({"hashsum", type, s_.Path("t"), "--base64"}, true);
    Same({"hashsum", type, s_.Path("t"), "--download"}, true);
    Same({"hashsum", type, s_.Path("t/a.txt")});
  }
  Same({"md5sum", s_.Path("t")}, true);
  Same({"sha1sum", s_.Path("t")}, true);
  Same({"md5sum", s_.Path("t"), "--max-depth", "1"}, true);
  Same({"hashsum", "MD5", s_.Path("t/c")});
  // An unknown type: rclone's exit code and list (of fewer types: fclone computes five).
  RunResult unknown = s_.Run({"hashsum", "nosuch", s_.Path("t")});
  EXPECT_EQ(unknown.exit_code, Spawn(s_, {"rclone", "hashsum", "nosuch", s_.Path("t")}).exit_code);
  EXPECT_THAT(unknown.out, HasSubstr("Supported hashes are:\n  * md5\n"));
  EXPECT_THAT(unknown.err, HasSubstr("unknown hash type \"nosuch\""));
}

TEST_F(CommandsLikeRcloneTest, HashOfStdin) {
  for (const std::string cmd : {"md5sum", "sha1sum"}) {
    RunResult ours = s_.Run({cmd}, "some input\n");
    RunResult theirs = Spawn(s_, {"sh", "-c", "printf 'some input\\n' | rclone " + cmd});
    EXPECT_EQ(ours.out, theirs.out) << cmd;
  }
  RunResult ours = s_.Run({"hashsum", "crc32", "-"}, "abc");
  EXPECT_EQ(ours.out, "352441c2  -\n");
}

TEST_F(CommandsLikeRcloneTest, OutputFileHoldsTheSums) {
  RunResult ours = s_.Run({"md5sum", s_.Path("t"), "--output-file", s_.Path("ours.md5")});
  ASSERT_EQ(ours.exit_code, 0) << ours.err;
  EXPECT_EQ(ours.out, "");
  RunResult theirs = Spawn(s_, {"rclone", "md5sum", s_.Path("t")});
  EXPECT_EQ(ComparableLines(s_.Read("ours.md5")), ComparableLines(theirs.out));
}

TEST_F(CommandsLikeRcloneTest, SumFileChecksMatchRclone) {
  // A SUM file with a match, a wrong sum, a line for a missing file, and no line for others.
  RunResult sums = s_.Run({"md5sum", s_.Path("t")});
  ASSERT_EQ(sums.exit_code, 0);
  std::string text;
  for (absl::string_view line : absl::StrSplit(sums.out, '\n', absl::SkipEmpty())) {
    std::string l(line);
    if (l.ends_with("  c")) l = "0123456789abcdef0123456789abcdef  c";
    if (l.ends_with("  run.exe")) continue;
    text += l + "\n";
  }
  text += "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa  missing\nnot a sum line\n";
  s_.Write("sums.md5", text);
  s_.Write("good.md5", sums.out);
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {"check", "-C", "md5", s_.Path("sums.md5"), s_.Path("t"), "--combined", "-"},
           {"check", "-C", "md5", s_.Path("good.md5"), s_.Path("t")},
           {"checksum", "md5", s_.Path("sums.md5"), s_.Path("t"), "--combined", "-"},
           {"checksum", "md5", s_.Path("sums.md5"), s_.Path("t"), "--one-way", "--combined", "-"},
           {"checksum", "md5", s_.Path("good.md5"), s_.Path("t"), "--download"},
           {"md5sum", "-C", s_.Path("sums.md5"), s_.Path("t")},
           {"hashsum", "md5", "-C", s_.Path("good.md5"), s_.Path("t")},
       }) {
    Same(args, true);
  }
}

TEST_F(CommandsLikeRcloneTest, RcatWritesStdinToLocalFiles) {
  std::string big = RandomBytes(3 << 20, 7);
  for (const std::string& data : {std::string("abcd"), big}) {
    RunResult r = s_.Run({"rcat", s_.Path("out/f")}, data);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(s_.Read("out/f"), data);
  }
  RunResult sized = s_.Run({"rcat", "--size", "4", s_.Path("out/g")}, "wxyz");
  ASSERT_EQ(sized.exit_code, 0) << sized.err;
  EXPECT_EQ(s_.Read("out/g"), "wxyz");
  RunResult empty = s_.Run({"rcat", s_.Path("out/empty")}, "");
  EXPECT_EQ(empty.exit_code, 0) << empty.err;
  EXPECT_EQ(s_.Read("out/empty"), "");
}

TEST_F(CommandsLikeRcloneTest, CleanupAndBackendFeaturesAnswerAsRclone) {
  Same({"cleanup", s_.Path("t")});
  RunResult ours = s_.Run({"cleanup", s_.Path("t")});
  EXPECT_THAT(ours.err, HasSubstr("doesn't support cleanup"));
  // Same keys in the same order as rclone's answer; values are fclone's own.
  auto keys = [](const std::string& json) {
    std::vector<std::string> out;
    for (absl::string_view line : absl::StrSplit(json, '\n')) {
      size_t colon = line.find("\":");
      if (colon != absl::string_view::npos) out.emplace_back(line.substr(0, colon));
    }
    return out;
  };
  RunResult features = s_.Run({"backend", "features", s_.Path("t")});
  ASSERT_EQ(features.exit_code, 0) << features.err;
  RunResult theirs = Spawn(s_, {"rclone", "backend", "features", s_.Path("t")});
  std::vector<std::string> our_keys = keys(features.out);
  std::vector<std::string> their_keys = keys(theirs.out.substr(0, theirs.out.find("MetadataInfo")));
  our_keys.resize(std::min(our_keys.size(), their_keys.size()));
  EXPECT_EQ(our_keys, their_keys);
  EXPECT_THAT(features.out, HasSubstr("\"PutStream\": true"));
  EXPECT_THAT(features.out, HasSubstr("\t\"Hashes\": [\n\t\t\"md5\",\n\t\t\"sha1\",\n"));
  // The same value for every feature, but those of rclone's local backend fclone's lacks
  // (metadata, backend commands, filter-aware listings).
  auto values = [](const std::string& json) {
    std::map<std::string, std::string> out;
    const size_t start = json.find("\"Features\"");
    for (absl::string_view line : absl::StrSplit(json.substr(start, json.find('}', start) - start),
                                                 '\n')) {
      const size_t colon = line.find("\": ");
      if (colon != absl::string_view::npos && line.find("\"Features\"") == absl::string_view::npos) {
        out[std::string(absl::StripAsciiWhitespace(line.substr(0, colon)))] =
            std::string(line.substr(colon + 3));
      }
    }
    return out;
  };
  const std::map<std::string, std::string> our_values = values(features.out);
  const std::map<std::string, std::string> rclones = values(theirs.out);
  ASSERT_EQ(our_values.size(), 38u) << features.out;
  for (const auto& [key, value] : rclones) {
    if (absl::StrContains("\"Command\"\"FilterAware\"\"ReadMetadata\"\"UserMetadata\""
                          "\"WriteMetadata\"", key)) {
      continue;
    }
    EXPECT_EQ(our_values.count(key) ? our_values.at(key) : "missing", value) << key;
  }
  Same({"backend", "nosuch", s_.Path("t")});
}

TEST_F(CommandsLikeRcloneTest, CompletionScriptsComeFromTheCommandTable) {
  for (const std::string shell : {"bash", "zsh", "fish"}) {
    RunResult r = s_.Run({"completion", shell});
    ASSERT_EQ(r.exit_code, 0) << shell << r.err;
    for (const char* word : {"rcat", "tree", "md5sum", "checksum", "dirsfirst", "checkfile"}) {
      EXPECT_THAT(r.out, HasSubstr(word)) << shell;
    }
    RunResult alias = s_.Run({"genautocomplete", shell, "-"});
    EXPECT_EQ(alias.out, r.out) << shell;
  }
  EXPECT_EQ(s_.Run({"completion", "tcsh"}).exit_code, 2);
  // bash really completes with it.
  RunResult script = s_.Run({"genautocomplete", "bash", s_.Path("fclone.bash")});
  ASSERT_EQ(script.exit_code, 0) << script.err;
  RunResult done = Spawn(
      s_, {"bash", "-c",
           "source " + s_.Path("fclone.bash") +
               " && COMP_WORDS=(fclone tr) COMP_CWORD=1 && _fclone && echo \"${COMPREPLY[*]}\""
               " && COMP_WORDS=(fclone tree --dirs) COMP_CWORD=2 && _fclone && "
               "echo \"${COMPREPLY[*]}\""});
  EXPECT_EQ(done.out, "tree\n--dirs-only --dirsfirst\n") << done.err;
}

}  // namespace
}  // namespace fctest
