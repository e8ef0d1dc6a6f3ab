// The ranges a sparse cache copy holds: merged on insert, gaps asked for exactly.
#include "mount/byte_ranges.h"

#include <gtest/gtest.h>

#include <random>
#include <vector>

namespace mount {
namespace {

using Ranges = std::vector<ByteRange>;

TEST(ByteRangesTest, InsertsMergeTouchingAndOverlappingRanges) {
  ByteRanges r;
  r.Insert(10, 20);
  r.Insert(30, 40);
  EXPECT_EQ(r.Total(), 20);
  EXPECT_EQ(r.Missing(0, 50), (Ranges{{0, 10}, {20, 30}, {40, 50}}));
  r.Insert(20, 30);  // touches both
  EXPECT_EQ(r.Missing(0, 50), (Ranges{{0, 10}, {40, 50}}));
  EXPECT_EQ(r.Total(), 30);
  r.Insert(5, 45);  // covers them
  EXPECT_EQ(r.Total(), 40);
  EXPECT_TRUE(r.Covers(5, 45));
  EXPECT_FALSE(r.Covers(4, 45));
  r.Insert(7, 7);  // empty: nothing
  EXPECT_EQ(r.Total(), 40);
}

TEST(ByteRangesTest, MissingIsClippedToTheAskedWindow) {
  ByteRanges r;
  r.Insert(100, 200);
  EXPECT_EQ(r.Missing(150, 160), Ranges{});
  EXPECT_EQ(r.Missing(150, 250), (Ranges{{200, 250}}));
  EXPECT_EQ(r.Missing(50, 150), (Ranges{{50, 100}}));
  EXPECT_EQ(r.Missing(200, 210), (Ranges{{200, 210}}));
  EXPECT_EQ(r.Missing(0, 100), (Ranges{{0, 100}}));
  r.Clear();
  EXPECT_EQ(r.Missing(0, 10), (Ranges{{0, 10}}));
  EXPECT_EQ(r.Total(), 0);
}

TEST(ByteRangesTest, AgreesWithABitmapUnderRandomInserts) {
  std::mt19937 rng(3);
  for (int round = 0; round < 50; ++round) {
    ByteRanges r;
    std::vector<bool> held(300, false);
    for (int i = 0; i < 20; ++i) {
      int64_t a = rng() % 300, b = rng() % 300;
      if (a > b) std::swap(a, b);
      r.Insert(a, b);
      for (int64_t k = a; k < b; ++k) held[k] = true;
      int64_t s = rng() % 300, e = rng() % 301;
      if (s > e) std::swap(s, e);
      Ranges expected;
      for (int64_t k = s; k < e; ++k) {
        if (held[k]) continue;
        if (!expected.empty() && expected.back().end == k) {
          expected.back().end = k + 1;
        } else {
          expected.push_back({k, k + 1});
        }
      }
      ASSERT_EQ(r.Missing(s, e), expected) << "round " << round << " insert " << i;
      int64_t total = 0;
      for (bool h : held) total += h;
      ASSERT_EQ(r.Total(), total);
    }
  }
}

}  // namespace
}  // namespace mount
