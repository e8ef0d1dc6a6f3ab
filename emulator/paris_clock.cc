#include "emulator/paris_clock.h"

namespace emulator {

namespace {
constexpr char kFormat[] = "%Y-%m-%d %H:%M:%S";
}

ParisClock::ParisClock(bool fixed_utc_plus_one) {
  if (fixed_utc_plus_one || !absl::LoadTimeZone("Europe/Paris", &zone_)) {
    zone_ = absl::FixedTimeZone(3600);
  }
}

std::string ParisClock::Format(absl::Time t) const { return absl::FormatTime(kFormat, t, zone_); }

std::optional<absl::Time> ParisClock::Parse(absl::string_view s) const {
  absl::Time t;
  std::string err;
  if (!absl::ParseTime(kFormat, s, zone_, &t, &err)) return std::nullopt;
  return t;
}

}  // namespace emulator
