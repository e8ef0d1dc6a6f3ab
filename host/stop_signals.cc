#include "host/stop_signals.h"

#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <string>
#include <thread>

#include "absl/strings/cord.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "base/cancel.h"
#include "host/logger.h"

namespace fclone {
namespace {

constexpr char kSignalPayload[] = "fclone/stop-signal";

sigset_t StopSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  return set;
}

// Go's names, which rclone prints in "Signal received: ...".
const char* SignalName(int signo) { return signo == SIGINT ? "interrupt" : "terminated"; }

[[noreturn]] void WatchSignals(sigset_t set, absl::Duration grace) {
  int first = 0;
  for (;;) {
    int signo = 0;
    if (first == 0) {
      if (sigwait(&set, &signo) != 0) continue;
    } else {
      // Stopping: a second signal, or a run that outlives the grace period, ends the process.
      struct timespec timeout = absl::ToTimespec(grace);
      signo = sigtimedwait(&set, nullptr, &timeout);
      if (signo < 0 && errno == EINTR) continue;
      if (signo < 0) {
        Logger::Get().Log(vfs::LogLevel::kError, "",
                          absl::StrCat("Still stopping after ", absl::FormatDuration(grace),
                                       " - exiting"));
        _exit(128 + first);
      }
      _exit(128 + signo);
    }
    first = signo;
    Logger::Get().Log(vfs::LogLevel::kInfo, "",
                      absl::StrCat("Signal received: ", SignalName(signo)));
    base::Cancel::Process().Trigger(SignalStop(signo));
  }
}

}  // namespace

void StartSignalWatcher(absl::Duration grace) {
  sigset_t set = StopSignals();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  // Detached: it lives as long as the process and ends with it.
  std::thread(WatchSignals, set, grace).detach();
}

absl::Status SignalStop(int signo) {
  absl::Status st = absl::CancelledError("context canceled");
  st.SetPayload(kSignalPayload, absl::Cord(absl::StrCat(signo)));
  return st;
}

int SignalExitCode(const absl::Status& status) {
  absl::optional<absl::Cord> payload = status.GetPayload(kSignalPayload);
  int signo = 0;
  if (!payload.has_value() || !absl::SimpleAtoi(std::string(*payload), &signo)) return 0;
  return 128 + signo;
}

}  // namespace fclone
