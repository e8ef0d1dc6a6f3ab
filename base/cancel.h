// One run's stop signal. A host triggers it (SIGINT/SIGTERM, --max-duration, an embedder's own
// reason); every wait of the layers below (pacer, flood pauses, retry back-off, upload
// confirmation, libcurl transfers) sees it and gives up with the trigger's reason, so a stop
// takes effect within one poll interval wherever the run happens to be.
//
// Which token a piece of code obeys: the thread's current token (ScopedCancel, installed by the
// operations' worker pools on every thread they start), else the process-wide one. Backends call
// CurrentCancel() and never need a token in their signatures.
#ifndef FICHIER_BASE_CANCEL_H_
#define FICHIER_BASE_CANCEL_H_

#include <atomic>
#include <memory>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace base {

class Cancel {
 public:
  Cancel() = default;
  Cancel(const Cancel&) = delete;
  Cancel& operator=(const Cancel&) = delete;

  // Stops the run with `reason` (not OK). The first reason wins; later calls change nothing.
  // Safe from any thread (not from a signal handler: use a thread that waits for signals).
  void Trigger(absl::Status reason);
  // Lock-free: cheap enough for a libcurl progress callback.
  bool triggered() const { return triggered_.load(std::memory_order_acquire); }
  // OK until triggered, then the reason.
  absl::Status status() const;
  // Waits `d` of wall time or until triggered, whichever comes first. True when triggered.
  bool WaitFor(absl::Duration d) const;

  // The token of runs that install none (a host triggers it on signals).
  static Cancel& Process();

 private:
  std::atomic<bool> triggered_{false};
  mutable absl::Mutex mu_;
  absl::Status reason_ ABSL_GUARDED_BY(mu_);
};

// The token this thread obeys: the innermost ScopedCancel's, else Cancel::Process().
Cancel& CurrentCancel();
// The shared token to hand to a thread this code starts, so it obeys the same stop.
std::shared_ptr<Cancel> CurrentCancelShared();

// Makes `token` this thread's current token for the scope (null = leave it as it is).
class ScopedCancel {
 public:
  explicit ScopedCancel(std::shared_ptr<Cancel> token);
  ~ScopedCancel();
  ScopedCancel(const ScopedCancel&) = delete;
  ScopedCancel& operator=(const ScopedCancel&) = delete;

 private:
  std::shared_ptr<Cancel> previous_;
  bool installed_ = false;
};

}  // namespace base

#endif  // FICHIER_BASE_CANCEL_H_
