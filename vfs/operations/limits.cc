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

absl::StatusOr<BandwidthLimit> ParseBwLimit(std::string_view text) {
  if (text.empty()) return absl::InvalidArgumentError("empty string");
  if (text.find_first_of(" ,") != std::string_view::npos) {
    return absl::InvalidArgumentError(
        "bandwidth timetables (like \"08:00,512k 18:00,off\") are not supported by fclone: give "
        "one rate or UP:DOWN");
  }
  size_t colon = text.find(':');
  if (colon != std::string_view::npos && text.find(':', colon + 1) != std::string_view::npos) {
    return absl::InvalidArgumentError("bad bandwidth \"" + std::string(text) +
                                      "\": want RATE or UP:DOWN");
  }
  absl::StatusOr<int64_t> up = ParseSizeSuffix(text.substr(0, colon));
  if (!up.ok()) return up.status();
  BandwidthLimit limit;
  limit.up = limit.down = *up;
  if (colon != std::string_view::npos) {
    absl::StatusOr<int64_t> down = ParseSizeSuffix(text.substr(colon + 1));
    if (!down.ok()) return down.status();
    limit.down = *down;
  }
  return limit;
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
  bool bandwidth = options.bwlimit.up > 0 || options.bwlimit.down > 0;
  bool duration = options.max_duration > absl::ZeroDuration();
  if (options.max_transfer < 0 && !bandwidth && !duration) return nullptr;
  return std::make_shared<Limits>(options);
}

Limits::Limits(const Options& options) : options_(options) {
  const BandwidthLimit& bw = options.bwlimit;
  if (bw.same()) {
    if (bw.up > 0) both_ = std::make_unique<TokenBucket>(bw.up);
  } else {
    if (bw.up > 0) up_ = std::make_unique<TokenBucket>(bw.up);
    if (bw.down > 0) down_ = std::make_unique<TokenBucket>(bw.down);
  }
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
  return Meter(this, !dst_is_local, !src_is_local);
}

Limits::Meter::Meter(Limits* limits, bool up, bool down) : limits_(limits) {
  if (limits_->both_) {
    buckets_[0] = limits_->both_.get();
    return;
  }
  if (up) buckets_[0] = limits_->up_.get();
  if (down) buckets_[1] = limits_->down_.get();
}

size_t Limits::Meter::Clamp(size_t wanted) const {
  int64_t slowest = 0;
  for (TokenBucket* b : buckets_) {
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
  for (TokenBucket* b : buckets_) {
    if (b == nullptr) continue;
    if (absl::Status st = b->Take(static_cast<int64_t>(n)); !st.ok()) return st;
  }
  return n;
}

}  // namespace vfs::operations
