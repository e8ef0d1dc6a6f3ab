// --bwlimit timetables (vfs/operations/bw_timetable.h). The expected slots are rclone 1.60.1's:
// each table below was given to `rclone --bwlimit TABLE -vv lsf DIR` on Thursday 2026-12-03 at
// 04:48 UTC, and the limit it started with is the one written here. The change messages are
// those of `rclone copy` runs across a slot boundary ("Limit set to 200Ki Byte/s", "Bandwidth
// limits disabled").
#include "vfs/operations/bw_timetable.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "base/clock.h"
#include "tests/operations/test_util.h"
#include "vfs/operations/limits.h"

namespace optest {
namespace {

namespace ops = vfs::operations;
using ::testing::HasSubstr;

const absl::Time kThursday0448 =
    absl::FromCivil(absl::CivilMinute(2026, 12, 3, 4, 48), absl::UTCTimeZone());

std::string InForce(const std::string& table, absl::Time t = kThursday0448,
                    absl::TimeZone zone = absl::UTCTimeZone()) {
  absl::StatusOr<ops::BwTimetable> parsed = ops::ParseBwTimetable(table);
  if (!parsed.ok()) return "error: " + std::string(parsed.status().message());
  return ops::BandwidthString(parsed->LimitAt(t, zone));
}

std::string ErrorOf(const std::string& table) {
  absl::StatusOr<ops::BwTimetable> parsed = ops::ParseBwTimetable(table);
  return parsed.ok() ? "accepted" : std::string(parsed.status().message());
}

TEST(BwTimetableTest, EntriesWithoutADayStandForEveryDay) {
  ops::BwTimetable t = *ops::ParseBwTimetable("08:00,512k 23:00,off");
  ASSERT_EQ(t.slots.size(), 14u);
  for (int day = 0; day < 7; ++day) {
    EXPECT_EQ(t.slots[day].weekday, day);
    EXPECT_EQ(t.slots[day].hhmm, 800);
    EXPECT_EQ(t.slots[day].limit.up, 512 * 1024);
    EXPECT_EQ(t.slots[7 + day].hhmm, 2300);
    EXPECT_FALSE(t.slots[7 + day].limit.any());
  }
  ops::BwTimetable days = *ops::ParseBwTimetable("Mon-00:00,512 Fri-23:59,10M:1M SUNDAY-20:00,off");
  ASSERT_EQ(days.slots.size(), 3u);
  EXPECT_EQ(days.slots[0].weekday, 1);
  EXPECT_EQ(days.slots[1].weekday, 5);
  EXPECT_EQ(days.slots[1].hhmm, 2359);
  EXPECT_EQ(days.slots[1].limit.up, 10 << 20);
  EXPECT_EQ(days.slots[1].limit.down, 1 << 20);
  EXPECT_EQ(days.slots[2].weekday, 0);
  EXPECT_TRUE(days.scheduled());
  ops::BwTimetable one = *ops::ParseBwTimetable("1M");
  ASSERT_EQ(one.slots.size(), 1u);
  EXPECT_FALSE(one.scheduled());
  EXPECT_FALSE(ops::ParseBwTimetable("off")->any());
}

TEST(BwTimetableTest, RefusesWhatRcloneRefuses) {
  EXPECT_THAT(ErrorOf("25:00,1M"), HasSubstr("invalid hour (must be between 00 and 23)"));
  EXPECT_THAT(ErrorOf("08:61,1M"), HasSubstr("invalid minute (must be between 00 and 59)"));
  EXPECT_EQ(ErrorOf("8:00,1M"), "invalid time specification (hh:mm): \"8:00\"");
  EXPECT_EQ(ErrorOf("Xyz-08:00,1M"), "invalid weekday: \"xyz\"");
  EXPECT_EQ(ErrorOf("08:00,1M  12:00,2M"), "invalid time/bandwidth specification: \"\"");
  EXPECT_EQ(ErrorOf(" 08:00,1M"), "invalid time/bandwidth specification: \"\"");
  EXPECT_EQ(ErrorOf("08:00,1M,2M"), "invalid time/bandwidth specification: \"08:00,1M,2M\"");
  EXPECT_EQ(ErrorOf("1M 08:00,2M"), "invalid time/bandwidth specification: \"1M\"");
  EXPECT_EQ(ErrorOf("08:00,1Q"), "bad suffix 'Q'");
  EXPECT_NE(ErrorOf("Mon-08:00"), "accepted");  // no rate: read as one (bad) rate
  EXPECT_NE(ErrorOf("Mon-Tue-08:00,1M"), "accepted");
  EXPECT_NE(ErrorOf(""), "accepted");
}

TEST(BwTimetableTest, TheSlotInForceIsRclones) {
  EXPECT_EQ(InForce("08:00,512k 23:00,off"), "off");  // Wednesday 23:00 is the latest
  EXPECT_EQ(InForce("Mon-00:00,512 Fri-23:59,10M Sat-10:00,1M Sun-20:00,off"), "512Ki");
  EXPECT_EQ(InForce("08:00,512k:1M 12:00,off"), "off");
  EXPECT_EQ(InForce("monday-08:00,1M"), "1Mi");
  EXPECT_EQ(InForce("08:00,1M 08:00,2M"), "2Mi");  // equal slots: the later entry
  EXPECT_EQ(InForce("Thu-23:00,1M Sun-00:30,2M"), "2Mi");  // the week starts on Sunday
  EXPECT_EQ(InForce("Thu-04:00,3M Wed-05:00,1M"), "3Mi");
  EXPECT_EQ(InForce("Thu-23:00,1M Fri-01:00,2M Sun-00:00,off"), "off");
  EXPECT_EQ(InForce("23:00,1M 22:00,2M"), "1Mi");
  // Every slot still to come this week: the last one in the list, not the latest in the week.
  EXPECT_EQ(InForce("Sat-10:00,2M Fri-10:00,1M"), "1Mi");
  EXPECT_EQ(InForce("Fri-10:00,1M Sat-10:00,2M"), "2Mi");
  EXPECT_EQ(InForce("Sat-23:00,5M Fri-01:00,2M Thu-23:00,1M"), "1Mi");
  // The time is read in the given zone: 04:48 UTC is 14:48 at UTC+10.
  EXPECT_EQ(InForce("08:00,512k 23:00,off", kThursday0448, absl::FixedTimeZone(10 * 3600)),
            "512Ki");
}

TEST(BwTimetableTest, PrintedAsRclonePrintsIt) {
  EXPECT_EQ(InForce("1M:2M"), "1Mi:2Mi");
  EXPECT_EQ(InForce("off:2M"), "off:2Mi");
  EXPECT_EQ(InForce("1M:off"), "1Mi:off");
  EXPECT_EQ(InForce("512"), "512Ki");
  EXPECT_EQ(InForce("1536k"), "1.500Mi");
}

std::shared_ptr<ops::Limits> LimitsOnUtc(const std::string& table, base::FakeClock& clock) {
  ops::Limits::Options o;
  o.bwlimit = *ops::ParseBwTimetable(table);
  o.time_zone = absl::UTCTimeZone();
  o.clock = &clock;
  return ops::Limits::Create(o);
}

// 04:48:30 with "04:48,4K 04:49,off": each 4 KiB read waits one (fake) second until 04:49,
// then the limit is lifted on the minute.
TEST(BwTimetableTest, TheLimitChangesOnTheMinuteOfItsSlot) {
  base::FakeClock clock(kThursday0448 + absl::Seconds(30));
  LogCapture logs;
  auto limits = LimitsOnUtc("04:48,4K 04:49,off", clock);
  ASSERT_NE(limits, nullptr);
  EXPECT_TRUE(logs.Contains("Starting bandwidth limiter at 4Ki Byte/s"));
  ops::Limits::Meter upload = limits->MeterFor(/*dst_is_local=*/false, /*src_is_local=*/true);
  int reads = 0;
  while (upload.Clamp(1 << 20) == 4096u && reads < 100) {
    ASSERT_EQ(*upload.AfterRead(4096), 4096u);
    ++reads;
  }
  EXPECT_GE(clock.Now(), kThursday0448 + absl::Minutes(1));
  EXPECT_LT(clock.Now(), kThursday0448 + absl::Minutes(1) + absl::Seconds(3));
  EXPECT_GE(reads, 28);
  EXPECT_TRUE(logs.Contains("NOTICE : Scheduled bandwidth change. Bandwidth limits disabled"));
  const int sleeps = clock.sleeps();
  for (int i = 0; i < 10; ++i) ASSERT_EQ(*upload.AfterRead(1 << 20), size_t{1} << 20);
  EXPECT_EQ(clock.sleeps(), sleeps) << "no waiting once the limit is off";
}

TEST(BwTimetableTest, ALimitStartingLaterAppliesFromItsMinute) {
  base::FakeClock clock(kThursday0448 + absl::Seconds(30));
  LogCapture logs;
  auto limits = LimitsOnUtc("04:48,off 04:49,8K:off", clock);
  ASSERT_NE(limits, nullptr) << "a timetable that limits at some time is a limit";
  EXPECT_FALSE(logs.Contains("Starting bandwidth limiter"));
  ops::Limits::Meter upload = limits->MeterFor(/*dst_is_local=*/false, /*src_is_local=*/true);
  ops::Limits::Meter download = limits->MeterFor(/*dst_is_local=*/true, /*src_is_local=*/false);
  EXPECT_EQ(upload.Clamp(1 << 20), size_t{1} << 20);
  clock.Advance(absl::Seconds(29));
  EXPECT_EQ(upload.Clamp(1 << 20), size_t{1} << 20) << "04:48:59: still off";
  clock.Advance(absl::Seconds(1));
  EXPECT_EQ(upload.Clamp(1 << 20), 4096u) << "04:49:00: 8 KiB/s up";
  EXPECT_EQ(download.Clamp(1 << 20), size_t{1} << 20) << "downloads stay unlimited";
  EXPECT_TRUE(logs.Contains("NOTICE : Scheduled bandwidth change. Limit set to 8Ki:off Byte/s"));
}

}  // namespace
}  // namespace optest
