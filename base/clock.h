// The one time source and sleep of the tree, injected so that pacing, retries, polling and
// rate limits are tested in microseconds. Every wait that a stop (base::Cancel) must cut short
// goes through Wait().
#ifndef FICHIER_BASE_CLOCK_H_
#define FICHIER_BASE_CLOCK_H_

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "base/cancel.h"

namespace base {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual absl::Time Now() = 0;
  virtual void SleepFor(absl::Duration d) = 0;
  // Sleeps `d` unless `cancel` is (or becomes) triggered: OK after a full sleep, else the
  // cancel's reason. The real clock wakes at once on a trigger; a fake one checks before and
  // after its (instant) sleep.
  virtual absl::Status Wait(absl::Duration d, const Cancel& cancel);
  absl::Status Wait(absl::Duration d) { return Wait(d, CurrentCancel()); }
  // The process-wide wall clock; never destroyed.
  static Clock* Real();
};

// Another clock moved forward by an adjustable offset: a server under test (the emulator)
// lets its tests jump ahead (token expiry, rate-limit locks, listing lag) without sleeping.
class OffsetClock : public Clock {
 public:
  explicit OffsetClock(Clock* base = Clock::Real()) : base_(base) {}
  absl::Time Now() override;
  void SleepFor(absl::Duration d) override { base_->SleepFor(d); }
  void Advance(absl::Duration d);
  void Reset();

 private:
  Clock* const base_;
  mutable absl::Mutex mu_;
  absl::Duration offset_ ABSL_GUARDED_BY(mu_) = absl::ZeroDuration();
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

}  // namespace base

#endif  // FICHIER_BASE_CLOCK_H_
