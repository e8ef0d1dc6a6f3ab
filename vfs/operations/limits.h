// rclone's transfer limits (spec 4.11), shared by every transfer of a run:
// --max-transfer SIZE with --cutoff-mode hard|soft|cautious, --bwlimit (one rate for the
// sum of all transfers, or UP:DOWN, or a timetable of them) and --bwlimit-file (the same, for
// each file on its own, the slot in force when the file starts). Streamed transfers pass each read
// through a Meter, which stops a hard-limited transfer at the exact byte and waits on the token
// buckets of the limit in force.
#ifndef FICHIER_VFS_OPERATIONS_LIMITS_H_
#define FICHIER_VFS_OPERATIONS_LIMITS_H_

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "base/clock.h"
#include "vfs/operations/bw_timetable.h"
#include "vfs/operations/stats.h"

namespace vfs::operations {

enum class CutoffMode { kHard, kSoft, kCautious };

// "hard", "soft", "cautious" in any case (rclone's --cutoff-mode).
absl::StatusOr<CutoffMode> ParseCutoffMode(std::string_view text);
// "HARD", "SOFT", "CAUTIOUS": how rclone's log lines name the mode.
std::string_view CutoffModeName(CutoffMode mode);

// "max transfer limit reached as set by --max-transfer": fatal (no retries) in hard mode, a
// no-retry error when soft/cautious stop scheduling. Exit code 8 (host).
absl::Status MaxTransferReached(bool fatal);
bool IsMaxTransferReached(const absl::Status& status);
bool IsMaxTransferFatal(const absl::Status& status);

// "max transfer duration reached as set by --max-duration": always fatal (no retries, exit 7).
absl::Status MaxDurationReached();
bool IsMaxDurationReached(const absl::Status& status);

// A token bucket: Take(n) returns once n more bytes fit the rate. It starts empty (no initial
// burst) and saves at most one second of unused rate. Thread-safe; the clock is injectable.
// The wait is cut short by a stop (the thread's base::Cancel): Take then returns its reason.
class TokenBucket {
 public:
  explicit TokenBucket(int64_t bytes_per_second, base::Clock* clock = base::Clock::Real());
  absl::Status Take(int64_t n);
  int64_t rate() const { return rate_; }

 private:
  const int64_t rate_;
  base::Clock* const clock_;
  absl::Mutex mu_;
  absl::Time tat_ ABSL_GUARDED_BY(mu_);  // when the bucket would be full again (GCRA)
};

class Limits {
 public:
  struct Options {
    int64_t max_transfer = -1;  // bytes; -1 = off
    CutoffMode cutoff_mode = CutoffMode::kHard;
    BwTimetable bwlimit;
    BwTimetable bwlimit_file;
    // What the timetable is read against (rclone: the local time) and what the buckets wait on.
    absl::TimeZone time_zone = absl::LocalTimeZone();
    base::Clock* clock = base::Clock::Real();
    // --max-duration: each copy/sync/move session stops after this (0 = off); the cutoff mode
    // applies (hard: transfers in flight are cut; soft/cautious: they finish, none starts).
    absl::Duration max_duration = absl::ZeroDuration();
  };
  // Null when nothing is limited.
  static std::shared_ptr<Limits> Create(const Options& options);
  explicit Limits(const Options& options);

  // Before a transfer of `size` bytes starts (rclone checks in operations.Copy): the
  // max-transfer error when the limit is reached (soft/cautious: logs once "... - stopping
  // transfers" and stops new transfers; cautious also counts this file and the rest of those
  // in flight).
  absl::Status BeforeTransfer(int64_t size, const Stats& stats);
  // After the limit stopped the run: schedule nothing new.
  bool stopped() const { return stopped_.load(std::memory_order_relaxed); }

  // The buckets a transfer going `up` and/or `down` waits on (for --bwlimit, under the limit in
  // force, made anew, empty, when the timetable moves to another slot).
  struct Buckets {
    std::shared_ptr<TokenBucket> first, second;
  };

  // One streamed transfer's reads (copies of a Meter share its file's buckets: the streams of
  // one file). `up`/`down`: which directional buckets apply (a single rate applies to every
  // transfer).
  class Meter {
   public:
    Meter(Limits* limits, bool up, bool down);
    // Before a read: the fatal error once a hard limit is reached.
    absl::Status BeforeRead();
    // How much to ask of the source at once, so waits stay short and smooth.
    size_t Clamp(size_t wanted) const;
    // After reading n bytes: how many may be passed on (a hard limit cuts at the exact byte),
    // once the bandwidth allows them.
    absl::StatusOr<size_t> AfterRead(size_t n);

   private:
    friend class Limits;
    Limits* limits_;
    bool up_;
    bool down_;
    Buckets file_;  // --bwlimit-file: this file's own
  };
  Meter MeterFor(bool dst_is_local, bool src_is_local);

  int64_t bytes() const { return bytes_.load(std::memory_order_relaxed); }
  const Options& options() const { return options_; }

 private:
  // The buckets of `limit` for a transfer going `up`/`down` (one for a single rate).
  Buckets Make(const BandwidthLimit& limit, bool up, bool down) const;
  Buckets BucketsFor(bool up, bool down);
  void Apply(const BandwidthLimit& limit) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  Options options_;
  std::atomic<int64_t> bytes_{0};  // every byte read by streamed transfers
  std::atomic<bool> stopped_{false};
  std::atomic<bool> noticed_{false};
  absl::Mutex mu_;
  BandwidthLimit in_force_ ABSL_GUARDED_BY(mu_);
  absl::Time next_check_ ABSL_GUARDED_BY(mu_) = absl::InfiniteFuture();
  std::shared_ptr<TokenBucket> both_ ABSL_GUARDED_BY(mu_);
  std::shared_ptr<TokenBucket> up_ ABSL_GUARDED_BY(mu_);
  std::shared_ptr<TokenBucket> down_ ABSL_GUARDED_BY(mu_);
};

}  // namespace vfs::operations

#endif  // FICHIER_VFS_OPERATIONS_LIMITS_H_
