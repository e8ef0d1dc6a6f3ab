// Stops inside the operations: the worker pools carry the token an embedder installs, a sync
// under a triggered token starts nothing and reports the stop (fatal, never retried), and
// --max-duration's session deadline in hard and soft modes.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <thread>

#include "base/cancel.h"
#include "tests/operations/test_util.h"
#include "vfs/operations/error_class.h"
#include "vfs/operations/limits.h"
#include "vfs/operations/session_deadline.h"
#include "vfs/operations/sync.h"
#include "vfs/operations/worker_pool.h"

namespace optest {
namespace {

namespace ops = vfs::operations;

class StopTest : public SyncPairTest {};

// Polls (bounded: 60 s) until `ready` holds.
template <typename F>
bool PollUntil(F ready) {
  for (int i = 0; i < 6000; ++i) {
    if (ready()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return ready();
}

TEST_F(StopTest, WorkerPoolThreadsObeyTheTokenCurrentWhereThePoolWasMade) {
  auto token = std::make_shared<base::Cancel>();
  std::atomic<const base::Cancel*> seen{nullptr};
  {
    base::ScopedCancel scoped(token);
    ops::WorkerPool pool(2);
    pool.Submit([&] { seen = &base::CurrentCancel(); });
  }
  EXPECT_EQ(seen.load(), token.get());
  // Without one, the process-wide token.
  {
    ops::WorkerPool pool(1);
    pool.Submit([&] { seen = &base::CurrentCancel(); });
  }
  EXPECT_EQ(seen.load(), &base::Cancel::Process());
}

TEST_F(StopTest, AStoppedSyncStartsNothingAndDeletesNothing) {
  Put(*src_, "a.txt", "alpha");
  Put(*src_, "d/b.txt", "bravo");
  Put(*dst_, "extra.txt", "would be deleted");
  auto token = std::make_shared<base::Cancel>();
  token->Trigger(absl::CancelledError("context canceled"));
  base::ScopedCancel scoped(token);
  absl::Status st = Run(ops::SyncMode::kSync);
  EXPECT_TRUE(absl::IsCancelled(st)) << st;  // reported as stopped, not as a success
  EXPECT_EQ(t_.stats.transfers(), 0);
  EXPECT_THAT(Tree(*dst_),
              ::testing::ElementsAre(::testing::Pair("extra.txt", "would be deleted")));
  EXPECT_EQ(ops::ClassifyError(token->status()), ops::ErrorClass::kFatal);
}

TEST_F(StopTest, HardDeadlineTriggersTheRunsToken) {
  auto token = std::make_shared<base::Cancel>();
  base::ScopedCancel scoped(token);
  LogCapture logs;
  ops::SessionDeadline deadline(absl::Milliseconds(20), ops::CutoffMode::kHard, "dst");
  EXPECT_TRUE(logs.Contains("Transfer session HARD deadline: "));
  ASSERT_TRUE(PollUntil([&] { return token->triggered(); }));
  EXPECT_TRUE(deadline.reached());
  EXPECT_TRUE(ops::IsMaxDurationCancel(token->status()));
  EXPECT_EQ(token->status().message(), "context deadline exceeded");
}

TEST_F(StopTest, SoftDeadlineOnlyStopsNewTransfers) {
  auto token = std::make_shared<base::Cancel>();
  base::ScopedCancel scoped(token);
  ops::SessionDeadline deadline(absl::Milliseconds(20), ops::CutoffMode::kSoft, "dst");
  ASSERT_TRUE(PollUntil([&] { return deadline.reached(); }));
  EXPECT_FALSE(token->triggered());
  EXPECT_EQ(ops::ClassifyError(ops::MaxDurationReached()), ops::ErrorClass::kFatal);
}

TEST_F(StopTest, ADeadlineThatDoesNotPassChangesNothing) {
  auto token = std::make_shared<base::Cancel>();
  base::ScopedCancel scoped(token);
  {
    ops::SessionDeadline deadline(absl::Hours(1), ops::CutoffMode::kHard, "dst");
  }  // the session ends first: the watcher leaves at once
  EXPECT_FALSE(token->triggered());
}

}  // namespace
}  // namespace optest
