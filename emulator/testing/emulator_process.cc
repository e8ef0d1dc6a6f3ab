#include "emulator/testing/emulator_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "httplib.h"
#include "simdjson.h"

#ifndef FICHIER_EMULATOR_BINARY
#error "FICHIER_EMULATOR_BINARY must name the fichier-emulator binary"
#endif

namespace emulator::testing {
namespace {

constexpr absl::Duration kStartTimeout = absl::Seconds(10);
constexpr absl::Duration kStopTimeout = absl::Seconds(5);

// Waits for `pid` up to `timeout`; true when it exited (status in *status).
bool WaitFor(pid_t pid, absl::Duration timeout, int* status) {
  const absl::Time deadline = absl::Now() + timeout;
  for (;;) {
    const pid_t r = waitpid(pid, status, WNOHANG);
    if (r == pid) return true;
    if (r < 0 && errno != EINTR) return true;  // already reaped
    if (absl::Now() >= deadline) return false;
    absl::SleepFor(absl::Milliseconds(10));
  }
}

}  // namespace

absl::StatusOr<std::unique_ptr<EmulatorProcess>> EmulatorProcess::Start(
    std::vector<std::string> flags) {
  // Tests talk to a server that may drop connections on purpose (fault injection); a write to
  // such a socket must be an error, not a SIGPIPE that kills the test process.
  signal(SIGPIPE, SIG_IGN);
  std::vector<std::string> args = {FICHIER_EMULATOR_BINARY, "--listen", "127.0.0.1:0"};
  bool has_key = false;
  bool has_token = false;
  for (const std::string& f : flags) {
    if (f == "--key" || f == "--free-key" || f == "--key-file" || f == "--free-key-file") {
      has_key = true;
    }
    if (f == "--admin-token" || f == "--admin-token-file") has_token = true;
  }
  if (!has_token) args.insert(args.end(), {"--admin-token", kAdminToken});
  if (!has_key) {
    args.insert(args.end(), {"--key", kPremiumKey, "--free-key", kFreeKey});
  }
  args.insert(args.end(), flags.begin(), flags.end());
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);

  int out[2];
  if (pipe2(out, O_CLOEXEC) != 0) return absl::InternalError("pipe failed");
  const pid_t parent = getpid();
  const pid_t pid = fork();
  if (pid < 0) {
    close(out[0]);
    close(out[1]);
    return absl::InternalError("fork failed");
  }
  if (pid == 0) {
    // Child: only async-signal-safe calls until exec.
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (getppid() != parent) _exit(127);
    dup2(out[1], STDOUT_FILENO);
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(out[1]);
  auto proc = std::unique_ptr<EmulatorProcess>(new EmulatorProcess());
  proc->pid_ = pid;

  // Read the first line: "listening on http://127.0.0.1:NNNN".
  std::string line;
  const absl::Time deadline = absl::Now() + kStartTimeout;
  bool got_line = false;
  while (!got_line) {
    const int64_t left = absl::ToInt64Milliseconds(deadline - absl::Now());
    if (left <= 0) break;
    pollfd p{out[0], POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(left)) <= 0) continue;
    char c;
    const ssize_t n = read(out[0], &c, 1);
    if (n <= 0) break;  // the child exited
    if (c == '\n') {
      got_line = true;
    } else {
      line.push_back(c);
    }
  }
  close(out[0]);  // nothing else is written to stdout
  constexpr absl::string_view kPrefix = "listening on ";
  if (!got_line || !absl::StartsWith(line, kPrefix)) {
    return absl::UnavailableError(
        absl::StrCat("fichier-emulator did not start (first line: '", line, "')"));
  }
  proc->base_url_ = line.substr(kPrefix.size());
  const size_t colon = proc->base_url_.rfind(':');
  if (colon == std::string::npos ||
      !absl::SimpleAtoi(proc->base_url_.substr(colon + 1), &proc->port_)) {
    return absl::InternalError(absl::StrCat("cannot parse '", line, "'"));
  }
  return proc;
}

EmulatorProcess::~EmulatorProcess() { Stop().IgnoreError(); }

absl::Status EmulatorProcess::Stop() {
  if (pid_ <= 0) return absl::OkStatus();
  const pid_t pid = pid_;
  pid_ = -1;
  kill(pid, SIGTERM);
  int status = 0;
  if (!WaitFor(pid, kStopTimeout, &status)) {
    kill(pid, SIGKILL);
    WaitFor(pid, kStopTimeout, &status);
    return absl::DeadlineExceededError("fichier-emulator ignored SIGTERM; killed");
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return absl::OkStatus();
  return absl::InternalError(absl::StrCat("fichier-emulator exited with status ", status));
}

absl::StatusOr<std::string> EmulatorProcess::Admin(absl::string_view method,
                                                   absl::string_view path,
                                                   absl::string_view body) {
  httplib::Client client(base_url_);
  client.set_connection_timeout(5);
  client.set_read_timeout(40);  // /connections may wait 30 s for its figures
  httplib::Headers headers = {{"X-Admin-Token", kAdminToken}};
  const std::string p = absl::StrCat("/_emulator", path);
  httplib::Result res = method == "GET"
                            ? client.Get(p, headers)
                            : client.Post(p, headers, std::string(body), "application/json");
  if (!res) {
    return absl::UnavailableError(
        absl::StrCat("admin ", p, ": ", httplib::to_string(res.error())));
  }
  if (res->status != 200) {
    return absl::InternalError(absl::StrCat("admin ", p, ": HTTP ", res->status, " ", res->body));
  }
  return res->body;
}

absl::Status EmulatorProcess::Reset() { return Admin("POST", "/reset", "").status(); }

absl::Status EmulatorProcess::ResetStats() { return Admin("POST", "/stats/reset", "").status(); }

absl::StatusOr<std::map<std::string, int64_t>> EmulatorProcess::Stats() {
  auto body = Admin("GET", "/stats", "");
  if (!body.ok()) return body.status();
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  simdjson::dom::object calls;
  if (parser.parse(*body).get(root) != simdjson::SUCCESS ||
      root["calls"].get_object().get(calls) != simdjson::SUCCESS) {
    return absl::InternalError(absl::StrCat("bad stats answer: ", *body));
  }
  std::map<std::string, int64_t> out;
  for (auto field : calls) {
    int64_t n = 0;
    if (field.value.get_int64().get(n) != simdjson::SUCCESS) {
      return absl::InternalError("bad stats count");
    }
    out[std::string(field.key)] = n;
  }
  return out;
}

absl::Status EmulatorProcess::AddFault(absl::string_view spec) {
  return Admin("POST", "/faults", spec).status();
}

absl::Status EmulatorProcess::ClearFaults() {
  return Admin("POST", "/faults/clear", "").status();
}

absl::Status EmulatorProcess::SetRate(absl::string_view json) {
  return Admin("POST", "/rate", json).status();
}

absl::Status EmulatorProcess::AdvanceClock(double seconds) {
  return Admin("POST", "/clock", absl::StrCat("{\"advance_seconds\":", seconds, "}")).status();
}

absl::StatusOr<std::string> EmulatorProcess::Tree() { return Admin("GET", "/tree", ""); }

absl::StatusOr<std::string> EmulatorProcess::Connections(absl::string_view wait_for) {
  return Admin("GET", absl::StrCat("/connections?", wait_for), "");
}

}  // namespace emulator::testing
