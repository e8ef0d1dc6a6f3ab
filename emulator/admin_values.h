// The ranges of the values tests and users set at run time (POST /_emulator/rate,
// /_emulator/clock) and on the command line: one rule for both, so a bad value is refused with
// a message naming it, and nothing is changed.
#ifndef FICHIER_EMULATOR_ADMIN_VALUES_H_
#define FICHIER_EMULATOR_ADMIN_VALUES_H_

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "emulator/options.h"
#include "simdjson.h"

namespace emulator {

inline constexpr double kMaxAdvanceSeconds = 10.0 * 365 * 86400;  // ten years
inline constexpr double kMaxPerConnectionRate = 1e12;              // bytes per second
inline constexpr double kMaxHeaderTimeout = 86400;                 // seconds

// All the digits of a number, for messages and JSON (StrCat keeps six: 20971520 would read
// 2.09715e+07).
std::string FormatNumber(double v);
// Every field of `r` within its range (finite, not negative, flood code 374 or 412).
absl::Status CheckRateOptions(const RateOptions& r);
// `value` finite and within [min, max]; the message names `what` and the range.
absl::Status CheckRange(absl::string_view what, double value, double min, double max);
// "20M", "512K", "1.5G", "100" (bytes), optional "/s"; suffixes are powers of 1024 as in
// rclone's --bwlimit. 0 means no cap.
absl::StatusOr<double> ParseByteRate(absl::string_view text);
// The number `key` of an admin JSON body: absent leaves `out` unchanged; a value that is not a
// finite number in [min, max] is InvalidArgument naming the key.
absl::Status ReadNumberField(const simdjson::dom::object& body, absl::string_view key, double min,
                             double max, double& out);

}  // namespace emulator

#endif  // FICHIER_EMULATOR_ADMIN_VALUES_H_
