// libFuzzer target for the size and time values of flags (`--max-size 1.5G`, `--min-age 2d`,
// `--max-age 2024-01-01`, `--timeout 1m30s`, `--bwlimit` rates and timetables) and of int
// flags (`--transfers 0x10`): no crash, no UB on overflow (UBSan), a parsed size is never
// negative except rclone's "off" (-1), and a parsed timetable gives a limit at any time.
// Input: the flag value.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "absl/time/time.h"
#include "host/flags.h"
#include "host/go_int.h"
#include "vfs/operations/bw_timetable.h"
#include "vfs/operations/filter.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  absl::StatusOr<int64_t> bytes = vfs::operations::ParseSizeSuffix(text);
  if (bytes.ok() && *bytes < -1) {
    std::fprintf(stderr, "size_duration_fuzz: size %lld\n", static_cast<long long>(*bytes));
    std::abort();
  }
  (void)vfs::operations::ParseAge(text, absl::FromUnixSeconds(1700000000));
  (void)fclone::ParseGoDuration(text);
  (void)fclone::ParseGoInt(text);
  absl::StatusOr<vfs::operations::BwTimetable> table = vfs::operations::ParseBwTimetable(text);
  if (table.ok()) {
    for (const vfs::operations::BwTimeSlot& slot : table->slots) {
      if (slot.weekday < 0 || slot.weekday > 6 || slot.hhmm < 0 || slot.hhmm > 2359 ||
          slot.hhmm % 100 > 59) {
        std::fprintf(stderr, "size_duration_fuzz: slot %d %d\n", slot.weekday, slot.hhmm);
        std::abort();
      }
    }
    for (int hour = 0; hour < 7 * 24; hour += 5) {
      (void)table->LimitAt(absl::FromUnixSeconds(1700000000 + hour * 3600), absl::UTCTimeZone());
    }
  }
  return 0;
}
