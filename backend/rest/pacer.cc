#include "backend/rest/pacer.h"

#include <algorithm>
#include <random>

#include "absl/strings/cord.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace backend::rest {
namespace {

constexpr absl::string_view kRetryAfterPayload = "backend.rest/retry-after-ms";
// Guards the wait loop against a clock that does not advance; each pass normally sleeps.
constexpr int kMaxWaitPasses = 1000;
// How often a caller waiting for a connection slot looks at its cancel token.
constexpr absl::Duration kCancelPoll = absl::Milliseconds(100);

std::function<double()> DefaultUniform() {
  auto engine = std::make_shared<std::mt19937_64>(std::random_device{}());
  auto mu = std::make_shared<absl::Mutex>();
  return [engine, mu] {
    absl::MutexLock lock(mu.get());
    return std::uniform_real_distribution<double>(0.0, 1.0)(*engine);
  };
}

}  // namespace

RetryClass ClassifyForRetry(const absl::Status& status) {
  switch (status.code()) {
    case absl::StatusCode::kOk:
      return RetryClass::kDone;
    case absl::StatusCode::kUnavailable:
    case absl::StatusCode::kDeadlineExceeded:
      return RetryClass::kRetry;
    case absl::StatusCode::kResourceExhausted:
      return RetryClass::kFlood;
    default:
      return RetryClass::kPermanent;
  }
}

void SetRetryAfter(absl::Status& status, absl::Duration delay) {
  if (status.ok()) return;
  status.SetPayload(kRetryAfterPayload, absl::Cord(absl::StrCat(absl::ToInt64Milliseconds(delay))));
}

std::optional<absl::Duration> GetRetryAfter(const absl::Status& status) {
  auto payload = status.GetPayload(kRetryAfterPayload);
  if (!payload.has_value()) return std::nullopt;
  int64_t ms = 0;
  if (!absl::SimpleAtoi(std::string(*payload), &ms) || ms < 0) return std::nullopt;
  return absl::Milliseconds(ms);
}

Pacer::Pacer(PacerOptions options, base::Clock* clock, std::function<double()> uniform)
    : options_(options),
      clock_(clock),
      uniform_(uniform ? std::move(uniform) : DefaultUniform()),
      sleep_(options.min_sleep),
      burst_(std::max(1, options.burst)) {}

absl::Duration Pacer::Jittered(absl::Duration d) {
  const double u = std::clamp(uniform_(), 0.0, 1.0);
  return d + d * (options_.jitter * u);
}

absl::StatusOr<Pacer::Turn> Pacer::Wait() {
  const base::Cancel& cancel = base::CurrentCancel();
  if (cancel.triggered()) return cancel.status();
  mu_.Lock();
  if (options_.max_connections > 0) {
    // Re-checked every poll interval: a trigger does not signal this mutex.
    const auto slot_free = [this]() ABSL_NO_THREAD_SAFETY_ANALYSIS {
      return in_flight_ < options_.max_connections;
    };
    while (!slot_free()) {
      if (cancel.triggered()) {
        mu_.Unlock();
        return cancel.status();
      }
      mu_.AwaitWithTimeout(absl::Condition(&slot_free), kCancelPoll);
    }
  }
  ++in_flight_;
  Turn turn(this);  // from here on, every way out releases the slot
  for (int pass = 0; pass < kMaxWaitPasses; ++pass) {
    const absl::Time now = clock_->Now();
    if (pass > 0 && locked_until_ <= now) break;
    // Reserve a start time: later callers queue behind it, so starts are spaced by the sleep
    // in force when each reservation was made, across all threads.
    absl::Time start = std::max({now, next_start_, locked_until_});
    // At the floor, a burst may start together; backing off, every start waits the sleep.
    const bool at_floor = sleep_ <= options_.min_sleep;
    const int window = at_floor ? burst_ : 1;
    if (static_cast<int>(recent_starts_.size()) >= window) {
      start = std::max(start, recent_starts_[recent_starts_.size() - window] + window * sleep_);
    }
    recent_starts_.push_back(start);
    while (static_cast<int>(recent_starts_.size()) > burst_) recent_starts_.pop_front();
    next_start_ = at_floor ? start : start + sleep_;
    mu_.Unlock();
    absl::Status waited = clock_->Wait(start - now, cancel);
    if (!waited.ok()) return waited;
    mu_.Lock();
    // A flood reported while we slept locks us out too; otherwise we are done.
    if (locked_until_ <= clock_->Now()) break;
  }
  mu_.Unlock();
  return turn;
}

void Pacer::OnSuccess() {
  absl::MutexLock lock(&mu_);
  consecutive_floods_ = 0;
  const int64_t ns = absl::ToInt64Nanoseconds(sleep_);
  const int64_t scale = int64_t{1} << options_.decay_constant;
  sleep_ = std::max(options_.min_sleep, absl::Nanoseconds((ns * scale - ns) / scale));
}

void Pacer::OnRetry(std::optional<absl::Duration> retry_after) {
  absl::MutexLock lock(&mu_);
  if (retry_after.has_value()) {
    sleep_ = std::clamp(*retry_after, options_.min_sleep, options_.max_retry_after);
  } else if (options_.attack_constant == 0) {
    sleep_ = options_.max_sleep;
  } else {
    const int64_t ns = absl::ToInt64Nanoseconds(sleep_);
    const int64_t scale = int64_t{1} << options_.attack_constant;
    sleep_ = std::min(options_.max_sleep, absl::Nanoseconds(ns * scale / (scale - 1)));
  }
  // Unlike rclone, the very next start already waits the longer time: the slot reserved
  // before the failure was computed with the old, short sleep.
  next_start_ = std::max(next_start_, clock_->Now() + Jittered(sleep_));
}

void Pacer::OnFlood() {
  absl::MutexLock lock(&mu_);
  ++consecutive_floods_;
  absl::Duration pause = options_.flood_pause;
  for (int i = 1; i < consecutive_floods_ && pause < options_.max_flood_pause; ++i) pause *= 2;
  pause = std::min(pause, options_.max_flood_pause);
  locked_until_ = std::max(locked_until_, clock_->Now() + Jittered(pause));
  sleep_ = options_.max_sleep;
  burst_ = 1;  // the service found even this pace too fast: no more bursts in this run
}

void Pacer::Release() {
  absl::MutexLock lock(&mu_);
  --in_flight_;
}

absl::Duration Pacer::sleep() const {
  absl::MutexLock lock(&mu_);
  return sleep_;
}

absl::Time Pacer::locked_until() const {
  absl::MutexLock lock(&mu_);
  return locked_until_;
}

Pacer::Turn::~Turn() {
  if (pacer_ != nullptr) pacer_->Release();
}
void Pacer::Turn::Succeeded() {
  if (pacer_ != nullptr) pacer_->OnSuccess();
}
void Pacer::Turn::Retry(std::optional<absl::Duration> retry_after) {
  if (pacer_ != nullptr) pacer_->OnRetry(retry_after);
}
void Pacer::Turn::Flooded() {
  if (pacer_ != nullptr) pacer_->OnFlood();
}

}  // namespace backend::rest
