// Test helper: run the real `rclone` binary (Debian's 1.60) so our config code is checked against
// it, not only against vectors we wrote ourselves.
#ifndef FICHIER_TESTS_CONFIG_RCLONE_BINARY_H_
#define FICHIER_TESTS_CONFIG_RCLONE_BINARY_H_

#include <optional>
#include <string>
#include <vector>

#include "tests/support/temp_dir.h"

namespace vfs::testing {

struct ProcessResult {
  int exit_code = -1;  // 127 if it could not be started, 128 + N if killed by signal N
  std::string out;
  std::string err;
};

// Absolute path of `rclone` found on PATH, or nullopt.
std::optional<std::string> FindRclone();

// Runs argv[0] (an absolute path) with the given arguments and stdin, capturing both outputs.
// `env` ("NAME=value" entries) replaces the environment when given.
ProcessResult RunProcess(const std::vector<std::string>& argv, const std::string& stdin_data = "",
                         const std::optional<std::vector<std::string>>& env = std::nullopt);

// test_support::TempDir (a fresh private directory under TMPDIR, removed with its files) that
// aborts when it cannot be made, since every caller writes there at once; File(name) is a path
// in it.
class TempDir : public test_support::TempDir {
 public:
  TempDir();
  std::string File(const std::string& name) const { return path() + "/" + name; }
};

}  // namespace vfs::testing

#endif  // FICHIER_TESTS_CONFIG_RCLONE_BINARY_H_
