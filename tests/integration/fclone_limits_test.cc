// --max-transfer / --cutoff-mode and --bwlimit through the real binary: exit code 8, rclone's
// messages, which files arrive (compared with a live rclone run of the same copy when rclone
// is installed), and a bandwidth-limited copy taking about the expected time with every byte
// intact.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>

#include "tests/integration/fclone_runner.h"
#include "tests/integration/spawn_util.h"

namespace fctest {
namespace {

using ::testing::HasSubstr;

// Incompressible-looking content (a linear congruential sequence).
std::string Noise(size_t n, uint32_t seed) {
  std::string out;
  out.reserve(n);
  for (uint32_t x = seed; out.size() < n;) {
    x = x * 1664525u + 1013904223u;
    out.push_back(static_cast<char>(x >> 24));
  }
  return out;
}

class MaxTransferTest : public ::testing::TestWithParam<const char*> {
 protected:
  void SetUp() override {
    for (int i = 1; i <= 6; ++i) s_.Write("src/f" + std::to_string(i), Noise(100000, i));
  }
  std::vector<std::string> Args(const std::string& dst) {
    return {"copy", s_.Path("src"), s_.Path(dst), "--max-transfer", "250K", "--cutoff-mode",
            GetParam(), "--transfers", "1"};
  }
  Scratch s_;
};

TEST_P(MaxTransferTest, StopsWithExitCode8AndRclonesFiles) {
  RunResult r = s_.Run(Args("dst"));
  EXPECT_EQ(r.exit_code, 8) << r.err;
  EXPECT_THAT(r.err, HasSubstr("max transfer limit reached as set by --max-transfer"));
  const std::string mode = GetParam();
  if (mode == "hard") {
    EXPECT_THAT(r.err, HasSubstr("ERROR : Fatal error received - not attempting retries"));
  } else {
    EXPECT_THAT(r.err, HasSubstr("NOTICE: max transfer limit reached as set by --max-transfer - "
                                 "stopping transfers"));
    EXPECT_THAT(r.err, HasSubstr("Can't retry any of the errors - not attempting retries"));
  }
  std::map<std::string, std::string> got = ReadTree(s_.dir() / "dst");
  std::map<std::string, std::string> src = ReadTree(s_.dir() / "src");
  for (const auto& [name, content] : got) EXPECT_EQ(content, src[name]) << name << " intact";
  // rclone 1.60.1 on the same files: hard f1 f2, soft f1 f2 f3, cautious f1 f2.
  EXPECT_EQ(got.size(), mode == "soft" ? 3u : 2u);
  if (!HaveRclone(s_)) GTEST_SKIP() << kNoRclone;
  std::vector<std::string> args = Args("theirs");
  args.insert(args.begin(), "rclone");
  RunResult theirs = Spawn(s_, args);
  EXPECT_EQ(theirs.exit_code, 8) << theirs.err;
  std::map<std::string, std::string> rclone_got = ReadTree(s_.dir() / "theirs");
  EXPECT_EQ(got, rclone_got);
}

INSTANTIATE_TEST_SUITE_P(Modes, MaxTransferTest, ::testing::Values("hard", "soft", "cautious"));

TEST(MaxTransferFlagsTest, BadValuesAreUsageErrors) {
  Scratch s;
  s.Write("src/a", "a");
  RunResult mode = s.Run({"copy", s.Path("src"), s.Path("dst"), "--cutoff-mode", "bogus"});
  EXPECT_EQ(mode.exit_code, 2);
  EXPECT_THAT(mode.err, HasSubstr("invalid argument \"bogus\" for \"--cutoff-mode\" flag: "
                                  "unknown cutoff mode \"bogus\""));
  RunResult size = s.Run({"copy", s.Path("src"), s.Path("dst"), "--max-transfer", "1KB"});
  EXPECT_EQ(size.exit_code, 2);
  RunResult timetable = s.Run({"copy", s.Path("src"), s.Path("dst"), "--bwlimit",
                               "08:00,512k 18:00"});
  EXPECT_EQ(timetable.exit_code, 2);
  EXPECT_THAT(timetable.err, HasSubstr("invalid time/bandwidth specification: \"18:00\""));
  EXPECT_FALSE(s.Exists("dst"));
}

TEST(MaxTransferFlagsTest, ZeroStopsBeforeAnything) {
  Scratch s;
  s.Write("src/a", "abc");
  RunResult r = s.Run({"copy", s.Path("src"), s.Path("dst"), "--max-transfer", "0"});
  EXPECT_EQ(r.exit_code, 8) << r.err;
  EXPECT_FALSE(s.Exists("dst/a"));
}

double SecondsFor(const Scratch& s, const std::vector<std::string>& args, RunResult* r) {
  auto start = std::chrono::steady_clock::now();
  *r = s.Run(args);
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Copies src to dst, two transfers at once, with `flags`: the seconds it took (the copy checked).
double TimedCopy(const Scratch& s, const std::vector<std::string>& flags) {
  std::vector<std::string> args = {"copy", s.Path("src"), s.Path("dst"), "--transfers", "2"};
  args.insert(args.end(), flags.begin(), flags.end());
  RunResult r;
  const double secs = SecondsFor(s, args, &r);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(ReadTree(s.dir() / "dst"), ReadTree(s.dir() / "src"));
  return secs;
}

// A behaviour check, not a benchmark: 1.5 MiB at 512 KiB/s is 3 s, so it cannot finish much
// sooner; how much later is the machine's business.
TEST(BwLimitFlagsTest, ACopyTakesAboutTheExpectedTimeWithBytesIntact) {
  Scratch s;
  s.Write("src/a", Noise(1 << 20, 7));
  s.Write("src/sub/b", Noise(512 << 10, 8));
  EXPECT_GE(TimedCopy(s, {"--bwlimit", "512K"}), 2.4) << "two transfers share the limit";
}

// Only lower bounds on time: a direction that must not be limited is given 1 KiB/s, so a run
// wrongly limited would outlast the test's timeout rather than a timing threshold.
TEST(BwLimitFlagsTest, UpDownPairAppliesByDirection) {
  Scratch s;
  s.Write("src/a", Noise(512 << 10, 9));
  RunResult r;
  // Local to local is neither an upload nor a download.
  SecondsFor(s, {"copy", s.Path("src"), s.Path("dst"), "--bwlimit", "1K:off"}, &r);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // To a remote (memory) it is an upload: 512 KiB at 256 KiB/s.
  double up = SecondsFor(s, {"copy", s.Path("src"), ":memory:bw", "--bwlimit", "256K:off"}, &r);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_GE(up, 1.6);
  // DOWN does not limit an upload.
  SecondsFor(s, {"copy", s.Path("src"), ":memory:bw2", "--bwlimit", "off:1K"}, &r);
  ASSERT_EQ(r.exit_code, 0) << r.err;
}

// --bwlimit-file: each file at the rate on its own, so two files at once take as long as one.
// One rate applies to every transfer, local to local too.
TEST(BwLimitFlagsTest, PerFileLimitAppliesToEachFile) {
  Scratch s;
  s.Write("src/a", Noise(512 << 10, 10));
  s.Write("src/b", Noise(512 << 10, 11));
  EXPECT_GE(TimedCopy(s, {"--bwlimit-file", "256K"}), 1.6) << "each file: 512 KiB at 256 KiB/s";
  RunResult bad = s.Run({"copy", s.Path("src"), s.Path("dst2"), "--bwlimit-file",
                         "08:00,512k 18:00"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_THAT(bad.err, HasSubstr("invalid argument \"08:00,512k 18:00\" for \"--bwlimit-file\" "
                                 "flag: invalid time/bandwidth specification: \"18:00\""));
}

}  // namespace
}  // namespace fctest
