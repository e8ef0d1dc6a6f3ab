// rclone's ways of printing numbers, sizes, durations and times, shared by the listings, the
// stats block and the logs so every command prints them identically.
#ifndef FICHIER_VFS_OPERATIONS_FORMAT_H_
#define FICHIER_VFS_OPERATIONS_FORMAT_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/time/time.h"
#include "base/json_writer.h"

namespace vfs::operations {

// rclone's SizeSuffix: binary steps, 3 decimals unless whole: "6", "1.465Ki", "1.146Mi".
std::string SizeSuffix(int64_t bytes);
// With a unit: "6 B", "1.146 MiB", "0 B".
std::string ByteUnit(int64_t bytes);
// A rate: "0 B/s", "1.054 MiB/s".
std::string ByteRateUnit(double bytes_per_second);
// rclone's CountSuffix: decimal steps "3", "1.234k", "2M".
std::string CountSuffix(int64_t count);
// round(100 * done / total) followed by '%', or "-" when total is 0.
std::string Percent(int64_t done, int64_t total);
// Go's time.Duration.String(): "0s", "1.5s", "1m2s", "1h0m0s", "250ms".
std::string GoDuration(absl::Duration d);
// The stats block's elapsed time ("0.0", "1m2.3" — the caller adds the 's').
std::string ElapsedString(absl::Duration d);
// An ETA rounded to the second ("3s", "1m2s"), or "-" when unknown.
std::string EtaString(bool known, absl::Duration eta);
// Local time in rclone's listing layouts.
std::string ListingTime(absl::Time t);      // 2006-01-02 15:04:05.000000000
std::string ListingTimeShort(absl::Time t);  // 2006-01-02 15:04:05
// RFC 3339 in local time with `digits` fractional digits (0 = none), 'Z' for UTC.
std::string Rfc3339(absl::Time t, int digits);
// The fractional digits lsjson uses for a backend of this mod-time precision.
int PrecisionDigits(absl::Duration precision);

// lsjson's strings: Go's encoding/json escaping (HTML escaping, invalid UTF-8 as \ufffd),
// quotes included.
inline std::string JsonQuote(std::string_view s) {
  return base::JsonQuote(s, base::JsonDialect::kGo);
}

}  // namespace vfs::operations

#endif  // FICHIER_VFS_OPERATIONS_FORMAT_H_
