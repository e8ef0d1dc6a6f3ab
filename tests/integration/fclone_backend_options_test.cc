// rclone's global options that reach a backend, seen from the emulator: --low-level-retries
// (flag and RCLONE_LOW_LEVEL_RETRIES) bounds the fichier retrying layer's attempts per call, and
// --timeout becomes libcurl's idle timeout of a stream.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>

#include "tests/integration/emulator_remote_test.h"
#include "tests/integration/fclone_runner.h"

namespace fctest {
namespace {

using ::testing::HasSubstr;

class FcloneBackendOptionsTest : public EmulatorRemoteTest {
 protected:
  void SetUp() override { StartEmulator(/*pacer_max_sleep=*/"20"); }

  int64_t Calls(const std::string& path) {
    auto stats = emu_->Stats();
    EXPECT_TRUE(stats.ok()) << stats.status();
    return stats.ok() ? (*stats)[path] : -1;
  }
};

TEST_F(FcloneBackendOptionsTest, LowLevelRetriesBoundsTheAttemptsOfOneCall) {
  ASSERT_TRUE(emu_->AddFault("folder/ls:status:503@100").ok());
  ASSERT_TRUE(emu_->ResetStats().ok());
  RunResult r = s_.Run({"lsf", "f:", "--low-level-retries", "3", "--retries", "1"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_EQ(Calls("/v1/folder/ls.cgi"), 3) << r.err;

  // The same through the environment (rclone's RCLONE_<FLAG>).
  ASSERT_TRUE(emu_->ResetStats().ok());
  setenv("RCLONE_LOW_LEVEL_RETRIES", "2", 1);
  RunResult env = s_.Run({"lsf", "f:", "--retries", "1"});
  unsetenv("RCLONE_LOW_LEVEL_RETRIES");
  EXPECT_NE(env.exit_code, 0);
  EXPECT_EQ(Calls("/v1/folder/ls.cgi"), 2) << env.err;
}

TEST_F(FcloneBackendOptionsTest, TimeoutIsTheIdleTimeoutOfAStream) {
  s_.Write("up/a.bin", std::string(100000, 'a'));
  ASSERT_EQ(s_.Run({"copy", s_.Path("up"), "f:d"}).exit_code, 0);
  // The download stalls 8 s before its first byte; --timeout 1s gives up long before.
  ASSERT_TRUE(emu_->AddFault("download:stall:8000@1").ok());
  const auto start = std::chrono::steady_clock::now();
  RunResult r = s_.Run({"cat", "f:d/a.bin", "--timeout", "1s", "--low-level-retries", "1"});
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("[ figures  ] stalled download with --timeout 1s failed after %.3f s\n", seconds);
  EXPECT_NE(r.exit_code, 0);
  EXPECT_THAT(r.err, HasSubstr("Timeout"));  // the stall would have ended in success
}

}  // namespace
}  // namespace fctest
