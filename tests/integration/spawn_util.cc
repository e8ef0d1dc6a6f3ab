#include "tests/integration/spawn_util.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>

namespace fctest {

RunResult Spawn(const Scratch& s, const std::vector<std::string>& argv,
                const std::vector<std::string>& extra_env) {
  std::filesystem::path out = s.dir() / ".spawn.out", err = s.dir() / ".spawn.err";
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_addopen(&actions, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  std::vector<std::string> env_strings = {"TZ=UTC", "HOME=" + s.dir().string(),
                                          "RCLONE_CONFIG=" + s.Path("rclone.conf")};
  if (const char* path = std::getenv("PATH")) env_strings.push_back(std::string("PATH=") + path);
  env_strings.insert(env_strings.end(), extra_env.begin(), extra_env.end());
  std::vector<char*> c_argv, c_env;
  for (const std::string& a : argv) c_argv.push_back(const_cast<char*>(a.c_str()));
  c_argv.push_back(nullptr);
  for (const std::string& e : env_strings) c_env.push_back(const_cast<char*>(e.c_str()));
  c_env.push_back(nullptr);
  pid_t pid = 0;
  RunResult r;
  int spawned = posix_spawnp(&pid, c_argv[0], &actions, nullptr, c_argv.data(), c_env.data());
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) {
    r.exit_code = 127;
    return r;
  }
  int status = 0;
  waitpid(pid, &status, 0);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = s.Read(".spawn.out");
  r.err = s.Read(".spawn.err");
  return r;
}

bool HaveRclone(const Scratch& s) {
  static const bool have = Spawn(s, {"rclone", "version"}).exit_code == 0;
  return have;
}

}  // namespace fctest
