// Test helper shared by tests/security and tests/soak: runs fichier-emulator (path from the
// FICHIER_EMULATOR_PATH compile definition) with its stderr -- one log line per request --
// captured in a file, so a test can read what the server logged (keys must never be there;
// the soak counts the faults it injected). Unlike emulator::testing::EmulatorProcess it also
// starts HTTPS emulators (--tls-cert/--tls-key). The child gets SIGTERM when this object goes
// away or the test process dies.
#ifndef FICHIER_TESTS_SECURITY_EMULATOR_LOG_PROCESS_H_
#define FICHIER_TESTS_SECURITY_EMULATOR_LOG_PROCESS_H_

#include <signal.h>

#include <chrono>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/process.h"

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
    test_support::SpawnOptions o;
    o.argv = {FICHIER_EMULATOR_PATH, "--listen", "127.0.0.1:0"};
    o.argv.insert(o.argv.end(), flags.begin(), flags.end());
    o.err = test_support::Output::File(log_path, /*append=*/true);
    o.kill_with_parent = true;
    auto emu = std::unique_ptr<LoggedEmulator>(new LoggedEmulator());
    emu->process_ = test_support::Process::Spawn(o);
    if (emu->process_ == nullptr) return nullptr;
    emu->log_path_ = log_path;
    test_support::Process& p = *emu->process_;
    const bool got = p.ReadUntil([&p] { return p.out().find('\n') != std::string::npos; },
                                 std::chrono::seconds(10));
    const std::string line = p.out().substr(0, p.out().find('\n'));
    p.CloseOutputs();  // nothing else is written to stdout
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
    if (process_ == nullptr) return;
    process_->Signal(SIGTERM);
    if (!process_->WaitFor(std::chrono::seconds(5)).has_value()) process_->Kill();
    process_.reset();
  }

 private:
  LoggedEmulator() = default;
  std::unique_ptr<test_support::Process> process_;
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
