#include "tests/config/rclone_binary.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace vfs::testing {
namespace {

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

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

// Outputs go through files rather than pipes: no need to multiplex two pipes to avoid a
// deadlock, and rclone's outputs here are tiny.
ProcessResult RunProcess(const std::vector<std::string>& argv, const std::string& stdin_data,
                         const std::optional<std::vector<std::string>>& env) {
  ProcessResult result;
  TempDir io;
  {
    std::ofstream in(io.File("stdin"), std::ios::binary);
    in << stdin_data;
  }
  pid_t pid = fork();
  if (pid < 0) return result;
  if (pid == 0) {
    int in = open(io.File("stdin").c_str(), O_RDONLY);
    int out = open(io.File("stdout").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int err = open(io.File("stderr").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (in < 0 || out < 0 || err < 0) _exit(127);
    dup2(in, 0);
    dup2(out, 1);
    dup2(err, 2);
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    if (env.has_value()) {
      std::vector<char*> envp;
      for (const std::string& e : *env) envp.push_back(const_cast<char*>(e.c_str()));
      envp.push_back(nullptr);
      execve(args[0], args.data(), envp.data());
    } else {
      execv(args[0], args.data());
    }
    _exit(127);
  }
  int status = 0;
  if (waitpid(pid, &status, 0) < 0) return result;
  if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  result.out = ReadAll(io.File("stdout"));
  result.err = ReadAll(io.File("stderr"));
  return result;
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
