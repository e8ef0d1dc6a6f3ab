// The drop-in check: fclone and rclone 1.60 run over the same generated local trees with the
// same flags, and print the same thing (ls, lsl, lsd, lsf with every --format letter, --hash,
// --dirs-only, --max-depth, lsjson, size --json/--max-depth; recursive listings may differ
// only in line order) and leave the same trees (sync/copy with --backup-dir, --suffix,
// --track-renames, --compare-dest, --immutable, ...). Needs rclone: without it these tests
// fail, saying that scripts/test installs it.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "tests/integration/fclone_runner.h"
#include "tests/integration/spawn_util.h"

namespace fctest {
namespace {

namespace fs = std::filesystem;

// A reproducible tree: nested directories (one empty), files of 0 to a few KiB with spaces,
// dots and non-ASCII in their names, mod times spread over years.
void GenerateTree(const Scratch& s, const std::string& root, unsigned seed) {
  std::mt19937 rng(seed);
  const std::vector<std::string> dirs = {"", "a", "a/b", "a/b/c", "sp ace", "ünï"};
  const std::vector<std::string> names = {"x.txt", "photo.JPG", "archive.tar.gz", "noext",
                                          ".hidden", "dash-file.md", "ñame.bin"};
  for (const std::string& dir : dirs) {
    int files = 1 + static_cast<int>(rng() % 3);
    for (int i = 0; i < files; ++i) {
      std::string name = names[rng() % names.size()];
      std::string rel = dir.empty() ? name : dir + "/" + name;
      size_t size = rng() % 4 == 0 ? 0 : rng() % 5000;
      s.Write(root + "/" + rel, RandomBytes(size, rng()), 1400000000 + rng() % 200000000);
    }
  }
  fs::create_directories(s.dir() / root / "empty");
}

class CrossCheckTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!HaveRclone(s_)) GTEST_FAIL() << kRcloneRequired;
  }
  // Runs both tools; their exit codes and (order-free) outputs must match.
  void ExpectSameOutput(std::vector<std::string> args) {
    std::string title = absl::StrJoin(args, " ");
    RunResult ours = s_.Run(args);
    args.insert(args.begin(), "rclone");
    RunResult theirs = Spawn(s_, args);
    EXPECT_EQ(ours.exit_code, theirs.exit_code) << title << "\nfclone: " << ours.err
                                                << "\nrclone: " << theirs.err;
    EXPECT_EQ(ComparableLines(ours.out), ComparableLines(theirs.out)) << title;
  }
  Scratch s_;
};

TEST_F(CrossCheckTest, ListingsPrintWhatRclonePrints) {
  for (unsigned seed : {1u, 2u, 3u}) {
    const std::string tree = s_.Path(absl::StrCat("t", seed));
    GenerateTree(s_, absl::StrCat("t", seed), seed);
    std::vector<std::vector<std::string>> commands = {
        {"ls", tree},
        {"ls", "--human-readable", tree},
        {"lsl", tree},
        {"lsl", "--human-readable", tree},
        {"lsd", tree},
        {"lsd", "-R", tree},
        {"lsf", tree},
        {"lsf", "-R", tree},
        {"lsf", "-R", "--fast-list", tree},
        {"lsf", "-R", "--dirs-only", tree},
        {"lsf", "-R", "--files-only", tree},
        {"lsf", "-R", "--format", "pstimoT", tree},
        {"lsf", "-R", "--format", "tsp", "--separator", "|", tree},
        {"lsf", "-R", "--format", "hp", "--hash", "whirlpool", tree},
        {"lsf", "-R", "--format", "sp", "--csv", tree},
        {"lsf", "-R", "--absolute", "--dir-slash=false", tree},
        {"lsf", "--format", "pz", tree},
        {"lsf", "--format", "pe", tree},
        {"lsjson", tree},
        {"lsjson", "-R", tree},
        {"lsjson", "-R", "--hash", "--hash-type", "whirlpool", tree},
        {"lsjson", "-R", "--files-only", "--no-modtime", "--no-mimetype", tree},
        {"lsjson", "-R", "--dirs-only", tree},
        {"size", tree},
        {"size", "--json", tree},
        {"lsd", tree + "/a/b/c/" + "missing"},
        {"ls", tree + "/missing"},
        {"size", tree + "/missing"},
    };
    for (int depth : {1, 2, 3}) {
      const std::string d = std::to_string(depth);
      commands.push_back({"ls", "--max-depth", d, tree});
      commands.push_back({"lsf", "-R", "--max-depth", d, tree});
      commands.push_back({"lsf", "--max-depth", d, "--dirs-only", tree});
      commands.push_back({"lsjson", "--max-depth", d, tree});
      commands.push_back({"size", "--max-depth", d, tree});
      commands.push_back({"size", "--json", "--max-depth", d, tree});
    }
    for (const std::vector<std::string>& command : commands) ExpectSameOutput(command);
  }
  // A path naming a file.
  s_.Write("one/file.txt", "content\n", 1500000000);
  for (const char* command : {"ls", "lsl", "lsd", "lsf", "lsjson", "size"}) {
    ExpectSameOutput({command, s_.Path("one/file.txt")});
  }
  ExpectSameOutput({"lsjson", "--stat", s_.Path("one/file.txt")});
}

// --use-json-log: one JSON object per line with rclone's level, msg and object.
TEST_F(CrossCheckTest, JsonLogCarriesRclonesFields) {
  GenerateTree(s_, "src", 4);
  std::vector<std::string> fields[2];
  int i = 0;
  for (const std::string tool : {"fclone", "rclone"}) {
    std::vector<std::string> args = {"copy", "-v", "--use-json-log", s_.Path("src"),
                                     s_.Path("dst-" + tool)};
    if (tool == "rclone") args.insert(args.begin(), "rclone");
    RunResult r = tool == "fclone" ? s_.Run(args) : Spawn(s_, args);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    for (absl::string_view line : absl::StrSplit(r.err, '\n', absl::SkipEmpty())) {
      if (line.find("Copied") == absl::string_view::npos) continue;
      ASSERT_EQ(line.front(), '{') << line;
      // Keep "level", "msg" and "object"; rclone adds Go's source file and type.
      std::string kept;
      for (const char* key : {"\"level\":", "\"msg\":", "\"object\":"}) {
        size_t at = line.find(key);
        ASSERT_NE(at, absl::string_view::npos) << key << " in " << line;
        size_t end = line.find("\",\"", at);
        kept += std::string(line.substr(at, end - at)) + " ";
      }
      fields[i].push_back(kept);
    }
    std::sort(fields[i].begin(), fields[i].end());
    ++i;
  }
  EXPECT_FALSE(fields[0].empty());
  EXPECT_EQ(fields[0], fields[1]);
}

// The flags that change what sync/copy leave behind: both tools start from the same trees and
// must leave the same ones.
TEST_F(CrossCheckTest, SyncFlagsLeaveTheTreesRcloneLeaves) {
  const std::vector<std::vector<std::string>> flag_sets = {
      {"sync", "--backup-dir", "BACKUP"},
      {"sync", "--backup-dir", "BACKUP", "--suffix", ".bak"},
      {"sync", "--backup-dir", "BACKUP", "--suffix", "-old", "--suffix-keep-extension"},
      {"sync", "--suffix", ".orig"},
      {"copy", "--backup-dir", "BACKUP"},
      {"sync", "--track-renames"},
      {"sync", "--track-renames", "--track-renames-strategy", "modtime,leaf"},
      {"copy", "--immutable"},
      {"copy", "--compare-dest", "OTHER"},
      {"copy", "--copy-dest", "OTHER"},
      {"copy", "--no-traverse"},
      {"sync", "--check-first", "--order-by", "size,descending"},
      {"sync", "--max-delete", "1"},
      {"sync", "--order-by", "bogus"},
      {"sync", "--backup-dir", "DST/inside"},
  };
  int n = 0;
  for (const std::vector<std::string>& flags : flag_sets) {
    ++n;
    std::string title = absl::StrJoin(flags, " ");
    std::vector<RunResult> results;
    std::vector<std::vector<std::string>> trees;
    for (const std::string tool : {"fclone", "rclone"}) {
      const std::string base = absl::StrCat("case", n, "/", tool);
      // A source, a destination holding an old and a renamed copy, extras, another tree.
      s_.Write(base + "/src/keep.txt", "same\n", 1500000000);
      s_.Write(base + "/src/changed.txt", "new content\n", 1600000000);
      s_.Write(base + "/src/moved/big.bin", RandomBytes(20000, 5), 1500000000);
      s_.Write(base + "/src/small", "1", 1500000000);
      s_.Write(base + "/dst/keep.txt", "same\n", 1500000000);
      s_.Write(base + "/dst/changed.txt", "old\n", 1400000000);
      s_.Write(base + "/dst/big.bin", RandomBytes(20000, 5), 1500000000);
      s_.Write(base + "/dst/extra.tar.gz", "extra\n", 1400000000);
      s_.Write(base + "/other/small", "1", 1500000000);
      std::vector<std::string> args = {flags[0], s_.Path(base + "/src"), s_.Path(base + "/dst")};
      for (size_t i = 1; i < flags.size(); ++i) {
        std::string v = flags[i];
        if (v == "BACKUP") v = s_.Path(base + "/backup");
        if (v == "OTHER") v = s_.Path(base + "/other");
        if (v == "DST/inside") v = s_.Path(base + "/dst/inside");
        args.push_back(v);
      }
      args.push_back("--retries=1");
      if (tool == "fclone") {
        results.push_back(s_.Run(args));
      } else {
        args.insert(args.begin(), "rclone");
        results.push_back(Spawn(s_, args));
      }
      trees.push_back(Entries(s_.dir() / absl::StrCat("case", n) / tool));
    }
    EXPECT_EQ(results[0].exit_code, results[1].exit_code)
        << title << "\nfclone: " << results[0].err << "\nrclone: " << results[1].err;
    if (title.find("max-delete") == std::string::npos) {
      // rclone deletes up to the limit, in no set order; fclone deletes nothing (README).
      EXPECT_EQ(trees[0], trees[1]) << title << "\nfclone: " << results[0].err
                                    << "\nrclone: " << results[1].err;
    }
  }
}

}  // namespace
}  // namespace fctest
