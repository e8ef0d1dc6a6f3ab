// SIGINT and SIGTERM stop a run cleanly: no new work starts, what is in flight is cancelled
// (base::Cancel::Process() is triggered, every wait and libcurl transfer below gives up within
// about a second), the log and the stats are flushed and fclone exits 130 / 143 (128 + signal,
// as rclone's atexit does). A second signal exits at once.
//
// No work happens in a signal handler: the signals are blocked in every thread (block them
// before any thread starts: threads inherit the mask) and one thread takes them with sigwait.
#ifndef FICHIER_HOST_STOP_SIGNALS_H_
#define FICHIER_HOST_STOP_SIGNALS_H_

#include <functional>

#include "absl/status/status.h"
#include "absl/time/time.h"

namespace fclone {

// Blocks SIGINT, SIGTERM and SIGHUP in the calling thread and starts the thread that waits for
// them.
// Call first thing in main, before any other thread exists. `grace`: how long a stopped run may
// take to wind down before fclone exits anyway (a wait that does not obey the stop).
void StartSignalWatcher(absl::Duration grace = absl::Seconds(20));

// SIGHUP runs `handler` on the watcher thread (mount: the directory cache is forgotten, as
// rclone's mount does); an empty one restores the default: SIGHUP ends the process, as it ends
// rclone's other commands.
void SetHangupHandler(std::function<void()> handler);

// The cancel reason of a stop by signal `signo` ("context canceled", as rclone's transfers
// report it; code Cancelled, never retried).
absl::Status SignalStop(int signo);
// 128 + the signal for a SignalStop status, else 0.
int SignalExitCode(const absl::Status& status);

}  // namespace fclone

#endif  // FICHIER_HOST_STOP_SIGNALS_H_
