// --max-transfer with the three cutoff modes and --bwlimit, over memory remotes. The expected
// outcomes are rclone 1.60.1's for the same files (six 100000-byte files, --max-transfer 250K,
// one transfer at a time): hard copies f1 and f2 and fails f3 at the limit (fatal); soft
// copies f1..f3 then stops; cautious stops before f3 would cross the limit.
#include "vfs/operations/limits.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "base/cancel.h"
#include "base/clock.h"
#include "tests/operations/test_util.h"
#include "vfs/operations/error_class.h"
#include "vfs/operations/sync.h"

namespace optest {
namespace {

namespace ops = vfs::operations;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(LimitsParseTest, CutoffModes) {
  EXPECT_EQ(*ops::ParseCutoffMode("HARD"), ops::CutoffMode::kHard);
  EXPECT_EQ(*ops::ParseCutoffMode("soft"), ops::CutoffMode::kSoft);
  EXPECT_EQ(*ops::ParseCutoffMode("Cautious"), ops::CutoffMode::kCautious);
  absl::StatusOr<ops::CutoffMode> bad = ops::ParseCutoffMode("bogus");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(), "unknown cutoff mode \"bogus\"");
}

TEST(LimitsParseTest, BandwidthSpecs) {
  ops::BandwidthLimit one = *ops::ParseBwLimit("1M");
  EXPECT_EQ(one.up, 1 << 20);
  EXPECT_EQ(one.down, 1 << 20);
  EXPECT_EQ(ops::ParseBwLimit("512")->up, 512 * 1024) << "KiB/s without a suffix";
  EXPECT_EQ(ops::ParseBwLimit("100B")->up, 100);
  ops::BandwidthLimit pair = *ops::ParseBwLimit("10M:off");
  EXPECT_EQ(pair.up, 10 << 20);
  EXPECT_EQ(pair.down, -1);
  EXPECT_EQ(ops::ParseBwLimit("off")->up, -1);
  EXPECT_EQ(ops::ParseBwLimit("off:2K")->down, 2048);
  EXPECT_EQ(ops::ParseBwLimit("1X").status().message(), "bad suffix 'X'");
  EXPECT_THAT(ops::ParseBwLimit("1:2:3").status().message(), HasSubstr("want RATE or UP:DOWN"));
  EXPECT_FALSE(ops::ParseBwLimit("").ok());
}

TEST(LimitsTest, ErrorsAreFatalOnlyInHardMode) {
  absl::Status hard = ops::MaxTransferReached(true);
  absl::Status soft = ops::MaxTransferReached(false);
  EXPECT_EQ(hard.message(), "max transfer limit reached as set by --max-transfer");
  EXPECT_TRUE(ops::IsMaxTransferReached(hard));
  EXPECT_TRUE(ops::IsMaxTransferReached(soft));
  EXPECT_EQ(ops::ClassifyError(hard), ops::ErrorClass::kFatal);
  EXPECT_EQ(ops::ClassifyError(soft), ops::ErrorClass::kNoRetry);
  EXPECT_FALSE(ops::IsMaxTransferReached(absl::OutOfRangeError("other")));
}

// A clock that only moves when the bucket sleeps.
TEST(TokenBucketTest, PacesToTheRateWithoutAnInitialBurst) {
  base::FakeClock clock;
  ops::TokenBucket bucket(1000, &clock);
  ASSERT_TRUE(bucket.Take(500).ok());
  EXPECT_EQ(clock.total_slept(), absl::Milliseconds(500)) << "starts empty";
  ASSERT_TRUE(bucket.Take(1500).ok());
  EXPECT_EQ(clock.total_slept(), absl::Seconds(2));
  clock.Advance(absl::Seconds(10));  // idle: at most one second of rate is saved
  ASSERT_TRUE(bucket.Take(1000).ok());
  EXPECT_EQ(clock.total_slept(), absl::Seconds(2));
  ASSERT_TRUE(bucket.Take(1000).ok());
  EXPECT_EQ(clock.total_slept(), absl::Seconds(3));
}

// --bwlimit waits end on a stop (the thread's token) with the stop's reason.
TEST(TokenBucketTest, WaitGivesUpOnATriggeredToken) {
  base::FakeClock clock;
  ops::TokenBucket bucket(1000, &clock);
  auto token = std::make_shared<base::Cancel>();
  base::ScopedCancel scoped(token);
  token->Trigger(absl::CancelledError("stop"));
  absl::Status st = bucket.Take(100000);  // 100 s of rate
  EXPECT_TRUE(absl::IsCancelled(st)) << st;
  EXPECT_EQ(clock.total_slept(), absl::ZeroDuration());
}

TEST(TokenBucketTest, RealWaitIsCutShortFromAnotherThread) {
  ops::TokenBucket bucket(1000);  // the real clock
  auto token = std::make_shared<base::Cancel>();
  absl::Status st;
  std::thread taker([&] {
    base::ScopedCancel scoped(token);
    st = bucket.Take(3'600'000);  // an hour of rate
  });
  token->Trigger(absl::CancelledError("stop"));
  taker.join();
  EXPECT_TRUE(absl::IsCancelled(st)) << st;
}

TEST(LimitsTest, CreateIsNullWithoutLimits) {
  EXPECT_EQ(ops::Limits::Create({}), nullptr);
  ops::Limits::Options o;
  o.max_transfer = 0;
  EXPECT_NE(ops::Limits::Create(o), nullptr);
}

struct Outcome {
  std::vector<std::string> copied;
  absl::Status status;
  int64_t errors = 0;
};

Outcome CopyWithLimit(ops::CutoffMode mode, int transfers) {
  auto src = NewMemory(false, "src");
  auto dst = NewMemory(false, "dst");
  for (int i = 1; i <= 6; ++i) Put(*src, absl::StrCat("f", i), std::string(100000, 'a' + i));
  TestContext t;
  t.ctx.options.transfers = transfers;
  ops::Limits::Options o;
  o.max_transfer = 250 * 1024;
  o.cutoff_mode = mode;
  t.ctx.limits = ops::Limits::Create(o);
  Outcome out;
  out.status = ops::Sync(t.ctx, *src, *dst, ops::SyncMode::kCopy);
  for (const auto& [name, content] : Tree(*dst)) {
    EXPECT_EQ(content.size(), 100000u) << name << ": never a partial file";
    out.copied.push_back(name);
  }
  out.errors = t.stats.errors();
  EXPECT_TRUE(mode != ops::CutoffMode::kHard || t.stats.fatal());
  EXPECT_TRUE(mode == ops::CutoffMode::kHard || t.stats.all_no_retry());
  return out;
}

TEST(MaxTransferTest, HardStopsAtTheByteAndIsFatal) {
  LogCapture logs;
  Outcome o = CopyWithLimit(ops::CutoffMode::kHard, 1);
  EXPECT_THAT(o.copied, ElementsAre("f1", "f2"));
  EXPECT_TRUE(ops::IsMaxTransferFatal(o.status)) << o.status;
  EXPECT_TRUE(logs.Contains("Cancelling sync due to fatal error: max transfer limit reached"));
}

TEST(MaxTransferTest, SoftFinishesTheRunningTransferThenStops) {
  LogCapture logs;
  Outcome o = CopyWithLimit(ops::CutoffMode::kSoft, 1);
  EXPECT_THAT(o.copied, ElementsAre("f1", "f2", "f3"));
  EXPECT_TRUE(ops::IsMaxTransferReached(o.status));
  EXPECT_FALSE(ops::IsMaxTransferFatal(o.status));
  EXPECT_EQ(o.errors, 1);
  EXPECT_TRUE(logs.Contains(
      "NOTICE : max transfer limit reached as set by --max-transfer - stopping transfers"));
}

TEST(MaxTransferTest, CautiousDoesNotStartATransferThatWouldCrossIt) {
  Outcome o = CopyWithLimit(ops::CutoffMode::kCautious, 1);
  EXPECT_THAT(o.copied, ElementsAre("f1", "f2"));
  EXPECT_TRUE(ops::IsMaxTransferReached(o.status));
}

TEST(MaxTransferTest, HardWithParallelTransfersNeverPassesTheLimit) {
  Outcome o = CopyWithLimit(ops::CutoffMode::kHard, 4);
  EXPECT_LE(o.copied.size(), 2u);
  EXPECT_TRUE(ops::IsMaxTransferReached(o.status));
}

TEST(BwLimitTest, ACopyTakesAboutTheExpectedTimeAndStaysIntact) {
  auto src = NewMemory(false, "src");
  auto dst = NewMemory(false, "dst");
  std::string a(256 * 1024, '\0'), b(128 * 1024, '\0');
  for (size_t i = 0; i < a.size(); ++i) a[i] = static_cast<char>(i * 7 + i / 251);
  for (size_t i = 0; i < b.size(); ++i) b[i] = static_cast<char>(i * 13 + 5);
  Put(*src, "a", a);
  Put(*src, "d/b", b);
  TestContext t;
  ops::Limits::Options o;
  o.bwlimit = *ops::ParseBwTimetable("256K");  // 384 KiB at 256 KiB/s: 1.5 s
  t.ctx.limits = ops::Limits::Create(o);
  absl::Time start = absl::Now();
  ASSERT_TRUE(ops::Sync(t.ctx, *src, *dst, ops::SyncMode::kCopy).ok());
  absl::Duration took = absl::Now() - start;
  // Only a lower bound: a loaded machine may take longer, never shorter.
  EXPECT_GE(took, absl::Milliseconds(1200)) << "the sum of both transfers is limited";
  EXPECT_EQ(Tree(*dst)["a"], a);
  EXPECT_EQ(Tree(*dst)["d/b"], b);
}

// "1K:off" in `field` (--bwlimit or --bwlimit-file): uploads are limited, downloads are not.
void ExpectUpOnly(ops::BwTimetable ops::Limits::Options::*field) {
  ops::Limits::Options o;
  o.*field = *ops::ParseBwTimetable("1K:off");
  auto limits = ops::Limits::Create(o);
  ops::Limits::Meter to_local = limits->MeterFor(/*dst_is_local=*/true, /*src_is_local=*/false);
  EXPECT_EQ(to_local.Clamp(1 << 20), size_t{1} << 20) << "a download: UP does not apply";
  ops::Limits::Meter upload = limits->MeterFor(/*dst_is_local=*/false, /*src_is_local=*/true);
  EXPECT_EQ(upload.Clamp(1 << 20), 4096u) << "an upload reads small slices";
}

TEST(BwLimitTest, UpAndDownApplyByDirection) {
  ExpectUpOnly(&ops::Limits::Options::bwlimit);
  ExpectUpOnly(&ops::Limits::Options::bwlimit_file);
}

// --bwlimit-file: each file has buckets of its own (shared by the streams of that file, which
// hold copies of its Meter), at the rate of the slot in force when it starts.
TEST(BwLimitFileTest, EachFileHasItsOwnRateSharedByItsStreams) {
  base::FakeClock clock(absl::FromCivil(absl::CivilSecond(2026, 12, 3, 11, 59, 30),
                                        absl::UTCTimeZone()));
  ops::Limits::Options o;
  o.bwlimit_file = *ops::ParseBwTimetable("00:00,100K 12:00,off");
  o.time_zone = absl::UTCTimeZone();
  o.clock = &clock;
  auto limits = ops::Limits::Create(o);
  ASSERT_NE(limits, nullptr) << "a per-file limit alone is a limit";
  ops::Limits::Meter file = limits->MeterFor(/*dst_is_local=*/false, /*src_is_local=*/true);
  ops::Limits::Meter same_file = file;  // another stream of it
  ASSERT_TRUE(file.AfterRead(102400).ok());
  EXPECT_EQ(clock.total_slept(), absl::Seconds(1));
  ASSERT_TRUE(same_file.AfterRead(102400).ok());
  EXPECT_EQ(clock.total_slept(), absl::Seconds(2)) << "one rate for the whole file";
  ops::Limits::Meter other = limits->MeterFor(false, true);  // at 11:59:32, still 100K
  ASSERT_TRUE(other.AfterRead(102400).ok());
  EXPECT_EQ(clock.total_slept(), absl::Seconds(3)) << "a new file starts with its own bucket";
  clock.Advance(absl::Seconds(30));  // 12:00:02: the slot is off
  ops::Limits::Meter later = limits->MeterFor(false, true);
  EXPECT_EQ(later.Clamp(1 << 20), size_t{1} << 20);
  ASSERT_TRUE(later.AfterRead(1 << 20).ok());
  EXPECT_EQ(clock.total_slept(), absl::Seconds(3)) << "started in an unlimited slot";
  // Idle since 11:59:32, its bucket saved one second: two seconds' worth waits one.
  ASSERT_TRUE(file.AfterRead(204800).ok());
  EXPECT_EQ(clock.total_slept(), absl::Seconds(4)) << "a file keeps the rate it started with";
}

}  // namespace
}  // namespace optest
