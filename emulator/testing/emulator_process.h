// Test helper: runs fichier-emulator as a child process on a free loopback port for one test
// suite, and talks to its admin path. The child gets SIGTERM when this object goes away (and
// when the test process dies), so no emulator outlives its tests.
//
//   auto emu = emulator::testing::EmulatorProcess::Start({"--fault", "end.pl:html@1"});
//   ASSERT_TRUE(emu.ok()) << emu.status();
//   std::string api = (*emu)->api_url();   // http://127.0.0.1:NNNN/v1
#ifndef FICHIER_EMULATOR_TESTING_EMULATOR_PROCESS_H_
#define FICHIER_EMULATOR_TESTING_EMULATOR_PROCESS_H_

#include <sys/types.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include "absl/strings/string_view.h"
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace emulator::testing {

// Keys the helper configures unless the caller passes its own --key / --free-key.
inline constexpr char kPremiumKey[] = "premiumKey0123456789abcdefABCDEF";
inline constexpr char kFreeKey[] = "freeKey0123456789abcdefABCDEFghi";
inline constexpr char kAdminToken[] = "test-admin-token";

class EmulatorProcess {
 public:
  // Starts the binary with `--listen 127.0.0.1:0` plus `flags`, plus `--admin-token
  // kAdminToken` and the two default keys when `flags` gives no admin token (--admin-token,
  // --admin-token-file) or no key (--key, --free-key, --key-file, --free-key-file), and waits,
  // at most 10 s, for its "listening on" line. Sets SIGPIPE to ignored in the calling process.
  // Admin() calls use kAdminToken.
  static absl::StatusOr<std::unique_ptr<EmulatorProcess>> Start(
      std::vector<std::string> flags = {});
  ~EmulatorProcess();  // Stop()

  EmulatorProcess(const EmulatorProcess&) = delete;
  EmulatorProcess& operator=(const EmulatorProcess&) = delete;

  // "http://127.0.0.1:NNNN"
  const std::string& base_url() const { return base_url_; }
  std::string api_url() const { return base_url_ + "/v1"; }
  int port() const { return port_; }
  pid_t pid() const { return pid_; }

  absl::Status Reset();
  absl::Status ResetStats();
  // Calls per path ("/v1/file/ls.cgi", "/upload.cgi", "/end.pl", "download", "/dir").
  absl::StatusOr<std::map<std::string, int64_t>> Stats();
  // Adds fault specs (see emulator/fault_injector.h); all or none.
  absl::Status AddFault(absl::string_view spec);
  absl::Status ClearFaults();
  // {"rate":N,"burst":B,"lock_seconds":S,"folder_list_interval":S,...}
  absl::Status SetRate(absl::string_view json);
  absl::Status AdvanceClock(double seconds);
  absl::StatusOr<std::string> Tree();
  // GET /_emulator/connections: the connection guard's figures as JSON. `wait_for` (e.g.
  // "stalled=1", "reading_head=70&pacing=1") makes the emulator answer once they are reached
  // (at most 30 s).
  absl::StatusOr<std::string> Connections(absl::string_view wait_for = "");

  // SIGTERM, then waits up to 5 s (SIGKILL after that). Returns the exit status as a Status.
  absl::Status Stop();

 private:
  EmulatorProcess() = default;
  absl::StatusOr<std::string> Admin(absl::string_view method, absl::string_view path,
                                    absl::string_view body);

  pid_t pid_ = -1;
  int port_ = 0;
  std::string base_url_;
};

}  // namespace emulator::testing

#endif  // FICHIER_EMULATOR_TESTING_EMULATOR_PROCESS_H_
