// --max-depth through the real binary, against live rclone runs on the same local trees: every
// command that walks, at depths 0 (walks: unlimited; marches: 1) to 3, with filters and
// --delete-excluded. Trees (files and directories, both sides) and outputs must match. Needs
// rclone: without it these tests fail, saying that scripts/test installs it.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <regex>

#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "tests/integration/fclone_runner.h"
#include "tests/integration/spawn_util.h"

namespace fctest {
namespace {

namespace fs = std::filesystem;

constexpr int kDepths[] = {0, 1, 2, 3};
constexpr int64_t kOld = 1420070400;
constexpr int64_t kNew = 1577934245;

// A source with a file at each depth (one line each, so cat's output sorts), empty
// directories at depths 1 and 2.
void FillSource(const Scratch& s, const std::string& root) {
  s.WriteAll(root,
             {{"a.txt", "a\n"},
              {"d1/b.txt", "b\n"},
              {"d1/d2/c.txt", "c\n"},
              {"d1/d2/d3/e.txt", "e\n"},
              {"x/y.txt", "y\n"}},
             kNew);
  fs::create_directories(s.dir() / root / "empty1");
  fs::create_directories(s.dir() / root / "d1/empty2");
}

// A destination with a changed file, an extra file at each depth and a destination-only tree.
void FillDestination(const Scratch& s, const std::string& root) {
  s.WriteAll(root,
             {{"a.txt", "old"},
              {"extra1.txt", "X1"},
              {"d1/extra2.txt", "X2"},
              {"d1/d2/extra3.txt", "X3"},
              {"d1/d2/d3/extra4.txt", "X4"},
              {"z/z.txt", "z"},
              {"z/zz/zz.txt", "zz"}},
             kOld);
}


class MaxDepthLikeRcloneTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!HaveRclone(s_)) GTEST_FAIL() << kRcloneRequired;
  }
  Scratch s_;
};

// copy/sync/move: what each tool leaves on both sides.
TEST_F(MaxDepthLikeRcloneTest, TransfersLeaveTheTreesRcloneLeaves) {
  const std::vector<std::vector<std::string>> commands = {
      {"sync"},
      {"copy"},
      {"move"},
      {"sync", "--create-empty-src-dirs"},
      {"copy", "--create-empty-src-dirs"},
      {"move", "--delete-empty-src-dirs"},
      {"sync", "--delete-before"},
      {"sync", "--delete-during"},
      {"sync", "--exclude", "d2/**"},
      {"sync", "--delete-excluded"},
      {"sync", "--delete-excluded", "--exclude", "d2/**"},
      {"sync", "--delete-excluded", "--include", "*.txt", "--exclude", "z/**"},
  };
  int run = 0;
  for (const std::vector<std::string>& command : commands) {
    for (int depth : kDepths) {
      std::string title = absl::StrJoin(command, " ") + " --max-depth " + std::to_string(depth);
      std::string n = std::to_string(run++);
      for (const std::string& side : {"ours" + n, "theirs" + n}) {
        FillSource(s_, side + "/src");
        FillDestination(s_, side + "/dst");
      }
      auto args = [&](const std::string& side) {
        std::vector<std::string> a = command;
        a.insert(a.end(), {"--max-depth", std::to_string(depth), s_.Path(side + "/src"),
                           s_.Path(side + "/dst")});
        return a;
      };
      std::vector<std::string> rclone = args("theirs" + n);
      rclone.insert(rclone.begin(), "rclone");
      RunResult ours = s_.Run(args("ours" + n));
      RunResult theirs = Spawn(s_, rclone);
      EXPECT_EQ(ours.exit_code, theirs.exit_code)
          << title << "\nfclone: " << ours.err << "\nrclone: " << theirs.err;
      EXPECT_EQ(Entries(s_.dir() / ("ours" + n) / "dst"),
                Entries(s_.dir() / ("theirs" + n) / "dst"))
          << title;
      EXPECT_EQ(Entries(s_.dir() / ("ours" + n) / "src"),
                Entries(s_.dir() / ("theirs" + n) / "src"))
          << title;
    }
  }
}

// The commands that only read: the same lines on stdout and stderr (check's report included).
TEST_F(MaxDepthLikeRcloneTest, ReadingCommandsPrintWhatRclonePrints) {
  FillSource(s_, "src");
  FillDestination(s_, "dst");
  const std::string src = s_.Path("src"), dst = s_.Path("dst");
  const std::vector<std::vector<std::string>> commands = {
      {"ls", src},
      {"lsl", src},
      {"lsd", src},
      {"lsd", "-R", src},
      {"lsf", src},
      {"lsf", "-R", src},
      {"lsf", "-R", "--exclude", "d2/**", src},
      {"lsjson", src},
      {"lsjson", "-R", src},
      {"size", src},
      {"size", "--json", "--exclude", "b.txt", src},
      {"hashsum", "whirlpool", src},
      {"cat", src},
      {"check", src, dst},
      {"check", "--one-way", src, dst},
  };
  for (const std::vector<std::string>& command : commands) {
    for (int depth : kDepths) {
      std::vector<std::string> args = command;
      args.insert(args.begin() + 1, {"--max-depth", std::to_string(depth)});
      std::vector<std::string> rclone = args;
      rclone.insert(rclone.begin(), "rclone");
      std::string title = absl::StrJoin(args, " ");
      RunResult ours = s_.Run(args);
      RunResult theirs = Spawn(s_, rclone);
      EXPECT_EQ(ours.exit_code, theirs.exit_code) << title << "\n" << ours.err << theirs.err;
      EXPECT_EQ(ComparableLines(ours.out), ComparableLines(theirs.out)) << title;
      if (command[0] == "check") {
        EXPECT_EQ(ComparableLines(ours.err), ComparableLines(theirs.err)) << title;
      }
    }
  }
}

// delete and touch -R change what they walked and nothing below.
TEST_F(MaxDepthLikeRcloneTest, DeleteAndTouchStopWhereRcloneStops) {
  for (const std::string command : {"delete", "touch"}) {
    for (int depth : kDepths) {
      std::string title = command + " --max-depth " + std::to_string(depth);
      std::string ours = "ours-" + command + std::to_string(depth);
      std::string theirs = "theirs-" + command + std::to_string(depth);
      FillSource(s_, ours);
      FillSource(s_, theirs);
      auto args = [&](const std::string& root) {
        std::vector<std::string> a = {command, "--max-depth", std::to_string(depth)};
        if (command == "touch") a.insert(a.end(), {"-R", "-t", "2021-01-01T00:00:00"});
        a.push_back(s_.Path(root));
        return a;
      };
      std::vector<std::string> rclone = args(theirs);
      rclone.insert(rclone.begin(), "rclone");
      EXPECT_EQ(s_.Run(args(ours)).exit_code, Spawn(s_, rclone).exit_code) << title;
      // Entries, each file marked when touch moved its mod time off kNew.
      auto state = [&](const std::string& root) {
        std::vector<std::string> out = Entries(s_.dir() / root);
        for (std::string& e : out) {
          if (e.back() == '/') continue;
          struct stat st;
          std::string path = (s_.dir() / root / e.substr(0, e.find(' '))).string();
          if (stat(path.c_str(), &st) == 0 && st.st_mtime != kNew) e += " touched";
        }
        return out;
      };
      EXPECT_EQ(state(ours), state(theirs)) << title;
    }
  }
}

}  // namespace
}  // namespace fctest
