// rclone's --bwlimit value: one rate, UP:DOWN, or a timetable of them
// ("08:00,512k 12:00,10M 23:00,off", "Mon-00:00,512 Fri-23:59,10M:1M Sun-20:00,off").
// Checked against rclone 1.60.1: the same values parse, the same ones are refused, and the same
// slot is in force at a given time.
#ifndef FICHIER_VFS_OPERATIONS_BW_TIMETABLE_H_
#define FICHIER_VFS_OPERATIONS_BW_TIMETABLE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace vfs::operations {

// Bytes per second; <= 0 means no limit in that direction.
struct BandwidthLimit {
  int64_t up = -1;    // written to a destination that is not a local disk
  int64_t down = -1;  // read from a source that is not a local disk
  bool same() const { return up == down; }
  bool any() const { return up > 0 || down > 0; }
  bool operator==(const BandwidthLimit&) const = default;
};

// One rate (KiB/s unless suffixed B|K|M|G|T|P, "off") or UP:DOWN.
absl::StatusOr<BandwidthLimit> ParseBwLimit(std::string_view text);
// As rclone prints it: "512Ki", "1Mi:off", "off".
std::string BandwidthString(const BandwidthLimit& limit);

struct BwTimeSlot {
  int weekday = 0;  // 0 = Sunday, as Go's time.Weekday
  int hhmm = 0;     // 0-2359
  BandwidthLimit limit;
};

struct BwTimetable {
  // In the order given; an entry without a weekday stands for seven, one a day. Empty = off.
  std::vector<BwTimeSlot> slots;

  // The limit in force at `t` (local time in `zone`): the slot that started most recently this
  // week (Sunday 00:00 onwards; of equal ones the later in the list), or, when every slot is
  // still to come this week, the last one in the list (rclone's wrap-around).
  BandwidthLimit LimitAt(absl::Time t, absl::TimeZone zone) const;
  // Whether the limit can change with the time.
  bool scheduled() const { return slots.size() > 1; }
  // Whether any slot limits anything.
  bool any() const;
};

// A single value, or space-separated `[WEEKDAY-]HH:MM,RATE` entries (WEEKDAY: Sun..Sat or the
// whole word, any case).
absl::StatusOr<BwTimetable> ParseBwTimetable(std::string_view text);

}  // namespace vfs::operations

#endif  // FICHIER_VFS_OPERATIONS_BW_TIMETABLE_H_
