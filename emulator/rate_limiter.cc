#include "emulator/rate_limiter.h"

#include <algorithm>

#include "emulator/api_error.h"

namespace emulator {

void RateLimiter::Configure(RateOptions options) {
  absl::MutexLock lock(&mu_);
  options_ = options;
}

RateOptions RateLimiter::options() {
  absl::MutexLock lock(&mu_);
  return options_;
}

void RateLimiter::Reset() {
  absl::MutexLock lock(&mu_);
  by_key_.clear();
  by_ip_.clear();
  user_info_by_ip_.clear();
  listings_.clear();
}

bool RateLimiter::Take(Bucket& b, absl::Time now) {
  const double burst = std::max(1.0, options_.burst);
  if (b.refreshed == absl::InfinitePast()) {
    b.tokens = burst;
  } else {
    b.tokens = std::min(burst, b.tokens + absl::ToDoubleSeconds(now - b.refreshed) *
                                              options_.calls_per_second);
  }
  b.refreshed = now;
  if (b.tokens < 1) return false;
  b.tokens -= 1;
  return true;
}

absl::Status RateLimiter::LockAndFail(Bucket* a, Bucket* b, absl::Time now) {
  const absl::Time until = now + absl::Seconds(options_.lock_seconds);
  if (a != nullptr) a->locked_until = until;
  if (b != nullptr) b->locked_until = until;
  return Flood(options_.flood_code);
}

absl::Status RateLimiter::Admit(absl::string_view ip, absl::string_view key,
                                absl::string_view endpoint) {
  absl::MutexLock lock(&mu_);
  if (options_.calls_per_second <= 0) return absl::OkStatus();
  const absl::Time now = clock_->Now();
  Bucket& by_ip = by_ip_[ip];
  Bucket* by_key = key.empty() ? nullptr : &by_key_[key];
  if (now < by_ip.locked_until || (by_key != nullptr && now < by_key->locked_until)) {
    return Flood(options_.flood_code);
  }
  const bool ip_ok = Take(by_ip, now);
  const bool key_ok = by_key == nullptr || Take(*by_key, now);
  if (!ip_ok || !key_ok) return LockAndFail(&by_ip, by_key, now);
  if (endpoint == "/v1/user/info.cgi" && options_.user_info_interval > 0) {
    auto [it, first] = user_info_by_ip_.try_emplace(std::string(ip), now);
    if (!first) {
      if (now - it->second < absl::Seconds(options_.user_info_interval)) {
        return LockAndFail(&by_ip, by_key, now);
      }
      it->second = now;
    }
  }
  return absl::OkStatus();
}

absl::Status RateLimiter::AdmitListing(absl::string_view key, absl::string_view endpoint,
                                       int64_t folder_id) {
  absl::MutexLock lock(&mu_);
  double interval = options_.folder_list_interval;
  if (folder_id == -1 && options_.calls_per_second > 0) {
    interval = std::max(interval, options_.all_files_interval);
  }
  if (interval <= 0) return absl::OkStatus();
  const absl::Time now = clock_->Now();
  auto [it, first] = listings_.try_emplace(
      std::make_tuple(std::string(key), std::string(endpoint), folder_id), now);
  if (first) return absl::OkStatus();
  if (now - it->second < absl::Seconds(interval)) return Flood(options_.flood_code);
  it->second = now;
  return absl::OkStatus();
}

}  // namespace emulator
