#include "tests/config/rclone_binary.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/support/process.h"

namespace vfs::testing {

std::optional<std::string> FindRclone() {
  const char* path = std::getenv("PATH");
  if (path == nullptr) return std::nullopt;
  std::stringstream dirs(path);
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    if (dir.empty()) continue;
    std::string candidate = dir + "/rclone";
    if (access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return std::nullopt;
}

ProcessResult RunProcess(const std::vector<std::string>& argv, const std::string& stdin_data,
                         const std::optional<std::vector<std::string>>& env) {
  test_support::SpawnOptions o;
  o.argv = argv;
  o.env = env;
  o.stdin_data = stdin_data;
  test_support::ProcessResult r = test_support::RunProcess(o);
  return ProcessResult{r.exit_code, std::move(r.out), std::move(r.err)};
}

TempDir::TempDir() {
  std::string base = std::filesystem::temp_directory_path().string() + "/fichier-config-XXXXXX";
  if (mkdtemp(base.data()) == nullptr) std::abort();
  path_ = base;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

}  // namespace vfs::testing
