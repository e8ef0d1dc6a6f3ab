// Grouping of calls: CallBatcher's windows and limits, the Remover that folds concurrent
// removals into one file/rm.cgi, and grouped server-side copies and moves (against FakeApi).
#include "backend/fichier/call_batcher.h"

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "backend/fichier/grouped_server_side.h"
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

// Runs `n` calls of `call(i)` at once.
template <typename F>
void AtOnce(int n, F call) {
  std::vector<std::thread> threads;
  for (int i = 0; i < n; ++i) threads.emplace_back([&, i] { call(i); });
  for (std::thread& t : threads) t.join();
}

class GroupedServerSideTest : public ::testing::Test {
 protected:
  void SetUp() override {
    folder_ = api_.AddFolder(0, "dst");
    for (int i = 0; i < 6; ++i) {
      urls_.push_back(api_.AddFile(0, "f" + std::to_string(i), "content " + std::to_string(i), ""));
    }
  }
  FakeApi api_;
  int64_t folder_ = 0;
  std::vector<std::string> urls_;
};

TEST_F(GroupedServerSideTest, CopiesIntoOneFolderShareOneCallAndEachGetsItsOwnCopy) {
  GroupedServerSide grouped(api_, BatchLimits{absl::Hours(1), 6});  // full group closes it
  std::vector<absl::StatusOr<std::string>> got(6, absl::UnknownError("unset"));
  AtOnce(6, [&](int i) { got[i] = grouped.Copy(urls_[i], folder_); });
  EXPECT_EQ(api_.Calls("file_cp"), 1);
  for (int i = 0; i < 6; ++i) {
    ASSERT_TRUE(got[i].ok()) << got[i].status();
    ASSERT_EQ(api_.files.count(*got[i]), 1u);
    const FakeApi::File& copy = api_.files[*got[i]];
    EXPECT_EQ(copy.content, "content " + std::to_string(i));  // its own file, not a neighbour's
    EXPECT_EQ(copy.folder, folder_);
    EXPECT_EQ(copy.filename, "f" + std::to_string(i));
  }
  for (const std::string& rename : api_.cp_renames) EXPECT_EQ(rename, "");
}

TEST_F(GroupedServerSideTest, ARefusedGroupIsRetriedFileByFile) {
  GroupedServerSide grouped(api_, BatchLimits{absl::Hours(1), 3});
  const std::string missing = "https://1fichier.com/?nosuchfile000000000";
  std::vector<std::string> asked = {urls_[0], missing, urls_[1]};
  std::vector<absl::StatusOr<std::string>> got(3, absl::UnknownError("unset"));
  AtOnce(3, [&](int i) { got[i] = grouped.Copy(asked[i], folder_); });
  // One grouped call refused (a URL is unknown), then one call per file.
  EXPECT_EQ(api_.Calls("file_cp"), 4);
  EXPECT_TRUE(got[0].ok()) << got[0].status();
  EXPECT_TRUE(absl::IsNotFound(got[1].status())) << got[1].status();
  EXPECT_TRUE(got[2].ok()) << got[2].status();
  EXPECT_EQ(api_.files.size(), 6u + 2u);  // exactly one copy of each existing file
}

TEST_F(GroupedServerSideTest, MovesIntoOneFolderShareOneCall) {
  GroupedServerSide grouped(api_, BatchLimits{absl::Hours(1), 6});
  std::vector<absl::Status> got(6);
  AtOnce(6, [&](int i) { got[i] = grouped.Move(urls_[i], folder_); });
  EXPECT_EQ(api_.Calls("file_mv"), 1);
  for (int i = 0; i < 6; ++i) {
    EXPECT_TRUE(got[i].ok()) << got[i];
    EXPECT_EQ(api_.files[urls_[i]].folder, folder_);
    EXPECT_EQ(api_.files[urls_[i]].filename, "f" + std::to_string(i));
  }
  for (const std::string& rename : api_.mv_renames) EXPECT_EQ(rename, "");
}

TEST_F(GroupedServerSideTest, AMoveOfAMissingFileFailsAloneAndTheOthersMove) {
  GroupedServerSide grouped(api_, BatchLimits{absl::Hours(1), 2});
  const std::string missing = "https://1fichier.com/?nosuchfile000000000";
  absl::Status ok, bad;
  AtOnce(2, [&](int i) { (i == 0 ? ok : bad) = grouped.Move(i == 0 ? urls_[0] : missing, folder_); });
  EXPECT_TRUE(ok.ok()) << ok;
  EXPECT_TRUE(absl::IsNotFound(bad)) << bad;
  EXPECT_EQ(api_.files[urls_[0]].folder, folder_);
}

}  // namespace
}  // namespace fichier_test
