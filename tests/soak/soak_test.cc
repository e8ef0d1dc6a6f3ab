// The fault soak (issue 7): the real fclone syncs 2,000 small files in a few folders to
// fichier-emulator while it injects about 10% faults of every kind (seeded). Sync is re-run,
// as rclone's --retries would, until `check` (Whirlpool) passes, within a bounded number of
// runs; a second sync killed with SIGKILL at 10 moments and then run to the end converges to
// the same remote tree with no duplicate name, while listings lag uploads by a second; a sync
// back down (download faults) gives the source byte for byte. The figures go to the test log:
// files, faults injected (counted from the emulator's log), kills, retries, duplicates, lost,
// corrupt.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "httplib.h"
#include "tests/integration/fclone_runner.h"
#include "tests/security/emulator_log_process.h"

namespace {
namespace fs = std::filesystem;
using fctest::RunResult;
using fctest::Scratch;
using sectest::LoggedEmulator;

constexpr char kKey[] = "soakKey0123456789abcdefABCDEFghij";
// Upload sessions group the files of one folder (up to 500), so the folder count sets how many
// sessions a sync opens: 64 folders keep a run long enough for each kill to land mid-upload.
constexpr int kFolders = 64;
constexpr int kFiles = 2000;
constexpr int kMaxRuns = 6;  // sync runs allowed before the soak is declared not converging
constexpr int kKills = 10;   // SIGKILLs of the sync to b

// About 10% of the calls to each endpoint fail, with every kind of fault the emulator has.
const std::vector<std::string> kFaults = {
    "*:status:503@2%",         "*:status:500@1%",        "*:stall:200@1%",
    "*:flood@0.5%",            "*:html@1%",              "*:truncate:20@1%",
    "*:reset@1%",              "/upload.cgi:reset:300@2%", "/end.pl:nolinks@1%",
    "/end.pl:badsum@1%",       "/end.pl:badsize@1%",     "file/ls:lag:500@1%",
    "folder/ls:lag:500@1%",    "download:truncate:200@2%", "download:reset:100@1%",
};

std::string Elapsed(std::chrono::steady_clock::time_point since) {
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::steady_clock::now() - since).count();
  std::ostringstream o;
  o << ms / 1000.0 << " s";
  return o.str();
}

size_t Count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t p = text.find(what); p != std::string::npos; p = text.find(what, p + 1)) ++n;
  return n;
}

class SoakTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::mt19937_64 rng(20240607);
    std::uniform_int_distribution<int> size(1, 6000);
    for (int i = 0; i < kFiles; ++i) {
      std::string content(size(rng), '\0');
      for (char& c : content) c = static_cast<char>(rng());
      const std::string rel = "d" + std::to_string(i % kFolders) + "/f" + std::to_string(i);
      s_.Write("src/" + rel, content);
    }
    // Listings lag uploads by a second (spec 2.11), as the real service may.
    std::vector<std::string> flags = {"--key", kKey, "--seed", "7", "--admin-token", "soak",
                                      "--visibility-delay-ms", "1000"};
    for (const std::string& f : kFaults) {
      flags.push_back("--fault");
      flags.push_back(f);
    }
    emu_ = LoggedEmulator::Start(flags, s_.Path("emulator.log"));
    ASSERT_NE(emu_, nullptr);
  }

  std::string Remote(const std::string& path) const {
    return sectest::FichierRemote(emu_->api_url(), kKey,
                                  "flood_pause=200,pacer_max_sleep=10,http_timeout=10000") +
           path;
  }

  std::vector<std::string> SyncArgs(const std::string& dst) const {
    return {"sync", "-v", "--transfers", "8", "--checkers", "8", "--retries", "1",
            "--low-level-retries", "10", s_.Path("src"), Remote(dst)};
  }

  // Re-runs sync until check passes; returns the number of sync runs (kMaxRuns + 1 = never).
  int SyncUntilCheckPasses(const std::string& dst, int* low_level_retries) {
    for (int run = 1; run <= kMaxRuns; ++run) {
      const auto start = std::chrono::steady_clock::now();
      RunResult r = s_.Run(SyncArgs(dst));
      *low_level_retries += static_cast<int>(Count(r.err, "etry") + Count(r.err, "etrying"));
      std::cerr << "  sync " << dst << " run " << run << ": exit " << r.exit_code << " in "
                << Elapsed(start) << "\n";
      if (r.exit_code != 0) {
        // The last lines say why; the rest is the per-file log.
        const std::string tail = r.err.size() > 1500 ? r.err.substr(r.err.size() - 1500) : r.err;
        std::cerr << tail << "\n";
        continue;
      }
      RunResult c = s_.Run({"check", s_.Path("src"), Remote(dst)});
      std::cerr << "  check " << dst << ": exit " << c.exit_code << "\n";
      if (c.exit_code == 0) return run;
      std::cerr << c.err.substr(0, 1500) << "\n";
    }
    return kMaxRuns + 1;
  }

  Scratch s_;
  std::unique_ptr<LoggedEmulator> emu_;
};

TEST_F(SoakTest, SyncUnderFaultsLosesNothingAndSurvivesSigkill) {
  const auto start = std::chrono::steady_clock::now();
  int retries = 0;

  // 1. A plain sync under faults.
  const int runs_a = SyncUntilCheckPasses("a", &retries);
  ASSERT_LE(runs_a, kMaxRuns) << "sync to a: check never passed";

  // 2. A sync to b killed with SIGKILL at kKills moments, then run to the end. Each kill comes
  // when a randomly chosen endpoint has been called a random number of times more: before a
  // body (upload server), during one (upload.cgi counts when the body starts) and between a
  // body and its report (end.pl).
  httplib::Client admin(emu_->base_url());
  auto calls = [&](const std::string& endpoint) -> int {
    auto r = admin.Get("/_emulator/stats", {{"X-Admin-Token", "soak"}});
    if (!r) return -1;
    const std::string key = "\"" + endpoint + "\":";
    const size_t p = r->body.find(key);
    return p == std::string::npos ? 0 : std::stoi(r->body.substr(p + key.size()));
  };
  // A sync of the whole tree opens at least one upload session per folder (64): each kill
  // comes within the first few sessions of a run, so ten kills spread over the upload.
  const std::vector<std::string> endpoints = {"/v1/upload/get_upload_server.cgi", "/upload.cgi",
                                              "/end.pl"};
  std::mt19937 rng(20261202);
  int killed = 0;
  for (int k = 0; k < kKills; ++k) {
    const std::string endpoint = endpoints[rng() % endpoints.size()];
    const int more = 1 + static_cast<int>(rng() % 4);
    const int before = calls(endpoint);
    const pid_t pid = s_.Start(SyncArgs("b"));
    int status = 0;
    bool exited = false;
    // Bounded: a sync that never makes those calls is killed after 60 s anyway.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (calls(endpoint) - before < more && std::chrono::steady_clock::now() < deadline) {
      if (waitpid(pid, &status, WNOHANG) == pid) {
        exited = true;
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(5));  // polling, not waiting for
    }
    if (!exited) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      killed += WIFSIGNALED(status) ? 1 : 0;
    }
    std::cerr << "  kill " << k + 1 << ": after " << more << " more " << endpoint
              << (exited ? " (the sync had finished, exit " +
                                std::to_string(WEXITSTATUS(status)) + ")"
                          : "")
              << "\n";
  }
  EXPECT_GE(killed, kKills / 2) << "most syncs should have been caught before they finished";
  const int runs_b = SyncUntilCheckPasses("b", &retries);
  ASSERT_LE(runs_b, kMaxRuns) << "sync to b after SIGKILLs: check never passed";
  RunResult names = s_.Run({"lsf", "-R", "--files-only", Remote("b")});
  ASSERT_EQ(names.exit_code, 0) << names.err;
  std::map<std::string, int> seen;
  int duplicates = 0;
  {
    std::istringstream in(names.out);
    for (std::string l; std::getline(in, l);) duplicates += seen[l]++ > 0 ? 1 : 0;
  }
  EXPECT_EQ(duplicates, 0) << "an interrupted sync, rerun, left duplicate names";
  EXPECT_EQ(seen.size(), static_cast<size_t>(kFiles));

  // 3. Same result: a and b hold the same names and hashes, with no duplicate left.
  RunResult ha = s_.Run({"hashsum", "whirlpool", Remote("a")});
  RunResult hb = s_.Run({"hashsum", "whirlpool", Remote("b")});
  ASSERT_EQ(ha.exit_code, 0) << ha.err;
  ASSERT_EQ(hb.exit_code, 0) << hb.err;
  auto sorted_lines = [](const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string l; std::getline(in, l);) lines.push_back(l);
    std::sort(lines.begin(), lines.end());
    return lines;
  };
  const std::vector<std::string> la = sorted_lines(ha.out), lb = sorted_lines(hb.out);
  EXPECT_EQ(la.size(), static_cast<size_t>(kFiles));
  EXPECT_EQ(la, lb) << "the killed-and-resumed sync did not converge to the same tree";

  // 4. Down again under download faults: byte for byte.
  int down_runs = 0;
  RunResult down;
  do {
    ++down_runs;
    down = s_.Run({"sync", "--transfers", "8", "--retries", "1", "--low-level-retries", "10",
                   Remote("a"), s_.Path("back")});
  } while (down.exit_code != 0 && down_runs < kMaxRuns);
  ASSERT_EQ(down.exit_code, 0) << down.err.substr(0, 2000);
  const auto src = fctest::ReadTree(s_.Path("src"));
  const auto back = fctest::ReadTree(s_.Path("back"));
  int lost = 0, corrupt = 0;
  for (const auto& [path, content] : src) {
    auto it = back.find(path);
    if (it == back.end()) {
      ++lost;
    } else if (it->second != content) {
      ++corrupt;
    }
  }
  // b is checked by Whirlpool above; a by its bytes here.
  EXPECT_EQ(lost, 0);
  EXPECT_EQ(corrupt, 0);
  EXPECT_EQ(back.size(), src.size());

  emu_->Stop();
  const std::string log = emu_->Log();
  const size_t faults = Count(log, " fault ");
  size_t requests = 0;
  for (char c : log) requests += c == '\n';
  std::cerr << "SOAK files=" << kFiles << " folders=" << kFolders << " requests=" << requests
            << " faults_injected=" << faults << " sync_runs_a=" << runs_a
            << " kills=" << killed << " sync_runs_b_after_kills=" << runs_b
            << " duplicates=" << duplicates << " download_runs=" << down_runs
            << " retry_log_lines=" << retries << " lost=" << lost << " corrupt=" << corrupt
            << " wall=" << Elapsed(start) << "\n";
  std::cout << "SOAK files=" << kFiles << " faults_injected=" << faults
            << " whole_run_retries=" << (runs_a - 1) + (runs_b - 1) + (down_runs - 1)
            << " lost=" << lost << " corrupt=" << corrupt << "\n";
  EXPECT_GT(faults, 0u);
}

}  // namespace
