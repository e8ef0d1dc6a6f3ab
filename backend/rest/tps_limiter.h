// --tpslimit / --tpslimit-burst: a token bucket over HTTP transactions. rclone's limit is one
// for the whole process, so every client with the same settings shares one bucket (Shared).
// Waiting goes through the injected clock and ends at once on a stop.
#ifndef FICHIER_BACKEND_REST_TPS_LIMITER_H_
#define FICHIER_BACKEND_REST_TPS_LIMITER_H_

#include <memory>

#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "base/clock.h"

namespace backend::rest {

class TpsLimiter {
 public:
  // `rate` transactions per second (> 0), up to `burst` (>= 1) at once after a quiet spell.
  TpsLimiter(double rate, int burst, base::Clock* clock);

  // The process-wide bucket for these settings (made on first use; a different rate or clock
  // replaces it).
  static std::shared_ptr<TpsLimiter> Shared(double rate, int burst, base::Clock* clock);

  // Blocks until one transaction may start; fails only with a stop's status.
  absl::Status Wait();

 private:
  const double rate_;
  const double burst_;
  base::Clock* const clock_;
  absl::Mutex mu_;
  double tokens_ ABSL_GUARDED_BY(mu_);
  absl::Time last_ ABSL_GUARDED_BY(mu_);
};

}  // namespace backend::rest

#endif  // FICHIER_BACKEND_REST_TPS_LIMITER_H_
