#include "backend/rest/pacer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

#include "base/cancel.h"

namespace backend::rest {
namespace {
using base::Clock;
using base::FakeClock;

PacerOptions FichierOptions() {
  PacerOptions options;  // defaults are rclone's fichier values
  options.jitter = 0.25;
  return options;
}

// Jitter source for tests: always the same value.
std::function<double()> Fixed(double u) {
  return [u] { return u; };
}

TEST(PacerTest, SpacesConsecutiveStartsByMinSleep) {
  FakeClock clock;
  Pacer pacer(FichierOptions(), &clock, Fixed(0));
  std::vector<absl::Time> starts;
  for (int i = 0; i < 5; ++i) {
    auto turn = pacer.Wait();
    starts.push_back(clock.Now());
    turn->Succeeded();
  }
  EXPECT_EQ(starts[1] - starts[0], absl::Milliseconds(400));  // first call did not wait
  for (size_t i = 1; i < starts.size(); ++i) {
    EXPECT_EQ(starts[i] - starts[i - 1], absl::Milliseconds(400));
  }
}

// With a burst of 3, a lookup chain of three calls starts at once, and no window of 3 x 400 ms
// ever holds a fourth start: the long-run pace is still one call per 400 ms.
TEST(PacerTest, BurstLetsThreeCallsStartTogetherAndKeepsTheLongRunPace) {
  FakeClock clock;
  PacerOptions options = FichierOptions();
  options.burst = 3;
  Pacer pacer(options, &clock, Fixed(0));
  const absl::Time t0 = clock.Now();
  std::vector<absl::Time> starts;
  for (int i = 0; i < 9; ++i) {
    auto turn = pacer.Wait();
    ASSERT_TRUE(turn.ok());
    starts.push_back(clock.Now());
    turn->Succeeded();
  }
  EXPECT_EQ(starts[0], t0);
  EXPECT_EQ(starts[1], t0);
  EXPECT_EQ(starts[2], t0);
  EXPECT_EQ(starts[3], t0 + absl::Milliseconds(1200));
  EXPECT_EQ(starts[8], t0 + absl::Milliseconds(2400));
  for (size_t i = 3; i < starts.size(); ++i) {
    EXPECT_GE(starts[i] - starts[i - 3], absl::Milliseconds(1200)) << i;
  }
}

// Backing off, every start waits the whole sleep again; after a flood answer the pacer never
// bursts again in this run (the service found even that pace too fast).
TEST(PacerTest, BurstStopsWhileBackingOffAndForGoodAfterAFlood) {
  FakeClock clock;
  PacerOptions options = FichierOptions();
  options.burst = 3;
  options.flood_pause = absl::Seconds(1);
  Pacer pacer(options, &clock, Fixed(0));
  pacer.Wait()->Retry();
  absl::Time last = clock.Now();
  pacer.Wait()->Succeeded();
  EXPECT_EQ(clock.Now() - last, absl::Seconds(5));
  for (int i = 0; i < 3; ++i) {  // decaying (3.75 s, 2.8 s, ...): still one start per sleep
    last = clock.Now();
    pacer.Wait()->Succeeded();
    EXPECT_GE(clock.Now() - last, absl::Seconds(2)) << i;
  }

  FakeClock clock2;
  Pacer flooded(options, &clock2, Fixed(0));
  flooded.Wait()->Flooded();
  for (int i = 0; i < 12; ++i) flooded.Wait()->Succeeded();  // decayed back to 400 ms
  ASSERT_EQ(flooded.sleep(), absl::Milliseconds(400));
  std::vector<absl::Time> starts;
  for (int i = 0; i < 4; ++i) {
    flooded.Wait()->Succeeded();
    starts.push_back(clock2.Now());
  }
  for (size_t i = 1; i < starts.size(); ++i) {
    EXPECT_EQ(starts[i] - starts[i - 1], absl::Milliseconds(400));
  }
}

TEST(PacerTest, RetryJumpsToMaxThenDecaysLikeRclone) {
  FakeClock clock;
  Pacer pacer(FichierOptions(), &clock, Fixed(0));
  pacer.Wait()->Retry();
  EXPECT_EQ(pacer.sleep(), absl::Seconds(5));
  // rclone-conventions 6.3: 5 s, 3.75 s, 2.8125 s, ... then 0.4 s after 9 successes.
  const std::vector<absl::Duration> expected = {
      absl::Milliseconds(3750),        absl::Microseconds(2812500),
      absl::Microseconds(2109375),     absl::Nanoseconds(1582031250),
      absl::Nanoseconds(1186523437),   absl::Nanoseconds(889892577),
      absl::Nanoseconds(667419432),    absl::Nanoseconds(500564574),
      absl::Milliseconds(400)};
  for (absl::Duration want : expected) {
    pacer.Wait()->Succeeded();
    EXPECT_EQ(pacer.sleep(), want);
  }
}

TEST(PacerTest, TheCallAfterARetryAlreadyWaitsTheLongerSleep) {
  FakeClock clock;
  Pacer pacer(FichierOptions(), &clock, Fixed(0));
  pacer.Wait()->Retry();
  const absl::Time failed_at = clock.Now();
  pacer.Wait()->Succeeded();
  EXPECT_GE(clock.Now() - failed_at, absl::Seconds(5));
}

TEST(PacerTest, AttackConstantDoublesUpToMax) {
  FakeClock clock;
  PacerOptions options = FichierOptions();
  options.attack_constant = 1;
  options.min_sleep = absl::Milliseconds(10);
  options.max_sleep = absl::Milliseconds(100);
  Pacer pacer(options, &clock, Fixed(0));
  pacer.Wait()->Retry();
  EXPECT_EQ(pacer.sleep(), absl::Milliseconds(20));
  pacer.Wait()->Retry();
  EXPECT_EQ(pacer.sleep(), absl::Milliseconds(40));
  pacer.Wait()->Retry();
  pacer.Wait()->Retry();
  EXPECT_EQ(pacer.sleep(), absl::Milliseconds(100));
}

TEST(PacerTest, JitterOnlyLengthensBackOff) {
  FakeClock clock;
  Pacer pacer(FichierOptions(), &clock, Fixed(1.0));
  pacer.Wait()->Retry();
  const absl::Time failed_at = clock.Now();
  ASSERT_TRUE(pacer.Wait().ok());
  EXPECT_EQ(clock.Now() - failed_at, absl::Milliseconds(6250));  // 5 s x 1.25
}

TEST(PacerTest, RetryAfterIsHonouredAndClamped) {
  FakeClock clock;
  Pacer pacer(FichierOptions(), &clock, Fixed(0));
  pacer.Wait()->Retry(absl::Seconds(2));
  EXPECT_EQ(pacer.sleep(), absl::Seconds(2));
  pacer.Wait()->Retry(absl::Hours(3));
  EXPECT_EQ(pacer.sleep(), absl::Minutes(5));
  pacer.Wait()->Retry(absl::Milliseconds(1));
  EXPECT_EQ(pacer.sleep(), absl::Milliseconds(400));
}

TEST(PacerTest, FloodLocksEveryCallerAndEscalatesWithACap) {
  FakeClock clock;
  Pacer pacer(FichierOptions(), &clock, Fixed(0));
  const std::vector<absl::Duration> pauses = {absl::Seconds(30), absl::Seconds(60),
                                              absl::Seconds(120), absl::Seconds(240),
                                              absl::Seconds(300), absl::Seconds(300)};
  for (absl::Duration pause : pauses) {
    auto turn = pacer.Wait();
    const absl::Time at = clock.Now();
    turn->Flooded();
    EXPECT_EQ(pacer.locked_until() - at, pause);
  }
  // A success ends the escalation.
  pacer.Wait()->Succeeded();
  auto turn = pacer.Wait();
  const absl::Time at = clock.Now();
  turn->Flooded();
  EXPECT_EQ(pacer.locked_until() - at, absl::Seconds(30));
}

TEST(PacerTest, WaitSleepsThroughTheFloodLockInOneSleep) {
  FakeClock clock;
  Pacer pacer(FichierOptions(), &clock, Fixed(0));
  auto turn = pacer.Wait();
  const absl::Time at = clock.Now();
  turn->Flooded();
  const int sleeps_before = clock.sleeps();
  ASSERT_TRUE(pacer.Wait().ok());
  EXPECT_GE(clock.Now() - at, absl::Seconds(30));
  EXPECT_LE(clock.sleeps() - sleeps_before, 2);  // a wait, not a busy loop
}

// A clock whose sleep does nothing: time never moves. Wait() must still return.
class StuckClock : public Clock {
 public:
  absl::Time Now() override { return absl::FromUnixSeconds(1000); }
  void SleepFor(absl::Duration) override { ++sleeps; }
  std::atomic<int> sleeps{0};
};

TEST(PacerTest, WaitIsBoundedEvenIfTimeStandsStill) {
  StuckClock clock;
  Pacer pacer(FichierOptions(), &clock, Fixed(0));
  pacer.Wait()->Flooded();
  ASSERT_TRUE(pacer.Wait().ok());  // returns; the lock never expires on this clock
  EXPECT_LE(clock.sleeps.load(), 1001);
}

TEST(PacerTest, ConcurrentCallersAreSpacedApart) {
  PacerOptions options;
  options.min_sleep = absl::Milliseconds(3);
  options.max_sleep = absl::Milliseconds(30);
  Pacer pacer(options, Clock::Real(), Fixed(0));
  absl::Mutex mu;
  std::vector<absl::Time> starts;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 8; ++i) {
        auto turn = pacer.Wait();
        {
          absl::MutexLock lock(&mu);
          starts.push_back(absl::Now());
        }
        turn->Succeeded();
      }
    });
  }
  for (auto& th : threads) th.join();
  std::sort(starts.begin(), starts.end());
  ASSERT_EQ(starts.size(), 32u);
  // Reservations are 3 ms apart; allow scheduler noise on individual gaps but not overall.
  EXPECT_GE(starts.back() - starts.front(), absl::Milliseconds(3 * 31 - 5));
}

TEST(PacerTest, MaxConnectionsCapsCallsInFlight) {
  PacerOptions options;
  options.min_sleep = absl::ZeroDuration();
  options.max_connections = 2;
  Pacer pacer(options, Clock::Real(), Fixed(0));
  std::atomic<int> in_flight{0}, peak{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 6; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 5; ++i) {
        auto turn = pacer.Wait();
        int now = ++in_flight;
        int seen = peak.load();
        while (now > seen && !peak.compare_exchange_weak(seen, now)) {
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
        --in_flight;
        turn->Succeeded();
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(peak.load(), 2);
}

TEST(PacerTest, ClassifiesStatusesForRetry) {
  EXPECT_EQ(ClassifyForRetry(absl::OkStatus()), RetryClass::kDone);
  EXPECT_EQ(ClassifyForRetry(absl::UnavailableError("x")), RetryClass::kRetry);
  EXPECT_EQ(ClassifyForRetry(absl::DeadlineExceededError("x")), RetryClass::kRetry);
  EXPECT_EQ(ClassifyForRetry(absl::ResourceExhaustedError("x")), RetryClass::kFlood);
  EXPECT_EQ(ClassifyForRetry(absl::UnauthenticatedError("x")), RetryClass::kPermanent);
  EXPECT_EQ(ClassifyForRetry(absl::NotFoundError("x")), RetryClass::kPermanent);
  absl::Status s = absl::UnavailableError("x");
  EXPECT_FALSE(GetRetryAfter(s).has_value());
  SetRetryAfter(s, absl::Seconds(7));
  EXPECT_EQ(GetRetryAfter(s).value_or(absl::ZeroDuration()), absl::Seconds(7));
}

// A stop (the thread's base::Cancel) ends a pacer wait with the stop's reason, and the slot
// reserved for the call is given back.
TEST(PacerCancelTest, WaitGivesUpOnATriggeredToken) {
  FakeClock clock;
  PacerOptions options = FichierOptions();
  options.max_connections = 1;
  Pacer pacer(options, &clock, Fixed(0));
  auto token = std::make_shared<base::Cancel>();
  base::ScopedCancel scoped(token);
  pacer.Wait()->Flooded();  // everyone is now locked out for 30 s
  token->Trigger(absl::CancelledError("stop requested"));
  const int sleeps_before = clock.sleeps();
  absl::StatusOr<Pacer::Turn> turn = pacer.Wait();
  ASSERT_FALSE(turn.ok());
  EXPECT_TRUE(absl::IsCancelled(turn.status()));
  EXPECT_EQ(turn.status().message(), "stop requested");
  EXPECT_EQ(clock.sleeps(), sleeps_before) << "no flood pause was sat through";
  // The connection slot was released: another thread (with no stop) gets a turn.
  std::thread other([&] { EXPECT_TRUE(pacer.Wait().ok()); });
  other.join();
}

// Triggered during the flood pause (from another thread while the waiter sleeps on the real
// clock): the waiter returns long before the pause is over.
TEST(PacerCancelTest, FloodPauseIsCutShortOnTheRealClock) {
  PacerOptions options = FichierOptions();
  options.min_sleep = absl::ZeroDuration();
  options.flood_pause = absl::Minutes(10);
  options.max_flood_pause = absl::Minutes(10);
  Pacer pacer(options, Clock::Real(), Fixed(0));
  pacer.Wait()->Flooded();
  auto token = std::make_shared<base::Cancel>();
  absl::Status got;
  std::thread waiter([&] {
    base::ScopedCancel scoped(token);
    got = pacer.Wait().status();
  });
  token->Trigger(absl::CancelledError("stop"));
  waiter.join();  // would take 10 minutes if the pause were not cut
  EXPECT_TRUE(absl::IsCancelled(got)) << got;
}

}  // namespace
}  // namespace backend::rest
