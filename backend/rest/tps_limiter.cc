#include "backend/rest/tps_limiter.h"

#include <algorithm>

namespace backend::rest {

TpsLimiter::TpsLimiter(double rate, int burst, base::Clock* clock)
    : rate_(rate), burst_(std::max(1, burst)), clock_(clock), tokens_(burst_),
      last_(clock->Now()) {}

std::shared_ptr<TpsLimiter> TpsLimiter::Shared(double rate, int burst, base::Clock* clock) {
  static absl::Mutex mu(absl::kConstInit);
  static std::shared_ptr<TpsLimiter>* shared = new std::shared_ptr<TpsLimiter>;
  absl::MutexLock lock(&mu);
  const std::shared_ptr<TpsLimiter>& cur = *shared;
  if (!cur || cur->rate_ != rate || cur->burst_ != std::max(1, burst) || cur->clock_ != clock) {
    *shared = std::make_shared<TpsLimiter>(rate, burst, clock);
  }
  return *shared;
}

absl::Status TpsLimiter::Wait() {
  absl::Duration wait;
  {
    absl::MutexLock lock(&mu_);
    const absl::Time now = clock_->Now();
    tokens_ = std::min(burst_, tokens_ + absl::ToDoubleSeconds(now - last_) * rate_);
    last_ = now;
    tokens_ -= 1;  // taken now, or reserved: later callers queue behind it
    if (tokens_ >= 0) return absl::OkStatus();
    wait = absl::Seconds(-tokens_ / rate_);
  }
  return clock_->Wait(wait);
}

}  // namespace backend::rest
