// A scratch HOME and config file for running the fclone binary (FCLONE_PATH) in config tests,
// by pipe or on a pseudo-terminal, through the one test launcher (tests/support/process.h).
#ifndef FICHIER_TESTS_HOST_FCLONE_CONFIG_ENV_H_
#define FICHIER_TESTS_HOST_FCLONE_CONFIG_ENV_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tests/config/rclone_binary.h"
#include "tests/support/process.h"

namespace fclone {

using RunResult = test_support::ProcessResult;

class FcloneConfigEnv {
 public:
  FcloneConfigEnv() : config_(dir_.File("rclone.conf")) {}

  const std::string& dir() const { return dir_.path(); }
  const std::string& config_path() const { return config_; }
  // Runs `fclone --config <config_path> args...` with `stdin_data` piped in.
  RunResult Run(std::vector<std::string> args, const std::string& stdin_data = "",
                const std::vector<std::string>& set_env = {}) const;
  // Starts it on a new pseudo-terminal (stdin and stdout; stderr captured apart).
  std::unique_ptr<test_support::Process> StartOnTerminal(std::vector<std::string> args) const;

  std::string ReadConfig() const;  // "" when the file does not exist
  void WriteConfig(const std::string& text) const;
  int ConfigMode() const;  // permission bits, -1 when missing

 private:
  test_support::SpawnOptions Options(std::vector<std::string> args) const;
  vfs::testing::TempDir dir_;
  std::string config_;
};

// The value of the first `key = value` line of a config text.
std::optional<std::string> ValueOf(const std::string& config_text, const std::string& key);

}  // namespace fclone

#endif  // FICHIER_TESTS_HOST_FCLONE_CONFIG_ENV_H_
