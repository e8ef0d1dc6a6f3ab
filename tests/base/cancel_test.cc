#include "base/cancel.h"

#include <gtest/gtest.h>

#include <thread>

#include "base/clock.h"

namespace base {
namespace {

TEST(CancelTest, FirstReasonWins) {
  Cancel c;
  EXPECT_FALSE(c.triggered());
  EXPECT_TRUE(c.status().ok());
  c.Trigger(absl::CancelledError("interrupted"));
  c.Trigger(absl::DeadlineExceededError("later"));
  EXPECT_TRUE(c.triggered());
  EXPECT_EQ(c.status(), absl::CancelledError("interrupted"));
}

TEST(CancelTest, OkReasonStillCancels) {
  Cancel c;
  c.Trigger(absl::OkStatus());
  EXPECT_TRUE(c.triggered());
  EXPECT_TRUE(absl::IsCancelled(c.status()));
}

TEST(CancelTest, WaitForReturnsAtOnceWhenTriggered) {
  Cancel c;
  c.Trigger(absl::CancelledError("x"));
  EXPECT_TRUE(c.WaitFor(absl::Hours(1)));  // would hang the test if it slept
}

TEST(CancelTest, TriggerWakesAWaiterOnAnotherThread) {
  Cancel c;
  bool woke = false;
  std::thread waiter([&] { woke = c.WaitFor(absl::Hours(1)); });
  c.Trigger(absl::CancelledError("stop"));
  waiter.join();
  EXPECT_TRUE(woke);
}

TEST(CancelTest, UntriggeredWaitTimesOut) {
  Cancel c;
  EXPECT_FALSE(c.WaitFor(absl::Milliseconds(1)));
  EXPECT_FALSE(c.WaitFor(absl::ZeroDuration()));
}

TEST(CancelTest, ScopedTokenIsThisThreadsOnly) {
  auto token = std::make_shared<Cancel>();
  EXPECT_EQ(&CurrentCancel(), &Cancel::Process());
  {
    ScopedCancel scope(token);
    EXPECT_EQ(&CurrentCancel(), token.get());
    EXPECT_EQ(CurrentCancelShared().get(), token.get());
    bool other_thread_sees_process = false;
    std::thread t([&] { other_thread_sees_process = &CurrentCancel() == &Cancel::Process(); });
    t.join();
    EXPECT_TRUE(other_thread_sees_process);
    {
      ScopedCancel keep(nullptr);  // null leaves the current token in place
      EXPECT_EQ(&CurrentCancel(), token.get());
    }
  }
  EXPECT_EQ(&CurrentCancel(), &Cancel::Process());
  EXPECT_EQ(CurrentCancelShared().get(), &Cancel::Process());
}

TEST(ClockTest, FakeClockWaitAdvancesUnlessCancelled) {
  FakeClock clock;
  Cancel c;
  const absl::Time start = clock.Now();
  EXPECT_TRUE(clock.Wait(absl::Seconds(30), c).ok());
  EXPECT_EQ(clock.Now() - start, absl::Seconds(30));
  c.Trigger(absl::CancelledError("stop"));
  EXPECT_TRUE(absl::IsCancelled(clock.Wait(absl::Seconds(30), c)));
  EXPECT_EQ(clock.Now() - start, absl::Seconds(30));  // a cancelled wait does not sleep
}

TEST(ClockTest, RealClockWaitEndsOnTrigger) {
  Cancel c;
  std::thread t([&] { c.Trigger(absl::CancelledError("stop")); });
  EXPECT_TRUE(absl::IsCancelled(Clock::Real()->Wait(absl::Hours(1), c)));
  t.join();
}

}  // namespace
}  // namespace base
