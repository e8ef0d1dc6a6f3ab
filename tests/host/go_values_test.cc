// Flag values as Go reads them for rclone: ParseGoInt against strconv.ParseInt(s, 0, 64),
// ParseGoDuration against time.ParseDuration (rclone 1.60's --timeout and friends).
#include "host/go_int.h"
#include "host/flags.h"
#include "host/go_time.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace fclone {
namespace {

TEST(GoIntTest, AcceptsGoSpellings) {
  const std::pair<const char*, int64_t> cases[] = {
      {"0", 0},          {"10", 10},          {"+5", 5},           {"-3", -3},
      {"010", 8},        {"0x1F", 31},        {"0X1f", 31},        {"0o17", 15},
      {"0O17", 15},      {"0b101", 5},        {"0B11", 3},         {"1_000", 1000},
      {"0x_1F", 31},     {"-0b1_0", -2},      {"007", 7},          {"00", 0},
      {"9223372036854775807", INT64_MAX},     {"-9223372036854775808", INT64_MIN},
      {"0x7fffffffffffffff", INT64_MAX},
  };
  for (const auto& [text, want] : cases) {
    absl::StatusOr<int64_t> got = ParseGoInt(text);
    ASSERT_TRUE(got.ok()) << text << ": " << got.status();
    EXPECT_EQ(*got, want) << text;
  }
}

TEST(GoIntTest, RefusesWhatGoRefusesWithItsWording) {
  for (const char* text : {"", "+", "-", "08", "09", "0x", "0b", "0b2", "1.5", " 1", "1 ", "1e3",
                           "_1", "1_", "1__0", "0_x1", "abc", "12a", "--1", "+-1"}) {
    absl::StatusOr<int64_t> got = ParseGoInt(text);
    ASSERT_FALSE(got.ok()) << text << " gave " << *got;
    EXPECT_EQ(got.status().message(),
              std::string("strconv.ParseInt: parsing \"") + text + "\": invalid syntax");
  }
  for (const char* text : {"9223372036854775808", "-9223372036854775809",
                           "99999999999999999999", "0x10000000000000000",
                           "18446744073709551615"}) {
    absl::StatusOr<int64_t> got = ParseGoInt(text);
    ASSERT_FALSE(got.ok()) << text;
    EXPECT_EQ(got.status().message(),
              std::string("strconv.ParseInt: parsing \"") + text + "\": value out of range");
  }
}

// Go stops at the first overflow: later characters are not looked at.
TEST(GoIntTest, OverflowIsReportedBeforeALaterBadCharacter) {
  EXPECT_EQ(ParseGoInt("99999999999999999999x").status().message(),
            "strconv.ParseInt: parsing \"99999999999999999999x\": value out of range");
  EXPECT_EQ(ParseGoInt("9223372036854775808x").status().message(),
            "strconv.ParseInt: parsing \"9223372036854775808x\": invalid syntax");
}

TEST(GoDurationTest, ReadsGoSpellingsIncludingBothMicroSigns) {
  EXPECT_EQ(*ParseGoDuration("1h2m3s4ms5us6ns"),
            absl::Hours(1) + absl::Minutes(2) + absl::Seconds(3) + absl::Milliseconds(4) +
                absl::Microseconds(5) + absl::Nanoseconds(6));
  EXPECT_EQ(*ParseGoDuration("7\xC2\xB5s"), absl::Microseconds(7));  // micro sign
  EXPECT_EQ(*ParseGoDuration("7\xCE\xBCs"), absl::Microseconds(7));  // Greek mu
  EXPECT_EQ(*ParseGoDuration("1.5h"), absl::Minutes(90));
  EXPECT_EQ(*ParseGoDuration("off"), absl::InfiniteDuration());
}

TEST(GoDurationTest, RefusesWithGoWording) {
  EXPECT_EQ(ParseGoDuration("1x").status().message(),
            "time: unknown unit \"x\" in duration \"1x\"");
  EXPECT_EQ(ParseGoDuration("1h3").status().message(),
            "time: missing unit in duration \"1h3\"");
  EXPECT_EQ(ParseGoDuration("h").status().message(), "time: invalid duration \"h\"");
  EXPECT_EQ(ParseGoDuration("").status().message(), "time: invalid duration \"\"");
}

TEST(GoDurationTest, PrintsAsGo) {
  EXPECT_EQ(GoDurationString(absl::Minutes(5)), "5m0s");
  EXPECT_EQ(GoDurationString(absl::Hours(1)), "1h0m0s");
  EXPECT_EQ(GoDurationString(absl::Seconds(1)), "1s");
  EXPECT_EQ(GoDurationString(absl::Milliseconds(20)), "20ms");
  EXPECT_EQ(GoDurationString(absl::Microseconds(1500)), "1.5ms");
  EXPECT_EQ(GoDurationString(absl::Milliseconds(2250)), "2.25s");
  EXPECT_EQ(GoDurationString(absl::Hours(336)), "336h0m0s");
  EXPECT_EQ(GoDurationString(absl::Nanoseconds(5)), "5ns");
  EXPECT_EQ(GoDurationString(absl::ZeroDuration()), "0s");
  EXPECT_EQ(GoDurationString(absl::InfiniteDuration()), "off");
}

TEST(GoLayoutTest, ReferenceChunksBecomeStrftime) {
  EXPECT_EQ(GoLayoutToStrftime("2006/01/02 15:04:05 - "), "%Y/%m/%d %H:%M:%S - ");
  EXPECT_EQ(GoLayoutToStrftime("Mon Jan _2 15:04:05.000 2006"), "%a %b %e %H:%M:%E3S %Y");
  EXPECT_EQ(GoLayoutToStrftime("Monday January 002 06 03PM -0700 -07:00 MST"),
            "%A %B %j %y %I%p %z %Ez %Z");
  EXPECT_EQ(GoLayoutToStrftime("9% at 1/2 3:4:5"), "9%% at %-m/%-d %-I:%-M:%-S");
  EXPECT_EQ(GoLayoutToStrftime("100"), "%-m00");  // as in Go: a lone 1 is the month
  const absl::Time t = absl::FromCivil(absl::CivilSecond(2024, 3, 7, 9, 5, 2), absl::UTCTimeZone());
  EXPECT_EQ(absl::FormatTime(GoLayoutToStrftime("2006/01/02 15:04:05 - "), t, absl::UTCTimeZone()),
            "2024/03/07 09:05:02 - ");
  EXPECT_EQ(absl::FormatTime(GoLayoutToStrftime("Jan _2 3:04PM"), t, absl::UTCTimeZone()),
            "Mar  7 9:05AM");
}

}  // namespace
}  // namespace fclone
