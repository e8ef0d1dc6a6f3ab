// Time source and sleep, injected so pacing and retry logic can be tested in microseconds.
#ifndef FICHIER_BACKEND_REST_CLOCK_H_
#define FICHIER_BACKEND_REST_CLOCK_H_

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace backend::rest {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual absl::Time Now() = 0;
  virtual void SleepFor(absl::Duration d) = 0;
  // The process-wide wall clock; never destroyed.
  static Clock* Real();
};

// For tests: time stands still until someone sleeps, and sleeping advances it at once. Counts
// the sleeps so tests can tell a wait from a busy loop.
class FakeClock : public Clock {
 public:
  explicit FakeClock(absl::Time start = absl::FromUnixSeconds(1'700'000'000)) : now_(start) {}
  absl::Time Now() override;
  void SleepFor(absl::Duration d) override;
  void Advance(absl::Duration d);
  int sleeps() const;
  absl::Duration total_slept() const;

 private:
  mutable absl::Mutex mu_;
  absl::Time now_ ABSL_GUARDED_BY(mu_);
  int sleeps_ ABSL_GUARDED_BY(mu_) = 0;
  absl::Duration total_slept_ ABSL_GUARDED_BY(mu_) = absl::ZeroDuration();
};

}  // namespace backend::rest

#endif  // FICHIER_BACKEND_REST_CLOCK_H_
