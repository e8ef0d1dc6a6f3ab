#include "vfs/operations/stats.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "base/utf8.h"
#include "vfs/operations/format.h"

namespace vfs::operations {
namespace {


// Shortens a name in the middle with an ellipsis so it fits `width` characters (runes; an
// invalid byte counts as one).
std::string ShortenName(const std::string& name, int width) {
  std::vector<std::string> chars;
  for (size_t i = 0; i < name.size();) {
    const size_t len = base::utf8::UnitLength(name, i);
    chars.push_back(name.substr(i, len));
    i += len;
  }
  if (static_cast<int>(chars.size()) <= width) return name;
  int keep = width - 1;
  int head = (keep + 1) / 2;
  int tail = keep - head;
  std::string out;
  for (int i = 0; i < head; ++i) out += chars[i];
  out += "…";
  for (size_t i = chars.size() - tail; i < chars.size(); ++i) out += chars[i];
  return out;
}

std::string PadLeft(const std::string& s, int width) {
  const int count = static_cast<int>(base::utf8::UnitCount(s));
  return count >= width ? s : std::string(width - count, ' ') + s;
}

}  // namespace

Stats::Stats() : start_(absl::Now()) {}

Stats::TransferPtr Stats::StartTransfer(std::string name, int64_t size) {
  TransferPtr t(new Transfer(std::move(name), size, absl::Now()));
  absl::MutexLock lock(&mu_);
  in_flight_.push_back(t);
  ++total_transfers_;
  if (size > 0) total_bytes_ += size;
  return t;
}

void Stats::FinishTransfer(const TransferPtr& transfer, bool ok) {
  absl::MutexLock lock(&mu_);
  in_flight_.remove(transfer);
  int64_t size = transfer->size();
  if (ok) {
    ++transfers_;
    bytes_done_ += transfer->bytes();
    // A stream of unknown size joins the total once its size is known.
    if (size < 0) total_bytes_ += transfer->bytes();
  } else {
    if (size > 0) total_bytes_ -= size;
    --total_transfers_;
  }
}

void Stats::StartCheck(const std::string& name) {
  absl::MutexLock lock(&mu_);
  checking_.push_back(name);
  ++total_checks_;
}

void Stats::FinishCheck(const std::string& name) {
  absl::MutexLock lock(&mu_);
  auto it = std::find(checking_.begin(), checking_.end(), name);
  if (it != checking_.end()) checking_.erase(it);
  ++checks_;
}

void Stats::AddCheck() {
  absl::MutexLock lock(&mu_);
  ++checks_;
  ++total_checks_;
}

void Stats::AddDelete() {
  absl::MutexLock lock(&mu_);
  ++deletes_;
}

void Stats::AddDeletedDir() {
  absl::MutexLock lock(&mu_);
  ++deleted_dirs_;
}

void Stats::AddRename() {
  absl::MutexLock lock(&mu_);
  ++renames_;
}

void Stats::Error(const absl::Status& status) {
  if (status.ok()) return;
  ErrorClass c = ClassifyError(status);
  absl::MutexLock lock(&mu_);
  ++errors_;
  last_error_ = status;
  if (c == ErrorClass::kFatal) fatal_ = true;
  if (c == ErrorClass::kRetryable) ++retryable_errors_;
}

int64_t Stats::errors() const {
  absl::MutexLock lock(&mu_);
  return errors_;
}

absl::Status Stats::ErrorSince(int64_t mark) const {
  absl::MutexLock lock(&mu_);
  return errors_ > mark ? last_error_ : absl::OkStatus();
}

bool Stats::fatal() const {
  absl::MutexLock lock(&mu_);
  return fatal_;
}

bool Stats::all_no_retry() const {
  absl::MutexLock lock(&mu_);
  return errors_ > 0 && retryable_errors_ == 0;
}

void Stats::ResetErrors() {
  absl::MutexLock lock(&mu_);
  errors_ = 0;
  retryable_errors_ = 0;
  fatal_ = false;
  last_error_ = absl::OkStatus();
}

bool Stats::did_something() const {
  absl::MutexLock lock(&mu_);
  return transfers_ > 0 || deletes_ > 0 || deleted_dirs_ > 0 || renames_ > 0;
}

int64_t Stats::transfers() const {
  absl::MutexLock lock(&mu_);
  return transfers_;
}

StatsSnapshot Stats::Snapshot() const {
  absl::Time now = absl::Now();
  StatsSnapshot s;
  absl::MutexLock lock(&mu_);
  s.bytes = bytes_done_;
  s.total_bytes = total_bytes_;
  for (const TransferPtr& t : in_flight_) {
    TransferSnapshot ts;
    ts.name = t->name();
    ts.size = t->size();
    ts.bytes = t->bytes();
    double secs = absl::ToDoubleSeconds(now - t->start_);
    ts.speed = secs > 0 ? ts.bytes / secs : 0;
    s.bytes += ts.bytes;
    s.transferring.push_back(std::move(ts));
  }
  s.errors = errors_;
  s.worst_error = fatal_ ? ErrorClass::kFatal
                         : (errors_ > 0 && retryable_errors_ == 0 ? ErrorClass::kNoRetry
                                                                  : ErrorClass::kRetryable);
  s.had_retryable_error = retryable_errors_ > 0;
  s.checks = checks_;
  s.total_checks = total_checks_;
  s.deletes = deletes_;
  s.deleted_dirs = deleted_dirs_;
  s.renames = renames_;
  s.transfers = transfers_;
  s.total_transfers = total_transfers_;
  s.checking.assign(checking_.begin(), checking_.end());
  s.elapsed = now - start_;
  double secs = absl::ToDoubleSeconds(s.elapsed);
  s.speed = secs > 0 ? s.bytes / secs : 0;
  if (s.speed > 0 && s.total_bytes > 0 && s.total_bytes >= s.bytes) {  // rclone: 0s when done
    s.eta_known = true;
    s.eta = absl::Seconds((s.total_bytes - s.bytes) / s.speed);
  }
  return s;
}

namespace {

// The overall rate: bytes, or bits with --stats-unit bits.
std::string Rate(double bytes_per_second, const StatsStyle& style) {
  if (!style.bits) return ByteRateUnit(bytes_per_second);
  std::string bytes = ByteUnit(static_cast<int64_t>(bytes_per_second * 8));  // "1.000 KiB"
  return bytes.substr(0, bytes.size() - 1) + "bit/s";
}

// A name in the in-flight lists, shortened and padded to --stats-file-name-length.
std::string ListedName(const std::string& name, const StatsStyle& style) {
  if (style.file_name_length <= 0) return name;
  return PadLeft(ShortenName(name, style.file_name_length), style.file_name_length);
}

}  // namespace

std::string FormatStats(const StatsSnapshot& s, bool in_flight, const StatsStyle& style) {
  std::string out;
  absl::StrAppendFormat(&out, "Transferred:   \t%13s / %s, %s, %s, ETA %s\n", ByteUnit(s.bytes),
                        ByteUnit(s.total_bytes), Percent(s.bytes, s.total_bytes),
                        Rate(s.speed, style), EtaString(s.eta_known, s.eta));
  if (s.errors > 0) {
    const char* suffix = s.worst_error == ErrorClass::kFatal     ? " (fatal error encountered)"
                         : s.worst_error == ErrorClass::kNoRetry ? " (no need to retry)"
                                                                 : " (retrying may help)";
    absl::StrAppendFormat(&out, "Errors:        %10d%s\n", s.errors, suffix);
  }
  if (s.checks > 0 || s.total_checks > 0) {
    absl::StrAppendFormat(&out, "Checks:        %10d / %d, %s\n", s.checks, s.total_checks,
                          Percent(s.checks, s.total_checks));
  }
  if (s.deletes > 0 || s.deleted_dirs > 0) {
    absl::StrAppendFormat(&out, "Deleted:       %10d (files), %d (dirs)\n", s.deletes,
                          s.deleted_dirs);
  }
  if (s.renames > 0) absl::StrAppendFormat(&out, "Renamed:       %10d\n", s.renames);
  if (s.transfers > 0 || s.total_transfers > 0) {
    absl::StrAppendFormat(&out, "Transferred:   %10d / %d, %s\n", s.transfers, s.total_transfers,
                          Percent(s.transfers, s.total_transfers));
  }
  absl::StrAppendFormat(&out, "Elapsed time:  %10ss\n", ElapsedString(s.elapsed));
  if (in_flight) {
    if (!s.checking.empty()) {
      out += "Checking:\n";
      for (const std::string& name : s.checking) {
        absl::StrAppend(&out, " * ", ListedName(name, style), ": checking\n");
      }
    }
    if (!s.transferring.empty()) {
      out += "Transferring:\n";
      for (const TransferSnapshot& t : s.transferring) {
        bool eta_known = t.speed > 0 && t.size >= t.bytes;
        absl::Duration eta = eta_known ? absl::Seconds((t.size - t.bytes) / t.speed)
                                       : absl::ZeroDuration();
        std::string percent = t.size > 0 ? absl::StrFormat(
                                               "%3d%%", static_cast<int>(100 * t.bytes / t.size))
                                         : std::string("  -%");
        absl::StrAppend(&out, " * ", ListedName(t.name, style), ":", percent, " /", SizeSuffix(t.size < 0 ? 0 : t.size), ", ",
                        SizeSuffix(static_cast<int64_t>(t.speed)), "/s, ",
                        EtaString(eta_known, eta), "\n");
      }
    }
  }
  return out;
}

std::string FormatStatsOneLine(const StatsSnapshot& s, const StatsStyle& style) {
  std::string out = absl::StrFormat("%13s / %s, %s, %s, ETA %s", ByteUnit(s.bytes),
                                    ByteUnit(s.total_bytes), Percent(s.bytes, s.total_bytes),
                                    Rate(s.speed, style), EtaString(s.eta_known, s.eta));
  if (!s.transferring.empty() || !s.checking.empty()) {
    absl::StrAppendFormat(&out, " (xfr#%d/%d, chk#%d/%d)", s.transfers, s.total_transfers,
                          s.checks, s.total_checks);
  }
  return out;
}

}  // namespace vfs::operations
