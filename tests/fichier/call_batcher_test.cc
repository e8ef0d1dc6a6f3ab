// Grouping of calls: CallBatcher's windows and limits, and the Remover that folds concurrent
// removals into one file/rm.cgi (against the in-memory FakeApi).
#include "backend/fichier/call_batcher.h"

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "backend/fichier/remover.h"
#include "gtest/gtest.h"
#include "tests/fichier/fake_api.h"

namespace fichier_test {
namespace {

struct Item {
  int value = 0;
  int group_size = 0;  // set by the runner
};

// Runs `n` joiners at once (each with weight `weight`) and returns the sizes of the groups run.
std::vector<size_t> JoinConcurrently(CallBatcher<Item>& batcher, int n, int64_t weight,
                                     std::vector<Item>& items, int keys = 1) {
  absl::Mutex mu;
  std::vector<size_t> groups;
  items.assign(n, Item{});
  std::vector<std::thread> threads;
  for (int i = 0; i < n; ++i) {
    items[i].value = i;
    threads.emplace_back([&, i] {
      batcher.Join(i % keys, &items[i], weight, [&](int64_t, const std::vector<Item*>& members) {
        for (Item* m : members) m->group_size = static_cast<int>(members.size());
        absl::MutexLock lock(&mu);
        groups.push_back(members.size());
      });
    });
  }
  for (std::thread& t : threads) t.join();
  return groups;
}

size_t Sum(const std::vector<size_t>& v) {
  size_t total = 0;
  for (size_t x : v) total += x;
  return total;
}

TEST(CallBatcherTest, CallsInOneWindowRunAsOneGroup) {
  CallBatcher<Item> batcher(BatchLimits{absl::Seconds(2), 100});
  std::vector<Item> items;
  std::vector<size_t> groups = JoinConcurrently(batcher, 20, 1, items);
  // Threads may start late on a loaded machine, but a 2 s window gathers them in very few groups.
  EXPECT_EQ(Sum(groups), 20u);
  EXPECT_LE(groups.size(), 3u);
  for (const Item& item : items) EXPECT_GE(item.group_size, 1);
}

TEST(CallBatcherTest, FullGroupRunsWithoutWaitingForTheWindow) {
  // A window far longer than the test may take: only the member limit can close the groups.
  CallBatcher<Item> batcher(BatchLimits{absl::Hours(1), 5});
  std::vector<Item> items;
  std::vector<size_t> groups = JoinConcurrently(batcher, 20, 1, items);
  EXPECT_EQ(groups.size(), 4u);
  for (size_t g : groups) EXPECT_EQ(g, 5u);
}

TEST(CallBatcherTest, WeightLimitStartsANewGroup) {
  CallBatcher<Item> batcher(BatchLimits{absl::Milliseconds(300), 100, /*max_weight=*/10});
  std::vector<Item> items;
  std::vector<size_t> groups = JoinConcurrently(batcher, 12, 4, items);  // 2 fit per group
  EXPECT_EQ(Sum(groups), 12u);
  for (size_t g : groups) EXPECT_LE(g, 2u);
}

TEST(CallBatcherTest, KeysNeverShareAGroup) {
  CallBatcher<Item> batcher(BatchLimits{absl::Milliseconds(500), 100});
  std::vector<Item> items(12);
  absl::Mutex mu;
  int ran = 0;
  std::vector<std::thread> threads;
  for (int i = 0; i < 12; ++i) {
    items[i].value = i;
    threads.emplace_back([&, i] {
      batcher.Join(i % 3, &items[i], 1, [&](int64_t key, const std::vector<Item*>& members) {
        absl::MutexLock lock(&mu);
        for (Item* m : members) {
          EXPECT_EQ(m->value % 3, key) << "member " << m->value << " ran with key " << key;
          ++ran;
        }
      });
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(ran, 12);
}

TEST(CallBatcherTest, NoWindowMeansEveryCallAlone) {
  CallBatcher<Item> batcher(BatchLimits{absl::ZeroDuration(), 100});
  std::vector<Item> items;
  std::vector<size_t> groups = JoinConcurrently(batcher, 8, 1, items);
  EXPECT_EQ(groups.size(), 8u);
}

class RemoverTest : public ::testing::Test {
 protected:
  FakeApi api_;
};

TEST_F(RemoverTest, ConcurrentRemovalsShareOneCall) {
  std::vector<std::string> urls;
  for (int i = 0; i < 10; ++i) urls.push_back(api_.AddFile(0, "f" + std::to_string(i), "x", ""));
  Remover remover(api_, BatchLimits{absl::Seconds(2), 100});
  std::vector<absl::Status> results(urls.size());
  std::vector<std::thread> threads;
  for (size_t i = 0; i < urls.size(); ++i) {
    threads.emplace_back([&, i] { results[i] = remover.Remove(urls[i]); });
  }
  for (std::thread& t : threads) t.join();
  for (const absl::Status& st : results) EXPECT_TRUE(st.ok()) << st;
  EXPECT_LE(api_.Calls("file_rm"), 3);
  EXPECT_TRUE(api_.files.empty());
}

TEST_F(RemoverTest, MissingFileAloneIsNotFound) {
  Remover remover(api_, BatchLimits{absl::Milliseconds(10), 100});
  absl::Status st = remover.Remove("https://1fichier.com/?nosuchfile000000000");
  EXPECT_TRUE(absl::IsNotFound(st)) << st;
}

TEST_F(RemoverTest, PartialAnswerIsSettledFileByFile) {
  std::string kept = api_.AddFile(0, "a", "x", "");
  std::string other = api_.AddFile(0, "b", "y", "");
  Remover remover(api_, BatchLimits{absl::Hours(1), 2});  // closes when both have joined
  absl::Status first, second;
  std::thread a([&] { first = remover.Remove(kept); });
  std::thread b([&] { second = remover.Remove("https://1fichier.com/?nosuchfile000000000"); });
  a.join();
  b.join();
  // rm.cgi said 1 of 2: each URL was looked up, and both are gone now.
  EXPECT_TRUE(first.ok()) << first;
  EXPECT_TRUE(second.ok()) << second;
  EXPECT_EQ(api_.files.count(kept), 0u);
  EXPECT_EQ(api_.files.count(other), 1u);
  EXPECT_EQ(api_.Calls("file_info"), 2);
}

}  // namespace
}  // namespace fichier_test
