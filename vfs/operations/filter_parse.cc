// The values of the size and age flags, in rclone 1.60's syntax (checked against the binary:
// "1KiB" and "1Ki" are KiB, "1KB" is refused, a bare number of --max-size is KiB, a bare
// number of --max-age is seconds, "1d12h" is refused).
#include <cmath>
#include <cstdlib>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/time/civil_time.h"
#include "vfs/operations/filter.h"

namespace vfs::operations {
namespace {

// Go's strconv.ParseFloat on plain decimal text (no hex, inf or nan).
std::optional<double> ParseDecimal(std::string_view s) {
  size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  size_t digits = 0;
  while (i < s.size() && absl::ascii_isdigit(static_cast<unsigned char>(s[i]))) ++i, ++digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && absl::ascii_isdigit(static_cast<unsigned char>(s[i]))) ++i, ++digits;
  }
  if (digits == 0) return std::nullopt;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    size_t exp_digits = 0;
    while (i < s.size() && absl::ascii_isdigit(static_cast<unsigned char>(s[i]))) ++i, ++exp_digits;
    if (exp_digits == 0) return std::nullopt;
  }
  if (i != s.size()) return std::nullopt;
  double v = std::strtod(std::string(s).c_str(), nullptr);
  if (!std::isfinite(v)) return std::nullopt;
  return v;
}

std::optional<double> BinaryUnit(char c) {
  switch (absl::ascii_tolower(static_cast<unsigned char>(c))) {
    case 'k': return 1024.0;
    case 'm': return 1024.0 * 1024;
    case 'g': return 1024.0 * 1024 * 1024;
    case 't': return 1024.0 * 1024 * 1024 * 1024;
    case 'p': return 1024.0 * 1024 * 1024 * 1024 * 1024;
    default: return std::nullopt;
  }
}

absl::Status BadSuffix(char c) {
  return absl::InvalidArgumentError(absl::StrCat("bad suffix '", std::string(1, c), "'"));
}

// Fixed-width digits at s[pos..pos+n).
bool Digits(std::string_view s, size_t pos, size_t n, int* out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(s[i]))) return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return true;
}

// "2006-01-02", "2006-01-02 15:04:05[.frac]", "2006-01-02T15:04:05[.frac][Z|+07:00]".
std::optional<absl::Time> ParseDate(std::string_view s) {
  int year, month, day, hour = 0, minute = 0, second = 0;
  if (!Digits(s, 0, 4, &year) || s.size() < 10 || s[4] != '-' || !Digits(s, 5, 2, &month) ||
      s[7] != '-' || !Digits(s, 8, 2, &day)) {
    return std::nullopt;
  }
  absl::CivilDay civil_day(year, month, day);
  if (civil_day.year() != year || civil_day.month() != month || civil_day.day() != day) {
    return std::nullopt;
  }
  size_t pos = 10;
  absl::Duration fraction;
  absl::TimeZone zone = absl::LocalTimeZone();
  if (pos < s.size()) {
    char sep = s[pos];
    if ((sep != ' ' && sep != 'T') || !Digits(s, pos + 1, 2, &hour) || pos + 9 > s.size() ||
        s[pos + 3] != ':' || !Digits(s, pos + 4, 2, &minute) || s[pos + 6] != ':' ||
        !Digits(s, pos + 7, 2, &second) || hour > 23 || minute > 59 || second > 59) {
      return std::nullopt;
    }
    pos += 9;
    if (pos < s.size() && s[pos] == '.') {
      size_t start = ++pos;
      double scale = 0.1;
      double frac = 0;
      while (pos < s.size() && absl::ascii_isdigit(static_cast<unsigned char>(s[pos]))) {
        frac += (s[pos++] - '0') * scale;
        scale /= 10;
      }
      if (pos == start) return std::nullopt;
      fraction = absl::Nanoseconds(std::llround(frac * 1e9));
    }
    if (pos < s.size()) {
      if (sep != 'T') return std::nullopt;
      if (s.substr(pos) == "Z") {
        zone = absl::UTCTimeZone();
      } else {
        int zh, zm;
        if (s.size() != pos + 6 || (s[pos] != '+' && s[pos] != '-') ||
            !Digits(s, pos + 1, 2, &zh) || s[pos + 3] != ':' || !Digits(s, pos + 4, 2, &zm)) {
          return std::nullopt;
        }
        int offset = (zh * 3600 + zm * 60) * (s[pos] == '-' ? -1 : 1);
        zone = absl::FixedTimeZone(offset);
      }
    }
  }
  return absl::FromCivil(absl::CivilSecond(year, month, day, hour, minute, second), zone) +
         fraction;
}

}  // namespace

absl::StatusOr<int64_t> ParseSizeSuffix(std::string_view text) {
  if (text.empty()) return absl::InvalidArgumentError("empty string");
  if (absl::AsciiStrToLower(std::string(text)) == "off") return -1;
  char last = text.back();
  size_t suffix_len = 1;
  double multiplier = 1;
  char lower = absl::ascii_tolower(static_cast<unsigned char>(last));
  if (absl::ascii_isdigit(static_cast<unsigned char>(last)) || last == '.') {
    suffix_len = 0;
    multiplier = 1024;  // no suffix: KiB
  } else if (lower == 'b') {
    if (text.size() >= 3 && text[text.size() - 2] == 'i') {  // "KiB"
      std::optional<double> unit = BinaryUnit(text[text.size() - 3]);
      if (!unit) return BadSuffix(text[text.size() - 3]);
      suffix_len = 3;
      multiplier = *unit;
    }
  } else if (lower == 'i') {  // "Ki"
    if (text.size() < 2) return BadSuffix(last);
    std::optional<double> unit = BinaryUnit(text[text.size() - 2]);
    if (!unit) return BadSuffix(text[text.size() - 2]);
    suffix_len = 2;
    multiplier = *unit;
  } else if (std::optional<double> unit = BinaryUnit(last)) {
    multiplier = *unit;
  } else {
    return BadSuffix(last);
  }
  std::string_view number = text.substr(0, text.size() - suffix_len);
  std::optional<double> value = ParseDecimal(number);
  if (!value) {
    return absl::InvalidArgumentError(
        "strconv.ParseFloat: parsing \"" + std::string(number) + "\": invalid syntax");
  }
  if (*value < 0) {
    return absl::InvalidArgumentError("size can't be negative \"" + std::string(text) + "\"");
  }
  double bytes = *value * multiplier;
  if (bytes >= 9.2e18) return absl::InvalidArgumentError("size too large \"" + std::string(text) + "\"");
  return static_cast<int64_t>(bytes);
}

absl::StatusOr<std::optional<absl::Duration>> ParseAge(std::string_view text, absl::Time now) {
  if (text == "off") return std::optional<absl::Duration>();
  // A Go duration ("1h30m", "500ms"); Go also spells microseconds with a mu.
  std::string go = absl::StrReplaceAll(std::string(text), {{"\xC2\xB5s", "us"}, {"\xCE\xBCs", "us"}});
  absl::Duration d;
  if (go.find("inf") == std::string::npos && absl::ParseDuration(go, &d)) return d;
  // A number with one of rclone's suffixes, or of seconds.
  static const std::pair<const char*, absl::Duration> kSuffixes[] = {
      {"ms", absl::Milliseconds(1)}, {"s", absl::Seconds(1)},     {"m", absl::Minutes(1)},
      {"h", absl::Hours(1)},         {"d", absl::Hours(24)},       {"w", absl::Hours(24 * 7)},
      {"M", absl::Hours(24 * 30)},   {"y", absl::Hours(24 * 365)}, {"", absl::Seconds(1)},
  };
  for (const auto& [suffix, unit] : kSuffixes) {
    std::string_view sv(suffix);
    if (text.size() < sv.size() || text.substr(text.size() - sv.size()) != sv) continue;
    if (std::optional<double> n = ParseDecimal(text.substr(0, text.size() - sv.size()))) {
      return std::optional<absl::Duration>(*n * unit);
    }
    break;
  }
  if (std::optional<absl::Time> t = ParseDate(text)) {
    return std::optional<absl::Duration>(now - *t);
  }
  return absl::InvalidArgumentError(absl::StrCat(
      "can't parse \"", std::string(text), "\" as a duration (1h30m, 90s, 2d, 1w, 1M, 1y, or a number of "
      "seconds) or a date (2006-01-02, 2006-01-02 15:04:05, 2006-01-02T15:04:05Z07:00)"));
}

}  // namespace vfs::operations
