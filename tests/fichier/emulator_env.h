// Shared by the emulator-backed fichier tests: one fichier-emulator per test process (started on
// first use, stopped at exit) and remotes pointing at it with a short pacer interval.
#ifndef FICHIER_TESTS_FICHIER_EMULATOR_ENV_H_
#define FICHIER_TESTS_FICHIER_EMULATOR_ENV_H_

#include <stdlib.h>

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "backend/fichier/fichier_fs.h"
#include "emulator/testing/emulator_process.h"
#include "gtest/gtest.h"
#include "tests/support/temp_dir.h"
#include "vfs/global_options.h"
#include "vfs/registry.h"

namespace fichier_test {

// An emulator started with `flags` on first use and kept for the whole test process (one per
// set of flags); nullptr (with `error` set) if it could not start.
inline emulator::testing::EmulatorProcess* SharedEmulator(const std::vector<std::string>& flags,
                                                          std::string* error = nullptr) {
  struct Started {
    std::unique_ptr<emulator::testing::EmulatorProcess> emu;
    std::string failure;
  };
  static std::map<std::vector<std::string>, Started> started;
  // Upload journals of this process go to a fresh folder (removed at exit), not the user's cache.
  static test_support::TempDir cache("fichier-test-cache");
  auto [it, first_use] = started.try_emplace(flags);
  if (first_use) {
    if (!cache.path().empty()) {
      vfs::GlobalOptions global = vfs::GetGlobalOptions();
      global.cache_dir = cache.path();
      vfs::SetGlobalOptions(global);
    }
    auto made = emulator::testing::EmulatorProcess::Start(flags);
    if (made.ok()) {
      it->second.emu = std::move(*made);
    } else {
      it->second.failure = std::string(made.status().message());
    }
  }
  if (error != nullptr) *error = it->second.failure;
  return it->second.emu.get();
}

// The process-wide emulator of most tests.
inline emulator::testing::EmulatorProcess* Emulator(std::string* error = nullptr) {
  return SharedEmulator({"--quiet"}, error);
}

// A test on a process-wide emulator started with flags() (default: Emulator()'s), which SetUp()
// resets.
class EmulatorTest : public ::testing::Test {
 protected:
  virtual std::vector<std::string> flags() const { return {"--quiet"}; }
  void SetUp() override {
    std::string error;
    emu_ = SharedEmulator(flags(), &error);
    ASSERT_NE(emu_, nullptr) << error;
    ASSERT_TRUE(emu_->Reset().ok());
  }

  emulator::testing::EmulatorProcess* emu_ = nullptr;
};

// Options of a remote on the emulator.
inline vfs::ConfigMap EmulatorConfig(const std::string& key = emulator::testing::kPremiumKey) {
  return {{"api_key", key},
          {"api_url", Emulator()->api_url()},
          {"pacer_min_sleep", "1"}};
}

// How many times the emulator answered `path` (a stats key such as "download"); -1 (and a test
// failure) when its stats cannot be read.
inline int64_t EmulatorCalls(emulator::testing::EmulatorProcess& emu, const std::string& path) {
  absl::StatusOr<std::map<std::string, int64_t>> stats = emu.Stats();
  EXPECT_TRUE(stats.ok());
  if (!stats.ok()) return -1;
  auto it = stats->find(path);
  return it == stats->end() ? 0 : it->second;
}

inline absl::StatusOr<vfs::NewFsResult> NewEmulatorFs(const std::string& root,
                                                      vfs::ConfigMap config = EmulatorConfig()) {
  backend::fichier::Register();
  return vfs::Registry::Global().NewFs("fichier", "emu", root, std::move(config));
}

}  // namespace fichier_test

#endif  // FICHIER_TESTS_FICHIER_EMULATOR_ENV_H_
