// The upload journal through the real fclone and fichier-emulator, with listings that lag
// uploads by a minute (spec 2.11) so that nothing a run uploads is listed during the test: a
// sync killed with SIGKILL mid-run and run again stores each file once; `check` then passes;
// an unusable cache dir or a damaged journal is reported and the run still succeeds; two syncs
// at once into one account both finish.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "emulator/testing/emulator_process.h"
#include "tests/integration/fclone_runner.h"

namespace fctest {
namespace {

using ::emulator::testing::EmulatorProcess;
using ::emulator::testing::kPremiumKey;
using ::testing::HasSubstr;
namespace fs = std::filesystem;

constexpr int kFolders = 4;
constexpr int kFiles = 40;

class FcloneJournalTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto emu = EmulatorProcess::Start({"--quiet", "--visibility-delay-ms", "60000"});
    ASSERT_TRUE(emu.ok()) << emu.status();
    emu_ = std::move(*emu);
    // d0 is small and the others large, so under --bwlimit d0's upload session ends first
    // while the others are still sending their bodies.
    for (int i = 0; i < kFiles; ++i) {
      const int folder = i % kFolders;
      s_.Write("src/d" + std::to_string(folder) + "/f" + std::to_string(i) + ".bin",
               std::string(folder == 0 ? 1000 + i : 100000 + i, static_cast<char>('a' + i % 26)));
    }
  }

  std::string Remote(const std::string& path) const {
    return ":fichier,api_key=" + std::string(kPremiumKey) + ",api_url='" + emu_->api_url() +
           "',pacer_min_sleep=1:" + path;
  }

  // How many files named `name` the service holds, listed or not yet.
  int Stored(const std::string& name) {
    absl::StatusOr<std::string> tree = emu_->Tree();
    EXPECT_TRUE(tree.ok()) << tree.status();
    if (!tree.ok()) return -1;
    int n = 0;
    const std::string quoted = "\"" + name + "\"";
    for (size_t p = tree->find(quoted); p != std::string::npos; p = tree->find(quoted, p + 1)) ++n;
    return n;
  }
  int Calls(const std::string& endpoint) {
    auto stats = emu_->Stats();
    if (!stats.ok()) return -1;
    auto it = stats->find(endpoint);
    return it == stats->end() ? 0 : static_cast<int>(it->second);
  }

  Scratch s_;
  std::unique_ptr<EmulatorProcess> emu_;
};

TEST_F(FcloneJournalTest, ASyncKilledMidRunAndRunAgainStoresEachFileOnce) {
  const std::vector<std::string> slow = {"sync", s_.Path("src"), Remote("dst"), "--bwlimit",
                                         "1M"};
  const pid_t pid = s_.Start(slow);
  int status = 0;
  bool exited = false;
  // Killed once d0's session has ended (its files stored, not listed) and the others are
  // mid-body.
  for (int i = 0; i < 6000 && Calls("/end.pl") < 1; ++i) {  // bounded: 60 s
    if (waitpid(pid, &status, WNOHANG) == pid) {
      exited = true;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));  // polling the emulator
  }
  ASSERT_FALSE(exited) << "the sync finished before it could be killed";
  kill(pid, SIGKILL);
  waitpid(pid, &status, 0);
  ASSERT_GE(Calls("/end.pl"), 1);

  const std::vector<std::string> sync = {"sync", s_.Path("src"), Remote("dst")};
  RunResult again = s_.Run(sync);
  ASSERT_EQ(again.exit_code, 0) << again.err;
  for (int i = 0; i < kFiles; ++i) {
    EXPECT_EQ(Stored("f" + std::to_string(i) + ".bin"), 1) << "f" << i;
  }
  // Nothing is listed yet (a minute of lag), yet check sees every file: the journal.
  RunResult check = s_.Run({"check", s_.Path("src"), Remote("dst")});
  EXPECT_EQ(check.exit_code, 0) << check.err;
  EXPECT_THAT(check.err, HasSubstr(std::to_string(kFiles) + " matching files"));
  // A third run has nothing to do.
  const int uploads = Calls("/upload.cgi");
  RunResult third = s_.Run(sync);
  EXPECT_EQ(third.exit_code, 0) << third.err;
  EXPECT_EQ(Calls("/upload.cgi"), uploads);
}

TEST_F(FcloneJournalTest, AnUnusableCacheDirIsReportedAndTheCopyStillWorks) {
  s_.Write("not-a-dir", "x");
  RunResult r = s_.Run({"copy", s_.Path("src"), Remote("dst"), "--cache-dir",
                        s_.Path("not-a-dir/cache")});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr("upload journal"));
  EXPECT_THAT(r.err, HasSubstr("cannot create"));
  EXPECT_EQ(Stored("f0.bin"), 1);
}

TEST_F(FcloneJournalTest, ADamagedJournalIsSetAsideWithAMessage) {
  RunResult first = s_.Run({"copy", s_.Path("src/d0"), Remote("a")});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  const fs::path dir = s_.dir() / ".cache/fclone/fichier";
  std::vector<fs::path> journals;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().extension() == ".journal") journals.push_back(e.path());
  }
  ASSERT_EQ(journals.size(), 1u);
  std::ofstream(journals[0], std::ios::trunc) << "\x01garbage\nnot a journal\n";
  RunResult second = s_.Run({"copy", s_.Path("src/d1"), Remote("b")});
  EXPECT_EQ(second.exit_code, 0) << second.err;
  EXPECT_THAT(second.err, HasSubstr("not one this version can read"));
  bool aside = false;
  for (const auto& e : fs::directory_iterator(dir)) {
    aside = aside || e.path().string().find(".unreadable-") != std::string::npos;
  }
  EXPECT_TRUE(aside);
  EXPECT_EQ(Stored("f1.bin"), 1);
}

TEST_F(FcloneJournalTest, TwoSyncsAtOnceIntoOneAccountBothFinish) {
  const pid_t a = s_.Start({"sync", s_.Path("src/d0"), Remote("x")});
  RunResult b = s_.Run({"sync", s_.Path("src/d1"), Remote("y")});
  int status = 0;
  waitpid(a, &status, 0);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  EXPECT_EQ(b.exit_code, 0) << b.err;
  for (int i = 0; i < kFiles; ++i) {
    if (i % kFolders < 2) {
      EXPECT_EQ(Stored("f" + std::to_string(i) + ".bin"), 1) << "f" << i;
    }
  }
}

}  // namespace
}  // namespace fctest
