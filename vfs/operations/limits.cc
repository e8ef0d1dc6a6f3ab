#include "vfs/operations/limits.h"

#include <algorithm>
#include <string>

#include "absl/strings/cord.h"
#include "absl/time/clock.h"
#include "base/enum_names.h"
#include "base/string_views.h"
#include "vfs/operations/context.h"
#include "vfs/operations/filter.h"

namespace vfs::operations {
namespace {

constexpr char kMaxTransferPayload[] = "fichier/max-transfer";
constexpr char kMaxTransferMessage[] = "max transfer limit reached as set by --max-transfer";
constexpr char kMaxDurationPayload[] = "fichier/max-duration";
constexpr char kMaxDurationMessage[] = "max transfer duration reached as set by --max-duration";

}  // namespace

namespace {

constexpr base::EnumName<CutoffMode> kCutoffModeNames[] = {
    {CutoffMode::kHard, "HARD"},
    {CutoffMode::kSoft, "SOFT"},
    {CutoffMode::kCautious, "CAUTIOUS"},
};

}  // namespace

std::string_view CutoffModeName(CutoffMode mode) {
  return base::NameOf(kCutoffModeNames, mode, "HARD");
}

absl::StatusOr<CutoffMode> ParseCutoffMode(std::string_view text) {
  if (auto mode = base::ValueOf(kCutoffModeNames, text, /*ignore_case=*/true)) return *mode;
  return absl::InvalidArgumentError("unknown cutoff mode \"" + std::string(text) + "\"");
}

absl::Status MaxTransferReached(bool fatal) {
  absl::Status st = absl::OutOfRangeError(kMaxTransferMessage);
  st.SetPayload(kMaxTransferPayload, absl::Cord(fatal ? "fatal" : "graceful"));
  return st;
}

bool IsMaxTransferReached(const absl::Status& status) {
  return status.GetPayload(kMaxTransferPayload).has_value();
}

bool IsMaxTransferFatal(const absl::Status& status) {
  absl::optional<absl::Cord> payload = status.GetPayload(kMaxTransferPayload);
  return payload.has_value() && *payload == "fatal";
}

absl::Status MaxDurationReached() {
  absl::Status st = absl::DeadlineExceededError(kMaxDurationMessage);
  st.SetPayload(kMaxDurationPayload, absl::Cord("fatal"));
  return st;
}

bool IsMaxDurationReached(const absl::Status& status) {
  return status.GetPayload(kMaxDurationPayload).has_value();
}

TokenBucket::TokenBucket(int64_t bytes_per_second, base::Clock* clock)
    : rate_(std::max<int64_t>(1, bytes_per_second)), clock_(clock) {
  // Empty at the start: the first bytes already wait for the rate.
  tat_ = clock_->Now() + absl::Seconds(1);
}

absl::Status TokenBucket::Take(int64_t n) {
  if (n <= 0) return absl::OkStatus();
  absl::Time wake;
  {
    absl::MutexLock lock(&mu_);
    absl::Time now = clock_->Now();
    tat_ = std::max(tat_, now) + absl::Seconds(static_cast<double>(n) / static_cast<double>(rate_));
    wake = tat_ - absl::Seconds(1);  // one second of saved rate may be spent at once
  }
  absl::Duration wait = wake - clock_->Now();
  if (wait <= absl::ZeroDuration()) return absl::OkStatus();
  return clock_->Wait(wait);
}

std::shared_ptr<Limits> Limits::Create(const Options& options) {
  bool bandwidth = options.bwlimit.any() || options.bwlimit_file.any();
  bool duration = options.max_duration > absl::ZeroDuration();
  if (options.max_transfer < 0 && !bandwidth && !duration) return nullptr;
  return std::make_shared<Limits>(options);
}

Limits::Limits(const Options& options) : options_(options) {
  if (!options_.bwlimit.any()) return;
  absl::MutexLock lock(&mu_);
  Apply(options_.bwlimit.LimitAt(options_.clock->Now(), options_.time_zone));
  if (in_force_.any()) {
    LogInfo("", "Starting bandwidth limiter at " + BandwidthString(in_force_) + " Byte/s");
  }
  if (options_.bwlimit.scheduled()) next_check_ = options_.clock->Now();
}

Limits::Buckets Limits::Make(const BandwidthLimit& limit, bool up, bool down) const {
  auto bucket = [&](int64_t rate) {
    return rate > 0 ? std::make_shared<TokenBucket>(rate, options_.clock) : nullptr;
  };
  if (limit.same()) return Buckets{bucket(limit.up), nullptr};
  return Buckets{up ? bucket(limit.up) : nullptr, down ? bucket(limit.down) : nullptr};
}

void Limits::Apply(const BandwidthLimit& limit) {
  in_force_ = limit;
  both_ = up_ = down_ = nullptr;
  const Buckets made = Make(limit, true, true);
  if (limit.same()) {
    both_ = made.first;
  } else {
    up_ = made.first;
    down_ = made.second;
  }
}

Limits::Buckets Limits::BucketsFor(bool up, bool down) {
  absl::MutexLock lock(&mu_);
  // A timetable is looked at once a minute, on the minute (its slots start on one).
  if (const absl::Time now = options_.clock->Now(); now >= next_check_) {
    const BandwidthLimit limit = options_.bwlimit.LimitAt(now, options_.time_zone);
    if (!(limit == in_force_)) {
      Apply(limit);
      LogNotice("", limit.any() ? "Scheduled bandwidth change. Limit set to " +
                                      BandwidthString(limit) + " Byte/s"
                                : std::string("Scheduled bandwidth change. Bandwidth limits disabled"));
    }
    next_check_ = absl::FromUnixSeconds((absl::ToUnixSeconds(now) / 60 + 1) * 60);
  }
  if (both_) return Buckets{both_, nullptr};
  return Buckets{up ? up_ : nullptr, down ? down_ : nullptr};
}

absl::Status Limits::BeforeTransfer(int64_t size, const Stats& stats) {
  if (options_.max_transfer < 0) return absl::OkStatus();
  int64_t so_far = bytes();
  if (options_.cutoff_mode == CutoffMode::kCautious) {
    // What the transfers in flight will still add, and this one.
    for (const TransferSnapshot& t : stats.Snapshot().transferring) {
      if (t.size > t.bytes) so_far += t.size - t.bytes;
    }
    so_far += std::max<int64_t>(size, 0);
  }
  if (so_far < options_.max_transfer) return absl::OkStatus();
  bool fatal = options_.cutoff_mode == CutoffMode::kHard;
  stopped_.store(true, std::memory_order_relaxed);
  if (!noticed_.exchange(true)) {
    if (fatal) {
      LogError("", std::string("Cancelling sync due to fatal error: ") + kMaxTransferMessage);
    } else {
      LogNotice("", std::string(kMaxTransferMessage) + " - stopping transfers");
    }
  }
  return MaxTransferReached(fatal);
}

Limits::Meter Limits::MeterFor(bool dst_is_local, bool src_is_local) {
  Meter meter(this, !dst_is_local, !src_is_local);
  if (options_.bwlimit_file.any()) {
    meter.file_ = Make(options_.bwlimit_file.LimitAt(options_.clock->Now(), options_.time_zone),
                       meter.up_, meter.down_);
  }
  return meter;
}

Limits::Meter::Meter(Limits* limits, bool up, bool down)
    : limits_(limits), up_(up), down_(down) {}

size_t Limits::Meter::Clamp(size_t wanted) const {
  const Buckets buckets = limits_->BucketsFor(up_, down_);
  int64_t slowest = 0;
  for (const std::shared_ptr<TokenBucket>& b :
       {buckets.first, buckets.second, file_.first, file_.second}) {
    if (b != nullptr && (slowest == 0 || b->rate() < slowest)) slowest = b->rate();
  }
  if (slowest == 0) return wanted;
  // About a tenth of a second of data per read, so the rate is smooth.
  size_t chunk = static_cast<size_t>(std::max<int64_t>(4096, slowest / 10));
  return std::min(wanted, chunk);
}

absl::Status Limits::Meter::BeforeRead() {
  const Options& o = limits_->options_;
  if (o.max_transfer < 0 || o.cutoff_mode != CutoffMode::kHard) return absl::OkStatus();
  if (limits_->bytes() < o.max_transfer) return absl::OkStatus();
  limits_->stopped_.store(true, std::memory_order_relaxed);
  if (!limits_->noticed_.exchange(true)) {
    LogError("", std::string("Cancelling sync due to fatal error: ") + kMaxTransferMessage);
  }
  return MaxTransferReached(true);
}

absl::StatusOr<size_t> Limits::Meter::AfterRead(size_t n) {
  const Options& o = limits_->options_;
  int64_t before = limits_->bytes_.fetch_add(static_cast<int64_t>(n));
  if (o.max_transfer >= 0 && o.cutoff_mode == CutoffMode::kHard &&
      before + static_cast<int64_t>(n) > o.max_transfer) {
    // Cut at the limit; what is cut off was never passed on.
    int64_t allowed = std::max<int64_t>(0, o.max_transfer - before);
    limits_->bytes_.fetch_sub(static_cast<int64_t>(n) - allowed);
    n = static_cast<size_t>(allowed);
    if (n == 0) return BeforeRead();  // 0 would read as the end of the data
  }
  const Buckets buckets = limits_->BucketsFor(up_, down_);
  for (const std::shared_ptr<TokenBucket>& b :
       {buckets.first, buckets.second, file_.first, file_.second}) {
    if (b == nullptr) continue;
    if (absl::Status st = b->Take(static_cast<int64_t>(n)); !st.ok()) return st;
  }
  return n;
}

}  // namespace vfs::operations
