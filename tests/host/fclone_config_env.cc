#include "tests/host/fclone_config_env.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace fclone {

test_support::SpawnOptions FcloneConfigEnv::Options(std::vector<std::string> args) const {
  test_support::SpawnOptions o;
  o.argv = {FCLONE_PATH, "--config", config_};
  o.argv.insert(o.argv.end(), args.begin(), args.end());
  o.set_env = {"HOME=" + dir(), "XDG_CONFIG_HOME=" + dir() + "/xdg",
               "XDG_CACHE_HOME=" + dir() + "/cache"};
  o.unset_env = {"RCLONE_CONFIG", "RCLONE_CONFIG_PASS", "RCLONE_PASSWORD_COMMAND",
                 "RCLONE_ASK_PASSWORD"};
  o.cwd = dir();
  return o;
}

RunResult FcloneConfigEnv::Run(std::vector<std::string> args, const std::string& stdin_data,
                               const std::vector<std::string>& set_env) const {
  test_support::SpawnOptions o = Options(std::move(args));
  o.stdin_data = stdin_data;
  o.set_env.insert(o.set_env.end(), set_env.begin(), set_env.end());
  return test_support::RunProcess(o);
}

std::unique_ptr<test_support::Process> FcloneConfigEnv::StartOnTerminal(
    std::vector<std::string> args) const {
  test_support::SpawnOptions o = Options(std::move(args));
  o.terminal = true;
  return test_support::Process::Spawn(o);
}

std::string FcloneConfigEnv::ReadConfig() const {
  std::ifstream in(config_, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void FcloneConfigEnv::WriteConfig(const std::string& text) const {
  std::ofstream(config_, std::ios::binary | std::ios::trunc) << text;
  chmod(config_.c_str(), 0600);
}

int FcloneConfigEnv::ConfigMode() const {
  struct stat st;
  if (stat(config_.c_str(), &st) != 0) return -1;
  return static_cast<int>(st.st_mode & 0777);
}

std::optional<std::string> ValueOf(const std::string& config_text, const std::string& key) {
  std::istringstream in(config_text);
  std::string line;
  const std::string prefix = key + " = ";
  while (std::getline(in, line)) {
    if (line.starts_with(prefix)) return line.substr(prefix.size());
  }
  return std::nullopt;
}

}  // namespace fclone
