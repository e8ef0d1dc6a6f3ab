// rclone's number, duration and JSON formatting; the stats block; the worker pool.
#include "vfs/operations/format.h"

#include <gtest/gtest.h>

#include <atomic>

#include "vfs/operations/stats.h"
#include "vfs/operations/worker_pool.h"

namespace vfs::operations {
namespace {

TEST(FormatTest, Sizes) {
  EXPECT_EQ(SizeSuffix(6), "6");
  EXPECT_EQ(SizeSuffix(1500), "1.465Ki");
  EXPECT_EQ(SizeSuffix(1024), "1Ki");
  EXPECT_EQ(ByteUnit(0), "0 B");
  EXPECT_EQ(ByteUnit(1009), "1009 B");
  EXPECT_EQ(ByteUnit(1201506), "1.146 MiB");
  EXPECT_EQ(ByteRateUnit(0), "0 B/s");
  EXPECT_EQ(CountSuffix(3), "3");
  EXPECT_EQ(CountSuffix(1234), "1.234k");
}

TEST(FormatTest, PercentAndDurations) {
  EXPECT_EQ(Percent(2, 3), "67%");
  EXPECT_EQ(Percent(0, 0), "-");
  EXPECT_EQ(GoDuration(absl::Seconds(62)), "1m2s");
  EXPECT_EQ(GoDuration(absl::Seconds(3600)), "1h0m0s");
  EXPECT_EQ(GoDuration(absl::Milliseconds(1500)), "1.5s");
  EXPECT_EQ(GoDuration(absl::ZeroDuration()), "0s");
  EXPECT_EQ(ElapsedString(absl::Milliseconds(40)), "0.0");
  EXPECT_EQ(ElapsedString(absl::Milliseconds(62300)), "1m2.3");
  EXPECT_EQ(EtaString(false, absl::ZeroDuration()), "-");
}

TEST(FormatTest, JsonEscapingIsGos) {
  EXPECT_EQ(JsonQuote("a<b>&\"\\\n"), "\"a\\u003cb\\u003e\\u0026\\\"\\\\\\n\"");
  EXPECT_EQ(JsonQuote("bad\xff"), "\"bad\\ufffd\"");
  EXPECT_EQ(JsonQuote("h\xc3\xa9"), "\"h\xc3\xa9\"");
}

TEST(FormatTest, PrecisionDigits) {
  EXPECT_EQ(PrecisionDigits(absl::Nanoseconds(1)), 9);
  EXPECT_EQ(PrecisionDigits(absl::Milliseconds(1)), 3);
  EXPECT_EQ(PrecisionDigits(absl::Seconds(1)), 0);
}

TEST(StatsTest, BlockLayoutMatchesRclone) {
  StatsSnapshot s;
  s.bytes = s.total_bytes = 1009;
  s.transfers = s.total_transfers = 4;
  s.elapsed = absl::Milliseconds(10);
  EXPECT_EQ(FormatStats(s, false),
            "Transferred:   \t       1009 B / 1009 B, 100%, 0 B/s, ETA -\n"
            "Transferred:            4 / 4, 100%\n"
            "Elapsed time:         0.0s\n");
  s.errors = 1;
  s.checks = 2;
  s.total_checks = 3;
  s.deletes = 1;
  s.deleted_dirs = 1;
  std::string block = FormatStats(s, false);
  EXPECT_NE(block.find("Errors:                 1 (retrying may help)\n"), std::string::npos);
  EXPECT_NE(block.find("Checks:                 2 / 3, 67%\n"), std::string::npos);
  EXPECT_NE(block.find("Deleted:                1 (files), 1 (dirs)\n"), std::string::npos);
}

TEST(StatsTest, CountsTransfersAndErrors) {
  Stats stats;
  Stats::TransferPtr t = stats.StartTransfer("f", 10);
  t->AddBytes(10);
  stats.FinishTransfer(t, true);
  stats.Error(absl::InternalError("x"));
  StatsSnapshot s = stats.Snapshot();
  EXPECT_EQ(s.transfers, 1);
  EXPECT_EQ(s.bytes, 10);
  EXPECT_EQ(stats.errors(), 1);
  stats.ResetErrors();
  EXPECT_EQ(stats.errors(), 0);
  EXPECT_EQ(stats.Snapshot().bytes, 10);
}

TEST(WorkerPoolTest, RunsEverythingWithBoundedConcurrency) {
  std::atomic<int> running{0}, peak{0}, done{0};
  {
    WorkerPool pool(3, 2);
    for (int i = 0; i < 50; ++i) {
      pool.Submit([&] {
        int now = ++running;
        int p = peak.load();
        while (now > p && !peak.compare_exchange_weak(p, now)) {
        }
        absl::SleepFor(absl::Milliseconds(1));
        --running;
        ++done;
      });
    }
  }
  EXPECT_EQ(done.load(), 50);
  EXPECT_LE(peak.load(), 3);
}

}  // namespace
}  // namespace vfs::operations
