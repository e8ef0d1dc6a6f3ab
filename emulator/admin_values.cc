#include "emulator/admin_values.h"

#include <cmath>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/strip.h"
#include "base/string_views.h"

namespace emulator {
namespace {
constexpr double kMaxSeconds = 365.0 * 86400;  // one year: locks and listing intervals
constexpr double kMaxCallRate = 1e6;           // calls per second
}  // namespace

std::string FormatNumber(double v) { return absl::StrFormat("%.15g", v); }

absl::Status CheckRange(absl::string_view what, double value, double min, double max) {
  if (std::isfinite(value) && value >= min && value <= max) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat(what, " must be a number from ", FormatNumber(min),
                                                 " to ", FormatNumber(max), ", got ",
                                                 FormatNumber(value)));
}

absl::Status CheckRateOptions(const RateOptions& r) {
  for (auto [what, value, max] : {std::tuple{"rate", r.calls_per_second, kMaxCallRate},
                                  std::tuple{"burst", r.burst, kMaxCallRate},
                                  std::tuple{"lock_seconds", r.lock_seconds, kMaxSeconds},
                                  std::tuple{"folder_list_interval", r.folder_list_interval,
                                             kMaxSeconds},
                                  std::tuple{"user_info_interval", r.user_info_interval,
                                             kMaxSeconds},
                                  std::tuple{"all_files_interval", r.all_files_interval,
                                             kMaxSeconds}}) {
    if (absl::Status s = CheckRange(what, value, 0, max); !s.ok()) return s;
  }
  if (r.flood_code != 374 && r.flood_code != 412) {
    return absl::InvalidArgumentError(
        absl::StrCat("flood_code must be 374 or 412, got ", r.flood_code));
  }
  return absl::OkStatus();
}

absl::StatusOr<double> ParseByteRate(absl::string_view text) {
  absl::string_view v = absl::StripAsciiWhitespace(text);
  absl::ConsumeSuffix(&v, "/s");
  double unit = 1;
  if (!v.empty()) {
    switch (absl::ascii_toupper(static_cast<unsigned char>(v.back()))) {
      case 'B': unit = 1; break;
      case 'K': unit = 1024.0; break;
      case 'M': unit = 1024.0 * 1024; break;
      case 'G': unit = 1024.0 * 1024 * 1024; break;
      case 'T': unit = 1024.0 * 1024 * 1024 * 1024; break;
      default: unit = 0;
    }
    if (unit != 0) v.remove_suffix(1);
    if (unit == 0) unit = 1;
  }
  double n = 0;
  if (v.empty() || !absl::SimpleAtod(v, &n)) {
    return absl::InvalidArgumentError(
        absl::StrCat("want BYTES/s such as 20M, 512K or 100000, got '", text, "'"));
  }
  const double rate = n * unit;
  if (absl::Status s = CheckRange("the rate", rate, 0, kMaxPerConnectionRate); !s.ok()) return s;
  return rate;
}

absl::Status ReadNumberField(const simdjson::dom::object& body, absl::string_view key, double min,
                             double max, double& out) {
  simdjson::dom::element e;
  if (body.at_key(base::ToStd(key)).get(e) != simdjson::SUCCESS) return absl::OkStatus();
  double v = 0;
  if (e.is_int64()) {
    v = static_cast<double>(e.get_int64().value_unsafe());
  } else if (e.is_uint64()) {
    v = static_cast<double>(e.get_uint64().value_unsafe());
  } else if (e.is_double()) {
    v = e.get_double().value_unsafe();
  } else {
    return absl::InvalidArgumentError(absl::StrCat(key, " must be a JSON number"));
  }
  if (absl::Status s = CheckRange(key, v, min, max); !s.ok()) return s;
  out = v;
  return absl::OkStatus();
}

}  // namespace emulator
