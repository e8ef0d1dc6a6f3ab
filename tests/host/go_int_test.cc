// ParseGoInt against what Go's strconv.ParseInt(s, 0, 64) answers (rclone's int flags).
#include "host/go_int.h"

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

}  // namespace
}  // namespace fclone
