// --max-duration for one copy/sync/move session (rclone's sync "Transfer session deadline").
// Once the duration has passed, no new transfer starts; in hard cutoff mode the run's stop
// signal (the base::Cancel current when the session began) is triggered too, so transfers in
// flight are cut within one poll interval, as rclone cancels its context. The session then
// reports MaxDurationReached (fatal).
#ifndef FICHIER_VFS_OPERATIONS_SESSION_DEADLINE_H_
#define FICHIER_VFS_OPERATIONS_SESSION_DEADLINE_H_

#include <atomic>
#include <memory>
#include <string_view>
#include <thread>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "base/cancel.h"
#include "vfs/operations/limits.h"

namespace vfs::operations {

// The reason a hard --max-duration stop gives the run's cancel token: what the transfers cut in
// flight report ("context deadline exceeded", as rclone's do). Code Cancelled: never retried.
absl::Status MaxDurationCancel();
bool IsMaxDurationCancel(const absl::Status& status);

class SessionDeadline {
 public:
  // Starts the clock (and logs rclone's "Transfer session <MODE> deadline: <time>" on
  // `subject`). A duration <= 0 makes a deadline that never passes and starts no thread.
  SessionDeadline(absl::Duration duration, CutoffMode mode, std::string_view subject);
  ~SessionDeadline();
  SessionDeadline(const SessionDeadline&) = delete;
  SessionDeadline& operator=(const SessionDeadline&) = delete;

  bool reached() const { return reached_.load(std::memory_order_acquire); }

 private:
  std::atomic<bool> reached_{false};
  base::Cancel done_;  // triggered when the session ends: the watcher leaves early
  std::thread watcher_;
};

}  // namespace vfs::operations

#endif  // FICHIER_VFS_OPERATIONS_SESSION_DEADLINE_H_
