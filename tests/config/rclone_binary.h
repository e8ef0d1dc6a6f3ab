// Test helper: run the real `rclone` binary (Debian's 1.60) so our config code is checked against
// it, not only against vectors we wrote ourselves.
#ifndef FICHIER_TESTS_CONFIG_RCLONE_BINARY_H_
#define FICHIER_TESTS_CONFIG_RCLONE_BINARY_H_

#include <optional>
#include <string>
#include <vector>

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

// A fresh private directory under TMPDIR, removed by the destructor.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

}  // namespace vfs::testing

#endif  // FICHIER_TESTS_CONFIG_RCLONE_BINARY_H_
