#include "tests/integration/fclone_runner.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <random>
#include <regex>
#include <sstream>

#include "tests/support/process.h"

namespace fctest {
namespace fs = std::filesystem;

Scratch::Scratch() {
  // An empty config file, so runs do not log that none was found.
  std::ofstream(dir_ / "rclone.conf");
}

void Scratch::Write(const std::string& rel, const std::string& content, int64_t mtime) const {
  fs::path p = dir_ / rel;
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << content;
  if (mtime >= 0) {
    struct timespec times[2];
    times[0].tv_sec = times[1].tv_sec = mtime;
    times[0].tv_nsec = times[1].tv_nsec = 0;
    utimensat(AT_FDCWD, p.c_str(), times, 0);
  }
}

void Scratch::WriteAll(const std::string& root,
                       const std::vector<std::pair<std::string, std::string>>& files,
                       int64_t mtime) const {
  for (const auto& [path, content] : files) Write(root + "/" + path, content, mtime);
}

std::string Scratch::Read(const std::string& rel) const {
  std::ifstream in(dir_ / rel, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool Scratch::Exists(const std::string& rel) const { return fs::exists(dir_ / rel); }

std::vector<std::string> Scratch::Argv(std::vector<std::string> args) const {
  std::vector<std::string> argv = {FCLONE_PATH, "--config", (dir_ / "rclone.conf").string()};
  argv.insert(argv.end(), args.begin(), args.end());
  return argv;
}

namespace {

// HOME is the scratch dir (upload journals go below it), TZ is UTC, and no config or cache
// location comes from the test's own environment.
test_support::SpawnOptions Options(std::vector<std::string> argv, const fs::path& home) {
  test_support::SpawnOptions o;
  o.argv = std::move(argv);
  o.set_env = {"HOME=" + home.string(), "TZ=UTC"};
  o.unset_env = {"RCLONE_CONFIG", "XDG_CACHE_HOME"};
  return o;
}

std::string Slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

RunResult Scratch::Run(std::vector<std::string> args, const std::string& stdin_data) const {
  test_support::SpawnOptions o = Options(Argv(std::move(args)), dir_);
  o.stdin_data = stdin_data;
  test_support::ProcessResult r = test_support::RunProcess(o);
  return RunResult{r.exit_code, std::move(r.out), std::move(r.err)};
}

pid_t Scratch::Start(std::vector<std::string> args, int stdin_fd) const {
  test_support::SpawnOptions o = Options(Argv(std::move(args)), dir_);
  o.stdin_fd = stdin_fd;
  o.out = test_support::Output::Null();
  o.err = test_support::Output::Null();
  std::unique_ptr<test_support::Process> process = test_support::Process::Spawn(o);
  // The caller signals and reaps it by pid.
  return process != nullptr ? process->Release() : -1;
}

RunResult AddEmulatorRemote(const Scratch& scratch, const std::string& api_url,
                            const std::string& key) {
  return scratch.Run({"config", "create", "f", "fichier", "api_key", key, "api_url", api_url,
                      "pacer_min_sleep", "1", "pacer_max_sleep", "50"});
}

std::map<std::string, std::string> ReadTree(const fs::path& root) {
  std::map<std::string, std::string> out;
  if (!fs::exists(root)) return out;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (!e.is_regular_file()) continue;
    out[fs::relative(e.path(), root).string()] = Slurp(e.path());
  }
  return out;
}

std::vector<std::string> Entries(const fs::path& root) {
  std::vector<std::string> out;
  if (!fs::exists(root)) return out;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    std::string rel = fs::relative(e.path(), root).string();
    out.push_back(e.is_directory() ? rel + "/" : rel + " " + std::to_string(e.file_size()));
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string RandomBytes(size_t n, unsigned seed) {
  std::mt19937 gen(seed);
  std::string s(n, '\0');
  for (char& c : s) c = static_cast<char>(gen() & 0xFF);
  return s;
}

std::vector<std::string> ComparableLines(const std::string& text) {
  static const std::regex kStamp(R"(^\d{4}/\d\d/\d\d \d\d:\d\d:\d\d )");
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line.find("Config file") != std::string::npos) continue;
    line = std::regex_replace(line, kStamp, "");
    if (!line.empty() && line.back() == ',') line.pop_back();
    out.push_back(line);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace fctest
