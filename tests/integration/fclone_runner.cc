#include "tests/integration/fclone_runner.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>

namespace fctest {
namespace fs = std::filesystem;

Scratch::Scratch() {
  std::string tmpl = (fs::temp_directory_path() / "fclone-it-XXXXXX").string();
  char* made = mkdtemp(tmpl.data());
  dir_ = made != nullptr ? fs::path(made) : fs::path("/nonexistent");
  // An empty config file, so runs do not log that none was found.
  std::ofstream(dir_ / "rclone.conf");
}

Scratch::~Scratch() {
  std::error_code ec;
  fs::remove_all(dir_, ec);
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

void ExecChild(const std::vector<std::string>& argv, const std::string& home) {
  std::vector<char*> c;
  for (const std::string& a : argv) c.push_back(const_cast<char*>(a.c_str()));
  c.push_back(nullptr);
  setenv("HOME", home.c_str(), 1);
  setenv("TZ", "UTC", 1);
  unsetenv("RCLONE_CONFIG");
  unsetenv("XDG_CACHE_HOME");  // upload journals go below HOME, the scratch dir
  execv(c[0], c.data());
  _exit(127);
}

std::string Slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

RunResult Scratch::Run(std::vector<std::string> args, const std::string& stdin_data) const {
  std::vector<std::string> argv = Argv(std::move(args));
  fs::path in = dir_ / ".stdin", out = dir_ / ".stdout", err = dir_ / ".stderr";
  std::ofstream(in, std::ios::binary) << stdin_data;
  pid_t pid = fork();
  if (pid == 0) {
    int fin = open(in.c_str(), O_RDONLY);
    int fout = open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int ferr = open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    dup2(fin, 0);
    dup2(fout, 1);
    dup2(ferr, 2);
    ExecChild(argv, dir_.string());
  }
  int status = 0;
  waitpid(pid, &status, 0);
  RunResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = Slurp(out);
  r.err = Slurp(err);
  return r;
}

pid_t Scratch::Start(std::vector<std::string> args, int stdin_fd) const {
  std::vector<std::string> argv = Argv(std::move(args));
  pid_t pid = fork();
  if (pid == 0) {
    int null = open("/dev/null", O_RDWR);
    dup2(stdin_fd >= 0 ? stdin_fd : null, 0);
    dup2(null, 1);
    dup2(null, 2);
    ExecChild(argv, dir_.string());
  }
  return pid;
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

}  // namespace fctest
