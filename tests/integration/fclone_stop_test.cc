// Stops of the real fclone binary: SIGTERM/SIGINT in the middle of a sync (slowed down with
// --bwlimit so the signal lands mid-body), --max-duration, and a second signal. Checks the exit
// codes (143, 130, 7), that nothing partial is left on the remote or the local disk, and that a
// rerun completes. Every wait polls observable state (the process, its log) with a bound.
#include <fcntl.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "tests/integration/emulator_remote_test.h"
#include "tests/integration/fclone_runner.h"

namespace fctest {
namespace {

using ::emulator::testing::kPremiumKey;
using ::testing::HasSubstr;
using ::testing::Not;
using Clock = std::chrono::steady_clock;

constexpr int kFileBytes = 6 << 20;
constexpr auto kBound = std::chrono::seconds(60);  // no wait below can hang longer

// Polls `ready` every 10 ms until it holds or the bound passes.
bool PollUntil(const std::function<bool()>& ready) {
  const auto end = Clock::now() + kBound;
  while (Clock::now() < end) {
    if (ready()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return ready();
}

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A stats block in the log shows a transfer part-way through its body ("f1: 37% /6Mi").
bool MidTransfer(const std::string& log) {
  static const std::regex kPercent(R"(: ([0-9]+)% /)");
  for (std::sregex_iterator it(log.begin(), log.end(), kPercent), end; it != end; ++it) {
    int pct = std::stoi((*it)[1].str());
    if (pct > 0 && pct < 100) return true;
  }
  return false;
}

struct Exit {
  int code = -1;
  double seconds = 0;  // from the start of the wait
};

// Waits (bounded) for `pid` to end; kills it if it outlives the bound.
Exit WaitExit(pid_t pid) {
  const auto start = Clock::now();
  int status = 0;
  bool done = PollUntil([&] { return waitpid(pid, &status, WNOHANG) == pid; });
  if (!done) {
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
    ADD_FAILURE() << "fclone still running after the bound; killed";
  }
  Exit e;
  e.code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  e.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return e;
}

bool Alive(pid_t pid) {
  int status = 0;
  return waitpid(pid, &status, WNOHANG) == 0;
}

// SetUp writes the source only: each test starts the emulator when it needs it.
class FcloneStopTest : public EmulatorRemoteTest {
 protected:
  void SetUp() override {
    for (int i = 1; i <= 3; ++i) {
      s_.Write("src/f" + std::to_string(i) + ".bin", RandomBytes(kFileBytes, 10 + i));
    }
  }

  // Starts a sync slowed to 2 MiB/s, waits (bounded) until a file is part-way through its body,
  // sends `signo`, and waits for the process to end.
  Exit StopMidSync(const std::string& dst, int signo) {
    std::string log = s_.Path("sync.log");
    pid_t pid = s_.Start({"sync", s_.Path("src"), dst, "--bwlimit", "2M", "--transfers", "2",
                          "-v", "--stats", "100ms", "--log-file", log});
    EXPECT_GT(pid, 0);
    EXPECT_TRUE(PollUntil([&] { return MidTransfer(Slurp(log)) || !Alive(pid); }))
        << Slurp(log);
    EXPECT_TRUE(Alive(pid)) << "the sync ended before it could be stopped:\n" << Slurp(log);
    kill(pid, signo);
    Exit e = WaitExit(pid);
    std::printf("[ figures  ] signal %d to exit: %.3f s\n", signo, e.seconds);
    log_ = Slurp(log);
    return e;
  }

  // "size path" of every file under `remote` (fclone ls).
  std::map<std::string, int64_t> Listing(const std::string& remote) {
    RunResult r = s_.Run({"ls", remote});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::map<std::string, int64_t> out;
    std::istringstream in(r.out);
    int64_t size = 0;
    std::string path;
    while (in >> size >> path) out[path] = size;
    return out;
  }

  std::string log_;
};

TEST_F(FcloneStopTest, SigtermMidUploadLeavesNothingPartialAndARerunCompletes) {
  StartEmulator();
  Exit e = StopMidSync("f:dst", SIGTERM);
  EXPECT_EQ(e.code, 143) << log_;
  EXPECT_THAT(log_, HasSubstr("INFO  : Signal received: terminated"));
  EXPECT_THAT(log_, HasSubstr("INFO  : Exiting..."));
  EXPECT_THAT(log_, HasSubstr("Transferred:"));  // the final stats were printed
  EXPECT_THAT(log_, Not(HasSubstr("Attempt 2/")));  // no whole-command retry after a stop
  EXPECT_THAT(log_, Not(HasSubstr(kPremiumKey)));
  // The remote holds whole files only: the upload cut mid-body stored nothing.
  std::map<std::string, int64_t> listed = Listing("f:dst");
  EXPECT_LT(listed.size(), 3u) << "the stop came too late to cut anything";
  for (const auto& [path, size] : listed) EXPECT_EQ(size, kFileBytes) << path;
  // A rerun completes, and the copies are right.
  RunResult rerun = s_.Run({"sync", s_.Path("src"), "f:dst"});
  EXPECT_EQ(rerun.exit_code, 0) << rerun.err;
  RunResult check = s_.Run({"check", s_.Path("src"), "f:dst"});
  EXPECT_EQ(check.exit_code, 0) << check.err;
  EXPECT_EQ(Listing("f:dst").size(), 3u);
}

TEST_F(FcloneStopTest, SigintMidCopyGives130AndNoPartialLocalFile) {
  Exit e = StopMidSync(s_.Path("dst"), SIGINT);
  EXPECT_EQ(e.code, 130) << log_;
  EXPECT_THAT(log_, HasSubstr("Signal received: interrupt"));
  // Whatever arrived is whole; no temporary file is left behind.
  std::map<std::string, std::string> src = ReadTree(s_.dir() / "src");
  for (const auto& [path, content] : ReadTree(s_.dir() / "dst")) {
    EXPECT_TRUE(src.count(path)) << "unexpected file " << path;
    if (src.count(path)) {
      EXPECT_TRUE(content == src[path]) << path << " is partial";
    }
  }
}

TEST_F(FcloneStopTest, MaxDurationCutsUploadsAndIsFatal) {
  StartEmulator();
  const auto start = Clock::now();
  RunResult r = s_.Run({"sync", s_.Path("src"), "f:dst", "--bwlimit", "2M", "--max-duration",
                        "2s", "--retries", "3", "-v"});
  std::printf("[ figures  ] --max-duration 2s run: %.3f s\n",
              std::chrono::duration<double>(Clock::now() - start).count());
  EXPECT_EQ(r.exit_code, 7) << r.err;
  EXPECT_THAT(r.err, HasSubstr("Transfer session HARD deadline:"));
  EXPECT_THAT(r.err,
              HasSubstr("ERROR : 1Fichier root 'dst': max transfer duration reached as set by "
                        "--max-duration"));
  EXPECT_THAT(r.err, HasSubstr("Fatal error received - not attempting retries"));
  EXPECT_THAT(r.err, HasSubstr("last error was: max transfer duration reached as set by "
                               "--max-duration"));
  EXPECT_THAT(r.err, Not(HasSubstr("Attempt 2/")));
  for (const auto& [path, size] : Listing("f:dst")) EXPECT_EQ(size, kFileBytes) << path;
}

// Starts `fclone hashsum whirlpool -` reading the pipe in `fds` (a read no stop interrupts) and
// waits until its signals are taken by its watcher thread and its main thread sits in that read.
pid_t StartHashingStdin(Scratch& s, int fds[2], const std::string& log) {
  EXPECT_EQ(pipe2(fds, O_CLOEXEC), 0);
  pid_t pid = s.Start({"hashsum", "whirlpool", "-", "-v", "--log-file", log}, fds[0]);
  EXPECT_GT(pid, 0);
  // The signals are blocked (and taken by fclone's watcher thread) once main has started.
  std::string status_path = "/proc/" + std::to_string(pid) + "/status";
  EXPECT_TRUE(PollUntil([&] {
    std::string status = Slurp(status_path);
    size_t at = status.find("SigBlk:");
    if (at == std::string::npos) return false;
    uint64_t mask = std::stoull(status.substr(at + 7), nullptr, 16);
    return (mask & (1ull << (SIGTERM - 1))) != 0 && (mask & (1ull << (SIGHUP - 1))) != 0;
  }));
  // ...and the log file is set up once the command runs: wait until fclone's main thread sits
  // in read(0, ...) on the pipe (x86-64: syscall 0), or the signal's log line could go to
  // stderr before --log-file is open.
  EXPECT_TRUE(PollUntil([&] {
    return Slurp("/proc/" + std::to_string(pid) + "/syscall").rfind("0 0x0 ", 0) == 0;
  }));
  return pid;
}

// A second signal ends the process at once, even when the run does not wind down (here: hashing
// stdin, a read the stop cannot interrupt). Without it the run would linger for the grace period.
TEST_F(FcloneStopTest, SecondSignalExitsAtOnce) {
  int pipe_fds[2];
  std::string log = s_.Path("hash.log");
  pid_t pid = StartHashingStdin(s_, pipe_fds, log);
  kill(pid, SIGTERM);
  ASSERT_TRUE(PollUntil([&] { return Slurp(log).find("Signal received") != std::string::npos; }));
  EXPECT_TRUE(Alive(pid)) << "the blocked read should keep the run alive after one signal";
  kill(pid, SIGTERM);
  Exit e = WaitExit(pid);
  std::printf("[ figures  ] second signal to exit: %.3f s\n", e.seconds);
  EXPECT_EQ(e.code, 143);
  EXPECT_THAT(Slurp(log), Not(HasSubstr("Exiting...")));  // it did not wind down
  close(pipe_fds[0]);
  close(pipe_fds[1]);
}

// SIGHUP (only mount catches it): it ends other commands as by default, as it ends rclone's; a
// run started with it ignored (nohup) goes on. Its watcher takes signals in the order sent, so
// once it has logged a SIGTERM sent after the SIGHUP, the SIGHUP was survived.
TEST_F(FcloneStopTest, SighupEndsARunUnlessStartedUnderNohup) {
  int pipe_fds[2];
  pid_t pid = StartHashingStdin(s_, pipe_fds, s_.Path("hup.log"));
  kill(pid, SIGHUP);
  EXPECT_EQ(WaitExit(pid).code, 128 + SIGHUP);
  close(pipe_fds[0]);
  close(pipe_fds[1]);

  struct sigaction ignore {}, previous {};
  ignore.sa_handler = SIG_IGN;
  sigaction(SIGHUP, &ignore, &previous);  // inherited by the child, as nohup does
  const std::string log = s_.Path("nohup.log");
  pid = StartHashingStdin(s_, pipe_fds, log);
  sigaction(SIGHUP, &previous, nullptr);
  kill(pid, SIGHUP);
  kill(pid, SIGTERM);
  EXPECT_TRUE(PollUntil([&] { return Slurp(log).find("Signal received") != std::string::npos; }))
      << "ended by the SIGHUP";
  close(pipe_fds[1]);  // end of stdin: the stopped run ends
  EXPECT_EQ(WaitExit(pid).code, 128 + SIGTERM) << Slurp(log);
  close(pipe_fds[0]);
}

}  // namespace
}  // namespace fctest
