// The test launcher itself: argv, environment, cwd, stdin, captured outputs, exit codes, a
// bounded wait on a child that does not end, kill.
#include "tests/support/process.h"

#include <signal.h>
#include <unistd.h>

#include <string>

#include "gtest/gtest.h"

namespace test_support {
namespace {

using std::chrono::milliseconds;

TEST(ProcessTest, CapturesBothOutputsAndTheExitCode) {
  SpawnOptions o;
  o.argv = {"/bin/sh", "-c", "echo out; echo err >&2; exit 3"};
  ProcessResult r = RunProcess(o);
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.out, "out\n");
  EXPECT_EQ(r.err, "err\n");
}

TEST(ProcessTest, FeedsStdinLargerThanAPipe) {
  SpawnOptions o;
  o.argv = {"cat"};  // found in PATH
  o.stdin_data = std::string(1 << 20, 'x');
  ProcessResult r = RunProcess(o);
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out.size(), size_t{1} << 20);
}

TEST(ProcessTest, EnvironmentAndWorkingDirectory) {
  setenv("PROCESS_TEST_DROPPED", "1", 1);
  SpawnOptions o;
  o.argv = {"/bin/sh", "-c", "echo \"$PROCESS_TEST_SET:${PROCESS_TEST_DROPPED:-unset}\"; pwd"};
  o.set_env = {"PROCESS_TEST_SET=yes"};
  o.unset_env = {"PROCESS_TEST_DROPPED"};
  o.cwd = "/";
  EXPECT_EQ(RunProcess(o).out, "yes:unset\n/\n");
  o.env.emplace();
  o.env->push_back("PROCESS_TEST_SET=only");
  o.unset_env.clear();
  o.set_env.clear();
  EXPECT_EQ(RunProcess(o).out, "only:unset\n/\n");
}

TEST(ProcessTest, AMissingProgramExits127) {
  SpawnOptions o;
  o.argv = {"/nonexistent/program"};
  EXPECT_EQ(RunProcess(o).exit_code, 127);
}

TEST(ProcessTest, BoundedWaitThenKill) {
  int never_closed[2];
  ASSERT_EQ(pipe(never_closed), 0);
  SpawnOptions o;
  o.argv = {"cat"};
  o.stdin_fd = never_closed[0];  // cat waits for input that never comes
  std::unique_ptr<Process> p = Process::Spawn(o);
  ASSERT_NE(p, nullptr);
  EXPECT_FALSE(p->WaitFor(milliseconds(50)).has_value());
  EXPECT_TRUE(p->Running());
  EXPECT_EQ(p->Kill(), 128 + SIGKILL);
  EXPECT_FALSE(p->Running());
  close(never_closed[0]);
  close(never_closed[1]);
}

TEST(ProcessTest, ReadUntilStopsAtTheAwaitedOutput) {
  int never_closed[2];
  ASSERT_EQ(pipe(never_closed), 0);
  SpawnOptions o;
  o.argv = {"/bin/sh", "-c", "echo ready; exec cat"};
  o.stdin_fd = never_closed[0];
  std::unique_ptr<Process> p = Process::Spawn(o);
  ASSERT_NE(p, nullptr);
  EXPECT_TRUE(p->ReadUntil([&] { return p->out() == "ready\n"; }, milliseconds(10000)));
  p->Signal(SIGTERM);
  EXPECT_EQ(p->WaitFor(milliseconds(10000)), 128 + SIGTERM);
  close(never_closed[0]);
  close(never_closed[1]);
}

TEST(ProcessTest, TerminalChildReadsWhatIsTypedAndHasATty) {
  SpawnOptions o;
  o.argv = {"sh", "-c", "test -t 0 && test -t 1 && read x && echo \"got:$x\""};
  o.terminal = true;
  std::unique_ptr<Process> p = Process::Spawn(o);
  ASSERT_NE(p, nullptr);
  p->Type("typed\n");
  std::optional<int> code = p->WaitFor(std::chrono::seconds(30));
  ASSERT_TRUE(code.has_value());
  EXPECT_EQ(*code, 0) << p->out();
  EXPECT_NE(p->out().find("got:typed"), std::string::npos) << p->out();
}

TEST(ProcessTest, RunForkedReturnsTheBodysCode) {
  EXPECT_EQ(RunForked([] { return 7; }), 7);
}

}  // namespace
}  // namespace test_support
