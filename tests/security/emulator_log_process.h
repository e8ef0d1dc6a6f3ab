// Test helper shared by tests/security and tests/soak: runs fichier-emulator (path from the
// FICHIER_EMULATOR_PATH compile definition) with its stderr -- one log line per request --
// captured in a file, so a test can read what the server logged (keys must never be there;
// the soak counts the faults it injected). Unlike emulator::testing::EmulatorProcess it also
// starts HTTPS emulators (--tls-cert/--tls-key). The child gets SIGTERM when this object goes
// away or the test process dies.
#ifndef FICHIER_TESTS_SECURITY_EMULATOR_LOG_PROCESS_H_
#define FICHIER_TESTS_SECURITY_EMULATOR_LOG_PROCESS_H_

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#ifndef FICHIER_EMULATOR_PATH
#error "FICHIER_EMULATOR_PATH must name the fichier-emulator binary"
#endif

namespace sectest {

class LoggedEmulator {
 public:
  // Starts `fichier-emulator --listen 127.0.0.1:0 <flags>` with stderr appended to `log_path`;
  // nullptr when no "listening on" line came within 10 s.
  static std::unique_ptr<LoggedEmulator> Start(const std::vector<std::string>& flags,
                                               const std::string& log_path) {
    signal(SIGPIPE, SIG_IGN);
    std::vector<std::string> args = {FICHIER_EMULATOR_PATH, "--listen", "127.0.0.1:0"};
    args.insert(args.end(), flags.begin(), flags.end());
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    int out[2];
    if (pipe2(out, O_CLOEXEC) != 0) return nullptr;
    const int log_fd = open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (log_fd < 0) return nullptr;
    const pid_t parent = getpid();
    const pid_t pid = fork();
    if (pid < 0) return nullptr;
    if (pid == 0) {
      prctl(PR_SET_PDEATHSIG, SIGTERM);
      if (getppid() != parent) _exit(127);
      dup2(out[1], STDOUT_FILENO);
      dup2(log_fd, STDERR_FILENO);
      execv(argv[0], argv.data());
      _exit(127);
    }
    close(out[1]);
    close(log_fd);
    auto emu = std::unique_ptr<LoggedEmulator>(new LoggedEmulator());
    emu->pid_ = pid;
    emu->log_path_ = log_path;
    std::string line;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    bool got = false;
    while (!got) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now()).count();
      if (left <= 0) break;
      pollfd p{out[0], POLLIN, 0};
      if (poll(&p, 1, static_cast<int>(left)) <= 0) continue;
      char c;
      if (read(out[0], &c, 1) <= 0) break;
      if (c == '\n') {
        got = true;
      } else {
        line.push_back(c);
      }
    }
    close(out[0]);
    const std::string prefix = "listening on ";
    if (!got || line.rfind(prefix, 0) != 0) return nullptr;  // destructor stops the child
    emu->base_url_ = line.substr(prefix.size());
    emu->port_ = std::stoi(emu->base_url_.substr(emu->base_url_.rfind(':') + 1));
    return emu;
  }

  ~LoggedEmulator() { Stop(); }
  LoggedEmulator(const LoggedEmulator&) = delete;
  LoggedEmulator& operator=(const LoggedEmulator&) = delete;

  const std::string& base_url() const { return base_url_; }  // http(s)://127.0.0.1:NNNN
  std::string api_url() const { return base_url_ + "/v1"; }
  int port() const { return port_; }

  std::string Log() const {
    std::ifstream in(log_path_, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }

  // SIGTERM, then SIGKILL after 5 s.
  void Stop() {
    if (pid_ <= 0) return;
    kill(pid_, SIGTERM);
    int status = 0;
    for (int i = 0; i < 500; ++i) {
      if (waitpid(pid_, &status, WNOHANG) != 0) {
        pid_ = -1;
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    kill(pid_, SIGKILL);
    waitpid(pid_, &status, 0);
    pid_ = -1;
  }

 private:
  LoggedEmulator() = default;
  pid_t pid_ = -1;
  int port_ = 0;
  std::string base_url_;
  std::string log_path_;
};

// A connection-string remote on the emulator (root of the account).
inline std::string FichierRemote(const std::string& api_url, const std::string& key,
                                 const std::string& extra = "") {
  std::string r = ":fichier,api_key=" + key + ",api_url='" + api_url + "',pacer_min_sleep=1";
  if (!extra.empty()) r += "," + extra;
  return r + ":";
}

}  // namespace sectest

#endif  // FICHIER_TESTS_SECURITY_EMULATOR_LOG_PROCESS_H_
