#include "vfs/operations/format.h"

#include <cmath>
#include <cstdio>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace vfs::operations {
namespace {

// Scales `value` by `base` until it fits, the way rclone's SizeSuffix and CountSuffix do.
std::pair<std::string, std::string> Scaled(int64_t value, double base, const char* const* suffixes,
                                           int suffix_count) {
  if (value == 0) return {"0", ""};
  double scaled = static_cast<double>(value);
  int i = 0;
  while (i + 1 < suffix_count && std::fabs(scaled) >= base) {
    scaled /= base;
    ++i;
  }
  std::string number = std::floor(scaled) == scaled ? absl::StrFormat("%.0f", scaled)
                                                    : absl::StrFormat("%.3f", scaled);
  return {number, suffixes[i]};
}

constexpr const char* kBinarySuffixes[] = {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
constexpr const char* kDecimalSuffixes[] = {"", "k", "M", "G", "T", "P", "E"};

// Trailing zeros of a fraction are dropped, as Go does: "1.500" -> "1.5", "2.000" -> "2".
std::string TrimFraction(std::string s) {
  if (s.find('.') == std::string::npos) return s;
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

}  // namespace

std::string SizeSuffix(int64_t bytes) {
  if (bytes < 0) return "off";
  auto [number, suffix] = Scaled(bytes, 1024, kBinarySuffixes, 7);
  return number + suffix;
}

std::string ByteUnit(int64_t bytes) {
  if (bytes < 0) return "off";
  auto [number, suffix] = Scaled(bytes, 1024, kBinarySuffixes, 7);
  return absl::StrCat(number, " ", suffix, "B");
}

std::string ByteRateUnit(double bytes_per_second) {
  return ByteUnit(static_cast<int64_t>(bytes_per_second)) + "/s";
}

std::string CountSuffix(int64_t count) {
  if (count < 0) return "off";
  auto [number, suffix] = Scaled(count, 1000, kDecimalSuffixes, 7);
  return number + suffix;
}

std::string Percent(int64_t done, int64_t total) {
  if (total <= 0) return "-";
  return absl::StrCat(
      static_cast<int64_t>(std::floor(100.0 * static_cast<double>(done) / total + 0.5)), "%");
}

std::string GoDuration(absl::Duration d) {
  if (d == absl::ZeroDuration()) return "0s";
  std::string sign = d < absl::ZeroDuration() ? "-" : "";
  if (d < absl::ZeroDuration()) d = -d;
  int64_t ns = absl::ToInt64Nanoseconds(d);
  if (ns < 1000) return absl::StrCat(sign, ns, "ns");
  if (ns < 1000000) return sign + TrimFraction(absl::StrFormat("%.3f", ns / 1e3)) + "µs";
  if (ns < 1000000000) return sign + TrimFraction(absl::StrFormat("%.6f", ns / 1e6)) + "ms";
  int64_t hours = ns / 3600000000000LL;
  ns %= 3600000000000LL;
  int64_t minutes = ns / 60000000000LL;
  ns %= 60000000000LL;
  std::string seconds =
      TrimFraction(absl::StrFormat("%d.%09d", ns / 1000000000LL, ns % 1000000000LL));
  if (hours > 0) return absl::StrCat(sign, hours, "h", minutes, "m", seconds, "s");
  if (minutes > 0) return absl::StrCat(sign, minutes, "m", seconds, "s");
  return absl::StrCat(sign, seconds, "s");
}

std::string ElapsedString(absl::Duration d) {
  // rclone prints the whole minutes Go-style and the seconds with one decimal: "1m2.3".
  absl::Duration minutes = absl::Trunc(d, absl::Minutes(1));
  std::string head = GoDuration(minutes);
  while (!head.empty() && (head.back() == '0' || head.back() == 's')) head.pop_back();
  return head + absl::StrFormat("%.1f", absl::ToDoubleSeconds(d - minutes));
}

std::string EtaString(bool known, absl::Duration eta) {
  if (!known) return "-";
  return GoDuration(absl::Seconds(absl::ToInt64Seconds(eta + absl::Milliseconds(500))));
}

std::string ListingTime(absl::Time t) {
  return absl::FormatTime("%Y-%m-%d %H:%M:%E9S", t, absl::LocalTimeZone());
}

std::string ListingTimeShort(absl::Time t) {
  return absl::FormatTime("%Y-%m-%d %H:%M:%S", t, absl::LocalTimeZone());
}

std::string Rfc3339(absl::Time t, int digits) {
  absl::TimeZone tz = absl::LocalTimeZone();
  std::string seconds = digits > 0 ? absl::StrCat("%E", digits, "S") : "%S";
  std::string out = absl::FormatTime(absl::StrCat("%Y-%m-%dT%H:%M:", seconds), t, tz);
  absl::TimeZone::CivilInfo info = tz.At(t);
  if (info.offset == 0) return out + "Z";
  return out + absl::FormatTime("%Ez", t, tz);
}

int PrecisionDigits(absl::Duration precision) {
  static const struct {
    absl::Duration limit;
    int digits;
  } kSteps[] = {
      {absl::Nanoseconds(1), 9},     {absl::Nanoseconds(10), 8},   {absl::Nanoseconds(100), 7},
      {absl::Microseconds(1), 6},    {absl::Microseconds(10), 5},  {absl::Microseconds(100), 4},
      {absl::Milliseconds(1), 3},    {absl::Milliseconds(10), 2},  {absl::Milliseconds(100), 1},
  };
  for (const auto& step : kSteps) {
    if (precision <= step.limit) return step.digits;
  }
  return 0;
}

}  // namespace vfs::operations
