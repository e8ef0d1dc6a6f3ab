#include "vfs/operations/bw_timetable.h"

#include <array>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "base/string_views.h"
#include "vfs/operations/filter.h"
#include "vfs/operations/format.h"

namespace vfs::operations {
namespace {

constexpr int kMinutesPerDay = 24 * 60;

std::string Quoted(std::string_view text) { return absl::StrCat("\"", base::ToAbsl(text), "\""); }

absl::StatusOr<int> ParseWeekday(std::string_view text) {
  static constexpr std::array<std::string_view, 7> kDays = {
      "sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"};
  const std::string lower = absl::AsciiStrToLower(base::ToAbsl(text));
  for (int day = 0; day < 7; ++day) {
    if (lower == kDays[day] || lower == kDays[day].substr(0, 3)) return day;
  }
  return absl::InvalidArgumentError(absl::StrCat("invalid weekday: ", Quoted(lower)));
}

// "HH:MM", two digits each, to HHMM.
absl::StatusOr<int> ParseHourMinute(std::string_view text) {
  if (text.size() != 5 || text[2] != ':' || !absl::ascii_isdigit(text[0]) ||
      !absl::ascii_isdigit(text[1]) || !absl::ascii_isdigit(text[3]) ||
      !absl::ascii_isdigit(text[4])) {
    return absl::InvalidArgumentError(
        absl::StrCat("invalid time specification (hh:mm): ", Quoted(text)));
  }
  const int hour = (text[0] - '0') * 10 + (text[1] - '0');
  const int minute = (text[3] - '0') * 10 + (text[4] - '0');
  if (hour > 23) {
    return absl::InvalidArgumentError(
        absl::StrCat("invalid hour (must be between 00 and 23): ", Quoted(text)));
  }
  if (minute > 59) {
    return absl::InvalidArgumentError(
        absl::StrCat("invalid minute (must be between 00 and 59): ", Quoted(text)));
  }
  return hour * 100 + minute;
}

int MinuteOfWeek(int weekday, int hhmm) {
  return weekday * kMinutesPerDay + (hhmm / 100) * 60 + hhmm % 100;
}

}  // namespace

absl::StatusOr<BandwidthLimit> ParseBwLimit(std::string_view text) {
  if (text.empty()) return absl::InvalidArgumentError("empty string");
  const size_t colon = text.find(':');
  if (colon != std::string_view::npos && text.find(':', colon + 1) != std::string_view::npos) {
    return absl::InvalidArgumentError(absl::StrCat("bad bandwidth ", Quoted(text),
                                                   ": want RATE or UP:DOWN"));
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

std::string BandwidthString(const BandwidthLimit& limit) {
  auto one = [](int64_t rate) { return rate > 0 ? SizeSuffix(rate) : std::string("off"); };
  if (limit.same()) return one(limit.up);
  return absl::StrCat(one(limit.up), ":", one(limit.down));
}

bool BwTimetable::any() const {
  for (const BwTimeSlot& slot : slots) {
    if (slot.limit.any()) return true;
  }
  return false;
}

BandwidthLimit BwTimetable::LimitAt(absl::Time t, absl::TimeZone zone) const {
  if (slots.empty()) return BandwidthLimit{};
  const absl::TimeZone::CivilInfo civil = zone.At(t);
  const int weekday = static_cast<int>(absl::GetWeekday(civil.cs));  // Monday = 0 in Abseil
  const int now = MinuteOfWeek((weekday + 1) % 7, civil.cs.hour() * 100 + civil.cs.minute());
  const BwTimeSlot* in_force = &slots.back();
  int since = -1;
  for (const BwTimeSlot& slot : slots) {
    const int ago = now - MinuteOfWeek(slot.weekday, slot.hhmm);
    if (ago < 0) continue;  // still to come this week
    if (since < 0 || ago <= since) {
      since = ago;
      in_force = &slot;
    }
  }
  return in_force->limit;
}

absl::StatusOr<BwTimetable> ParseBwTimetable(std::string_view text) {
  BwTimetable table;
  if (text.find_first_of(" ,") == std::string_view::npos) {
    absl::StatusOr<BandwidthLimit> limit = ParseBwLimit(text);
    if (!limit.ok()) return limit.status();
    table.slots.push_back(BwTimeSlot{0, 0, *limit});
    return table;
  }
  for (absl::string_view entry : absl::StrSplit(base::ToAbsl(text), ' ')) {
    std::vector<absl::string_view> parts = absl::StrSplit(entry, ',');
    if (parts.size() != 2) {
      return absl::InvalidArgumentError(
          absl::StrCat("invalid time/bandwidth specification: ", Quoted(base::ToStd(entry))));
    }
    const size_t dash = parts[0].find('-');
    std::vector<int> days;
    absl::string_view when = parts[0];
    if (dash == absl::string_view::npos) {
      days = {0, 1, 2, 3, 4, 5, 6};
    } else {
      if (when.find('-', dash + 1) != absl::string_view::npos) {
        return absl::InvalidArgumentError(
            absl::StrCat("invalid time specification: ", Quoted(base::ToStd(when))));
      }
      absl::StatusOr<int> day = ParseWeekday(base::ToStd(when.substr(0, dash)));
      if (!day.ok()) return day.status();
      days = {*day};
      when = when.substr(dash + 1);
    }
    absl::StatusOr<int> hhmm = ParseHourMinute(base::ToStd(when));
    if (!hhmm.ok()) return hhmm.status();
    absl::StatusOr<BandwidthLimit> limit = ParseBwLimit(base::ToStd(parts[1]));
    if (!limit.ok()) return limit.status();
    for (int day : days) table.slots.push_back(BwTimeSlot{day, *hhmm, *limit});
  }
  return table;
}

}  // namespace vfs::operations
