// A fixture for fclone against fichier-emulator: SetUp starts the emulator (quiet, on
// 127.0.0.1) and creates remote "f" on it with the premium key and a short pacer; Run() runs
// fclone in the scratch folder and checks that no secret shows in what it printed.
#ifndef FICHIER_TESTS_INTEGRATION_EMULATOR_REMOTE_TEST_H_
#define FICHIER_TESTS_INTEGRATION_EMULATOR_REMOTE_TEST_H_

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "emulator/testing/emulator_process.h"
#include "tests/integration/fclone_runner.h"

namespace fctest {

class EmulatorRemoteTest : public ::testing::Test {
 protected:
  void SetUp() override { StartEmulator(); }

  // `pacer_max_sleep` in ms: short, so retried calls do not slow the test.
  void StartEmulator(const std::string& pacer_max_sleep = "50") {
    auto emu = emulator::testing::EmulatorProcess::Start({"--quiet"});
    ASSERT_TRUE(emu.ok()) << emu.status();
    emu_ = std::move(*emu);
    RunResult r = s_.Run({"config", "create", "f", "fichier", "api_key",
                          emulator::testing::kPremiumKey, "api_url", emu_->api_url(),
                          "pacer_min_sleep", "1", "pacer_max_sleep", pacer_max_sleep});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }

  RunResult Run(std::vector<std::string> args) {
    RunResult r = s_.Run(std::move(args));
    for (const std::string& secret : secrets_) {
      EXPECT_THAT(r.out, ::testing::Not(::testing::HasSubstr(secret)));
      EXPECT_THAT(r.err, ::testing::Not(::testing::HasSubstr(secret)));
    }
    return r;
  }

  Scratch s_;
  std::unique_ptr<emulator::testing::EmulatorProcess> emu_;
  // What Run() checks fclone never prints.
  std::vector<std::string> secrets_ = {emulator::testing::kPremiumKey};
};

}  // namespace fctest

#endif  // FICHIER_TESTS_INTEGRATION_EMULATOR_REMOTE_TEST_H_
