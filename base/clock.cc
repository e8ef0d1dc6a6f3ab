#include "base/clock.h"

#include "absl/time/clock.h"

namespace base {
namespace {

class RealClock : public Clock {
 public:
  absl::Time Now() override { return absl::Now(); }
  void SleepFor(absl::Duration d) override {
    if (d > absl::ZeroDuration()) absl::SleepFor(d);
  }
  absl::Status Wait(absl::Duration d, const Cancel& cancel) override {
    if (cancel.WaitFor(d)) return cancel.status();
    return absl::OkStatus();
  }
};

}  // namespace

absl::Status Clock::Wait(absl::Duration d, const Cancel& cancel) {
  if (cancel.triggered()) return cancel.status();
  SleepFor(d);
  return cancel.status();
}

Clock* Clock::Real() {
  static Clock* clock = new RealClock();
  return clock;
}

absl::Time OffsetClock::Now() {
  absl::MutexLock lock(&mu_);
  return base_->Now() + offset_;
}

void OffsetClock::Advance(absl::Duration d) {
  absl::MutexLock lock(&mu_);
  offset_ += d;
}

void OffsetClock::Reset() {
  absl::MutexLock lock(&mu_);
  offset_ = absl::ZeroDuration();
}

absl::Time FakeClock::Now() {
  absl::MutexLock lock(&mu_);
  return now_;
}

void FakeClock::SleepFor(absl::Duration d) {
  absl::MutexLock lock(&mu_);
  ++sleeps_;
  if (d > absl::ZeroDuration()) {
    now_ += d;
    total_slept_ += d;
  }
}

void FakeClock::Advance(absl::Duration d) {
  absl::MutexLock lock(&mu_);
  now_ += d;
}

int FakeClock::sleeps() const {
  absl::MutexLock lock(&mu_);
  return sleeps_;
}

absl::Duration FakeClock::total_slept() const {
  absl::MutexLock lock(&mu_);
  return total_slept_;
}

}  // namespace base
