// rclone's global options that reach a backend, seen from the emulator: --low-level-retries
// (flag and RCLONE_LOW_LEVEL_RETRIES) bounds the fichier retrying layer's attempts per call, and
// --timeout becomes libcurl's idle timeout of a stream.
#include <stdlib.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>

#include "emulator/testing/emulator_process.h"
#include "tests/integration/fclone_runner.h"

namespace fctest {
namespace {

using ::emulator::testing::EmulatorProcess;
using ::emulator::testing::kPremiumKey;
using ::testing::HasSubstr;

class FcloneBackendOptionsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto emu = EmulatorProcess::Start({"--quiet"});
    ASSERT_TRUE(emu.ok()) << emu.status();
    emu_ = std::move(*emu);
    RunResult r = s_.Run({"config", "create", "f", "fichier", "api_key", kPremiumKey, "api_url",
                          emu_->api_url(), "pacer_min_sleep", "1", "pacer_max_sleep", "20"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }

  int64_t Calls(const std::string& path) {
    auto stats = emu_->Stats();
    EXPECT_TRUE(stats.ok()) << stats.status();
    return stats.ok() ? (*stats)[path] : -1;
  }

  Scratch s_;
  std::unique_ptr<EmulatorProcess> emu_;
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
