// Flood protection like the real service's (spec §4.5): token buckets per API key and per client
// IP; going over locks both for a while, and every API call answers the flood error meanwhile.
// Optional budgets: one listing of a folder per interval, user/info and the whole-account
// listing (file/ls with -1). Upload nodes and download hosts are never limited.
#ifndef FICHIER_EMULATOR_RATE_LIMITER_H_
#define FICHIER_EMULATOR_RATE_LIMITER_H_

#include <cstdint>
#include <string>
#include "absl/strings/string_view.h"
#include <tuple>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "base/clock.h"
#include "emulator/options.h"

namespace emulator {

class RateLimiter {
 public:
  // `clock` (not owned) tells the time; tests pass a base::FakeClock.
  explicit RateLimiter(RateOptions options, base::Clock* clock = base::Clock::Real())
      : clock_(clock), options_(options) {}

  void Configure(RateOptions options);
  RateOptions options();
  void Reset();  // forgets buckets and locks

  // One API call. OK, or the flood error when over budget or locked.
  absl::Status Admit(absl::string_view ip, absl::string_view key, absl::string_view endpoint);
  // A listing of `folder_id` (-1 = whole account) through `endpoint`, after Admit().
  absl::Status AdmitListing(absl::string_view key, absl::string_view endpoint, int64_t folder_id);

 private:
  struct Bucket {
    double tokens = 0;
    absl::Time refreshed = absl::InfinitePast();
    absl::Time locked_until = absl::InfinitePast();
  };
  bool Take(Bucket& b, absl::Time now) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  absl::Status LockAndFail(Bucket* a, Bucket* b, absl::Time now)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  base::Clock* const clock_;
  absl::Mutex mu_;
  RateOptions options_ ABSL_GUARDED_BY(mu_);
  absl::flat_hash_map<std::string, Bucket> by_key_ ABSL_GUARDED_BY(mu_);
  absl::flat_hash_map<std::string, Bucket> by_ip_ ABSL_GUARDED_BY(mu_);
  absl::flat_hash_map<std::string, absl::Time> user_info_by_ip_ ABSL_GUARDED_BY(mu_);
  // (key, endpoint, folder) -> last listing.
  absl::flat_hash_map<std::tuple<std::string, std::string, int64_t>, absl::Time> listings_
      ABSL_GUARDED_BY(mu_);
};

}  // namespace emulator

#endif  // FICHIER_EMULATOR_RATE_LIMITER_H_
