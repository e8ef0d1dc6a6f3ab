#include "tests/config/rclone_binary.h"

#include <unistd.h>

#include <cstdlib>
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

TempDir::TempDir() : test_support::TempDir("fichier-config") {
  if (path().empty()) std::abort();
}

}  // namespace vfs::testing
