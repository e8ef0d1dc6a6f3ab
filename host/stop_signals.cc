#include "host/stop_signals.h"

#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <functional>
#include <string>
#include <thread>

#include "absl/strings/cord.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "base/cancel.h"
#include "host/logger.h"

namespace fclone {
namespace {

constexpr char kSignalPayload[] = "fclone/stop-signal";

sigset_t WatchedSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGHUP);
  return set;
}

absl::Mutex hangup_mu(absl::kConstInit);
std::function<void()>* hangup_handler ABSL_GUARDED_BY(hangup_mu) = nullptr;
bool hangup_ignored = false;  // at start (nohup): SIGHUP stays ignored without a handler

// SIGHUP: the handler's business when one is set; else what it was at start: ignored, or the
// end of the process.
void Hangup() {
  {
    absl::MutexLock lock(&hangup_mu);
    if (hangup_handler != nullptr) {
      (*hangup_handler)();
      return;
    }
  }
  if (hangup_ignored) return;
  signal(SIGHUP, SIG_DFL);
  sigset_t one;
  sigemptyset(&one);
  sigaddset(&one, SIGHUP);
  raise(SIGHUP);  // pending: blocked in this thread until the next line
  pthread_sigmask(SIG_UNBLOCK, &one, nullptr);
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
      struct timespec timeout = absl::ToTimespec(grace);
      signo = sigtimedwait(&set, nullptr, &timeout);
      if (signo < 0 && errno == EINTR) continue;
    }
    if (signo == SIGHUP) {
      Hangup();
      continue;
    }
    if (first != 0) {
      // Stopping: a second signal, or a run that outlives the grace period, ends the process.
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
  struct sigaction previous {};
  hangup_ignored = sigaction(SIGHUP, nullptr, &previous) == 0 && previous.sa_handler == SIG_IGN;
  sigset_t set = WatchedSignals();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  // Detached: it lives as long as the process and ends with it.
  std::thread(WatchSignals, set, grace).detach();
}

void SetHangupHandler(std::function<void()> handler) {
  absl::MutexLock lock(&hangup_mu);
  delete hangup_handler;
  hangup_handler = handler ? new std::function<void()>(std::move(handler)) : nullptr;
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
