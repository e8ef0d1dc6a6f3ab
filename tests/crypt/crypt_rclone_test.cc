// crypt against live rclone 1.60 on the same local directories: what rclone writes fclone lists
// and reads identically, what fclone writes rclone lists and reads identically, cryptcheck on an
// rclone-written copy passes and fails on a flipped byte (which cat then refuses to output), and
// an alias over a crypt remote lists as rclone lists it. Needs rclone: without it these tests
// fail, saying that scripts/test installs it.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "tests/integration/fclone_runner.h"
#include "tests/integration/spawn_util.h"

namespace fctest {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

// Sizes around the 64 KiB block, and names that test the name encryption.
void FillSource(const Scratch& s, const std::string& root) {
  s.WriteAll(root,
             {{"empty", ""},
              {"one", "1"},
              {"exact 64k", RandomBytes(65536, 1)},
              {"64k plus one", RandomBytes(65537, 2)},
              {"two hundred k.bin", RandomBytes(200000, 3)}},
             1577934245);
  const std::vector<std::string> tricky = {"café ünïcödé", "日本語", "a$b", "quote\"d", "it's",
                                           ".hidden", "emoji 🎉", "x=y", std::string(100, 'L')};
  for (size_t i = 0; i < tricky.size(); ++i) {
    s.Write(root + "/tricky/" + tricky[i], "content " + std::to_string(i), 1577934245);
  }
  s.Write(root + "/deep/er/still/file.txt", "deep", 1577934245);
}


class CryptLikeRcloneTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!HaveRclone(s_)) GTEST_FAIL() << kRcloneRequired;
    FillSource(s_, "src");
    fs::create_directories(s_.dir() / "enc");
    // Passwords go in obscured by fclone; rclone reads the same file.
    RunResult r = s_.Run({"config", "create", "sec", "crypt", "remote", s_.Path("enc"),
                          "password", "cross check password", "password2", "cross check salt"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_THAT(r.out, ::testing::Not(HasSubstr("cross check password")));
  }
  RunResult Rclone(std::vector<std::string> args) {
    args.insert(args.begin(), "rclone");
    return Spawn(s_, args);
  }
  // Both tools list `remote` the same way with each listing command.
  void ExpectSameListings(const std::string& remote) {
    for (const std::vector<std::string>& cmd :
         {std::vector<std::string>{"lsjson", "-R"}, {"lsl"}, {"lsf", "-R"}, {"ls"}, {"size"}}) {
      std::vector<std::string> args = cmd;
      args.push_back(remote);
      RunResult ours = s_.Run(args);
      RunResult theirs = Rclone(args);
      EXPECT_EQ(ours.exit_code, 0) << cmd[0] << ": " << ours.err;
      EXPECT_EQ(theirs.exit_code, 0) << cmd[0] << ": " << theirs.err;
      EXPECT_EQ(ComparableLines(ours.out), ComparableLines(theirs.out)) << cmd[0] << " " << remote;
    }
  }
  Scratch s_;
};

TEST_F(CryptLikeRcloneTest, WhatRcloneWritesFcloneReads) {
  ASSERT_EQ(Rclone({"copy", s_.Path("src"), "sec:"}).exit_code, 0);
  ExpectSameListings("sec:");
  RunResult back = s_.Run({"copy", "sec:", s_.Path("back")});
  ASSERT_EQ(back.exit_code, 0) << back.err;
  EXPECT_EQ(ReadTree(s_.dir() / "back"), ReadTree(s_.dir() / "src"));
  for (const std::vector<std::string>& range :
       {std::vector<std::string>{"--offset", "65530", "--count", "100"},
        {"--offset", "70000"},
        {"--offset", "0", "--count", "65536"},
        {"--tail", "1000"}}) {
    std::vector<std::string> args = {"cat", "sec:two hundred k.bin"};
    args.insert(args.end(), range.begin(), range.end());
    RunResult ours = s_.Run(args);
    RunResult theirs = Rclone(args);
    EXPECT_EQ(ours.exit_code, 0) << ours.err;
    EXPECT_TRUE(ours.out == theirs.out) << range[0] << " " << range[1];
  }
}

TEST_F(CryptLikeRcloneTest, WhatFcloneWritesRcloneReads) {
  RunResult up = s_.Run({"copy", s_.Path("src"), "sec:"});
  ASSERT_EQ(up.exit_code, 0) << up.err;
  ExpectSameListings("sec:");
  RunResult back = Rclone({"copy", "sec:", s_.Path("back")});
  ASSERT_EQ(back.exit_code, 0) << back.err;
  EXPECT_EQ(ReadTree(s_.dir() / "back"), ReadTree(s_.dir() / "src"));
  RunResult check = Rclone({"check", "--download", s_.Path("src"), "sec:"});
  EXPECT_EQ(check.exit_code, 0) << check.err;
  // Both say crypt has no hash of its own, in the same words.
  RunResult ours = s_.Run({"check", s_.Path("src"), "sec:"});
  RunResult theirs = Rclone({"check", s_.Path("src"), "sec:"});
  EXPECT_EQ(ours.exit_code, theirs.exit_code);
  EXPECT_EQ(ComparableLines(ours.err), ComparableLines(theirs.err));
  EXPECT_EQ(s_.Run({"check", "--download", s_.Path("src"), "sec:"}).exit_code, 0);
}

TEST_F(CryptLikeRcloneTest, CryptcheckPassesThenCatchesAFlippedByte) {
  ASSERT_EQ(Rclone({"copy", s_.Path("src"), "sec:"}).exit_code, 0);
  RunResult ok = s_.Run({"cryptcheck", s_.Path("src"), "sec:"});
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_THAT(ok.err, HasSubstr("0 differences found"));
  EXPECT_THAT(ok.err, HasSubstr("matching files"));

  // The stored form of "64k plus one", found through cryptdecode --reverse.
  RunResult name = s_.Run({"cryptdecode", "--reverse", "sec:", "64k plus one"});
  ASSERT_EQ(name.exit_code, 0) << name.err;
  EXPECT_EQ(name.out, Rclone({"cryptdecode", "--reverse", "sec:", "64k plus one"}).out);
  std::string stored = name.out.substr(name.out.rfind(' ') + 1);
  stored.pop_back();  // newline
  fs::path file = s_.dir() / "enc" / stored;
  ASSERT_TRUE(fs::exists(file)) << file;
  {
    std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
    f.seekg(40);
    char c = 0;
    f.get(c);
    f.seekp(40);
    f.put(static_cast<char>(c ^ 0x01));
  }
  RunResult bad = s_.Run({"cryptcheck", s_.Path("src"), "sec:"});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_THAT(bad.err, HasSubstr("64k plus one: hashes differ"));
  EXPECT_THAT(bad.err, HasSubstr("1 differences found"));
  RunResult cat = s_.Run({"cat", "sec:64k plus one"});
  EXPECT_NE(cat.exit_code, 0);
  EXPECT_THAT(cat.err, HasSubstr("failed to authenticate decrypted block"));
  EXPECT_LT(cat.out.size(), 65536u);  // the damaged block is never written out
  RunResult copy = s_.Run({"copy", "sec:", s_.Path("back"), "--retries", "1"});
  EXPECT_NE(copy.exit_code, 0);
  EXPECT_FALSE(s_.Exists("back/64k plus one"));
}

TEST_F(CryptLikeRcloneTest, AliasOfCryptListsLikeRclone) {
  ASSERT_EQ(Rclone({"copy", s_.Path("src"), "sec:"}).exit_code, 0);
  ASSERT_EQ(s_.Run({"config", "create", "al", "alias", "remote", "sec:tricky"}).exit_code, 0);
  ExpectSameListings("al:");
  RunResult ours = s_.Run({"cat", "al:it's"});
  EXPECT_EQ(ours.out, Rclone({"cat", "al:it's"}).out);
}

TEST_F(CryptLikeRcloneTest, CryptdecodeLikeRclone) {
  std::vector<std::string> names = {"cryptdecode", "--reverse", "sec:", "a", "dir/sub/x.txt",
                                    "ünï"};
  RunResult ours = s_.Run(names);
  RunResult theirs = Rclone(names);
  EXPECT_EQ(ours.out, theirs.out);
  std::vector<std::string> encrypted = {"cryptdecode", "sec:", "notencrypted"};
  std::vector<std::string> lines = absl::StrSplit(ours.out, '\n', absl::SkipEmpty());
  for (const std::string& line : lines) {
    encrypted.push_back(line.substr(line.rfind(' ') + 1));
  }
  EXPECT_EQ(s_.Run(encrypted).out, Rclone(encrypted).out);
}

}  // namespace
}  // namespace fctest
