// The pacer: one per remote, shared by every call (API, upload, download) made for it. It
// spaces call starts (rclone's lib/pacer "Default" calculator: a sleep time that jumps up on a
// retryable failure and decays on success), adds jitter to back-off so parallel clients do not
// retry in lock-step, and on a flood answer locks every caller out for a long, escalating but
// capped pause. Optionally caps calls in flight. All waiting goes through the injected Clock and
// gives up when the calling thread's base::Cancel is triggered (a stop, --max-duration).
#ifndef FICHIER_BACKEND_REST_PACER_H_
#define FICHIER_BACKEND_REST_PACER_H_

#include <deque>
#include <functional>
#include <optional>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "base/clock.h"

namespace backend::rest {

struct PacerOptions {
  // rclone's fichier values: 400 ms between calls at best, 5 s at worst, decay x3/4 per
  // success, attack 0 (a failure jumps straight to max_sleep).
  absl::Duration min_sleep = absl::Milliseconds(400);
  absl::Duration max_sleep = absl::Seconds(5);
  int decay_constant = 2;
  int attack_constant = 0;
  // Back-off waits are stretched by a random factor in [1, 1 + jitter]; never shortened, so
  // min_sleep stays a true floor.
  double jitter = 0.25;
  // Flood lock: first pause, doubled on each consecutive flood, capped.
  absl::Duration flood_pause = absl::Seconds(30);
  absl::Duration max_flood_pause = absl::Minutes(5);
  // Largest Retry-After honoured; a server asking for more gets this.
  absl::Duration max_retry_after = absl::Minutes(5);
  // Calls in flight at once; 0 = no limit.
  int max_connections = 0;
  // While the sleep is at min_sleep, up to `burst` calls may start at once, as long as no
  // window of burst x min_sleep holds more than `burst` starts: the long-run rate stays
  // 1 / min_sleep (rclone's), and with burst 3 no second ever holds more than the 3 calls the
  // service allows (spec 4.1). A short lookup chain (list, list, token) then costs no waiting.
  // 1 = rclone's strict spacing, which a flood answer also falls back to for good.
  int burst = 1;
};

// Bounds of the retry loop built on the pacer.
struct RetryPolicy {
  int max_attempts = 10;    // rclone's --low-level-retries
  int max_flood_waits = 3;  // flood pauses one call may sit through before giving up
};

// How a finished attempt should steer the next one.
enum class RetryClass { kDone, kRetry, kFlood, kPermanent };
// OK -> kDone; Unavailable, DeadlineExceeded -> kRetry; ResourceExhausted (rate limited /
// flood) -> kFlood; anything else -> kPermanent.
RetryClass ClassifyForRetry(const absl::Status& status);

// A server's Retry-After travels on the status as a payload.
void SetRetryAfter(absl::Status& status, absl::Duration delay);
std::optional<absl::Duration> GetRetryAfter(const absl::Status& status);

class Pacer {
 public:
  // `uniform` returns values in [0, 1) for jitter; default: a seeded generator.
  explicit Pacer(PacerOptions options = {}, base::Clock* clock = base::Clock::Real(),
                 std::function<double()> uniform = nullptr);
  Pacer(const Pacer&) = delete;
  Pacer& operator=(const Pacer&) = delete;

  // One call's slot. Report exactly one outcome; destroying it releases the connection slot
  // (an unreported turn changes nothing).
  class Turn {
   public:
    Turn(Turn&& other) noexcept : pacer_(other.pacer_) { other.pacer_ = nullptr; }
    Turn& operator=(Turn&&) = delete;
    ~Turn();
    void Succeeded();
    void Retry(std::optional<absl::Duration> retry_after = std::nullopt);
    void Flooded();

   private:
    friend class Pacer;
    explicit Turn(Pacer* pacer) : pacer_(pacer) {}
    Pacer* pacer_;
  };

  // Blocks (through the clock) until this call may start, or fails with the reason of the
  // thread's current base::Cancel once it is triggered (no call may start after a stop).
  absl::StatusOr<Turn> Wait();

  absl::Duration sleep() const;
  absl::Time locked_until() const;
  const PacerOptions& options() const { return options_; }
  base::Clock* clock() const { return clock_; }

 private:
  void OnSuccess();
  void OnRetry(std::optional<absl::Duration> retry_after);
  void OnFlood();
  void Release();
  absl::Duration Jittered(absl::Duration d) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  const PacerOptions options_;
  base::Clock* const clock_;
  std::function<double()> uniform_;
  mutable absl::Mutex mu_;
  absl::Duration sleep_ ABSL_GUARDED_BY(mu_);
  absl::Time next_start_ ABSL_GUARDED_BY(mu_) = absl::InfinitePast();
  // The last `burst_` reserved starts, oldest first (the window of PacerOptions::burst).
  std::deque<absl::Time> recent_starts_ ABSL_GUARDED_BY(mu_);
  int burst_ ABSL_GUARDED_BY(mu_);
  absl::Time locked_until_ ABSL_GUARDED_BY(mu_) = absl::InfinitePast();
  int consecutive_floods_ ABSL_GUARDED_BY(mu_) = 0;
  int in_flight_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace backend::rest

#endif  // FICHIER_BACKEND_REST_PACER_H_
