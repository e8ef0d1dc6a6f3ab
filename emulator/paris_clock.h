// Dates as the service writes them: "YYYY-MM-DD HH:MM:SS", French local time, no zone (§2.6).
#ifndef FICHIER_EMULATOR_PARIS_CLOCK_H_
#define FICHIER_EMULATOR_PARIS_CLOCK_H_

#include <optional>
#include <string>
#include "absl/strings/string_view.h"

#include "absl/time/time.h"

namespace emulator {

class ParisClock {
 public:
  // Uses the Europe/Paris rules from tzdata; falls back to a fixed UTC+1 when tzdata is missing
  // or when `fixed_utc_plus_one` asks for it (repeatable output whatever the season).
  explicit ParisClock(bool fixed_utc_plus_one = false);

  std::string Format(absl::Time t) const;
  // Parses the same format (the sent_before/sent_after filters); nullopt when malformed.
  std::optional<absl::Time> Parse(absl::string_view s) const;

 private:
  absl::TimeZone zone_;
};

}  // namespace emulator

#endif  // FICHIER_EMULATOR_PARIS_CLOCK_H_
