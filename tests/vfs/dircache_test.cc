#include "vfs/dircache.h"

#include <atomic>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "gtest/gtest.h"
#include "vfs/errors.h"

namespace vfs {
namespace {

// A fake id-addressed server: folders keyed by (parent id, name).
class FakeServer {
 public:
  DirCache::Resolver resolver() {
    return {
        [this](std::string_view parent, std::string_view leaf)
            -> absl::StatusOr<std::optional<std::string>> {
          absl::MutexLock lock(&mu_);
          ++lookups_;
          auto it = folders_.find({std::string(parent), std::string(leaf)});
          if (it == folders_.end()) return std::optional<std::string>();
          return std::optional<std::string>(it->second);
        },
        [this](std::string_view parent, std::string_view leaf) -> absl::StatusOr<std::string> {
          absl::MutexLock lock(&mu_);
          ++creates_;
          std::string id = absl::StrCat("id", next_++);
          // A duplicate-capable server: creating twice would make two folders.
          folders_.insert_or_assign({std::string(parent), std::string(leaf)}, id);
          return id;
        },
    };
  }
  int lookups() {
    absl::MutexLock lock(&mu_);
    return lookups_;
  }
  int creates() {
    absl::MutexLock lock(&mu_);
    return creates_;
  }

 private:
  absl::Mutex mu_;
  std::map<std::pair<std::string, std::string>, std::string> folders_;
  int next_ = 1;
  int lookups_ = 0;
  int creates_ = 0;
};

// A cache rooted at id "0" holding a (1) and a/b (2).
class FilledDirCacheTest : public ::testing::Test {
 protected:
  FilledDirCacheTest() {
    cache.Put("a", "1");
    cache.Put("a/b", "2");
  }
  DirCache cache{"0"};
};

TEST(DirCacheTest, PutGetAndInverse) {
  DirCache cache("0");
  EXPECT_EQ(*cache.Get(""), "0");
  cache.Put("a", "1");
  cache.Put("a/b", "2");
  EXPECT_EQ(*cache.Get("a/b"), "2");
  EXPECT_EQ(*cache.GetInverse("2"), "a/b");
  EXPECT_FALSE(cache.Get("c").has_value());
  // Re-pointing a path drops the stale inverse.
  cache.Put("a/b", "3");
  EXPECT_FALSE(cache.GetInverse("2").has_value());
  EXPECT_EQ(*cache.GetInverse("3"), "a/b");
}

TEST_F(FilledDirCacheTest, FlushDirRemovesSubtreeOnly) {
  cache.Put("ab", "3");
  cache.FlushDir("a");
  EXPECT_FALSE(cache.Get("a").has_value());
  EXPECT_FALSE(cache.Get("a/b").has_value());
  EXPECT_FALSE(cache.GetInverse("2").has_value());
  EXPECT_EQ(*cache.Get("ab"), "3");
  cache.FlushDir("");
  EXPECT_EQ(cache.size(), 1u);
  EXPECT_EQ(*cache.Get(""), "0");
}

TEST_F(FilledDirCacheTest, RenameMovesSubtree) {
  cache.Rename("a", "x/y");
  EXPECT_EQ(*cache.Get("x/y"), "1");
  EXPECT_EQ(*cache.Get("x/y/b"), "2");
  EXPECT_EQ(*cache.GetInverse("2"), "x/y/b");
  EXPECT_FALSE(cache.Get("a").has_value());
}

TEST(DirCacheTest, FindDirCreatesAndCaches) {
  FakeServer server;
  DirCache cache("0");
  absl::StatusOr<std::string> missing = cache.FindDir("a/b", false, server.resolver());
  EXPECT_TRUE(IsDirNotFound(missing.status())) << missing.status();
  absl::StatusOr<std::string> id = cache.FindDir("a/b/c", true, server.resolver());
  ASSERT_TRUE(id.ok()) << id.status();
  EXPECT_EQ(server.creates(), 3);
  int lookups = server.lookups();
  EXPECT_EQ(*cache.FindDir("a/b/c", false, server.resolver()), *id);
  EXPECT_EQ(server.lookups(), lookups);  // served from the cache
  // A fresh cache finds the existing folders without creating them.
  DirCache fresh("0");
  EXPECT_EQ(*fresh.FindDir("a/b/c", false, server.resolver()), *id);
  EXPECT_EQ(server.creates(), 3);
}

TEST(DirCacheTest, ConcurrentFindDirCreatesEachFolderOnce) {
  FakeServer server;
  DirCache cache("0");
  std::vector<std::thread> threads;
  std::vector<std::string> ids(8);
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&, i] { ids[i] = *cache.FindDir("x/y/z", true, server.resolver()); });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(server.creates(), 3);
  for (const std::string& id : ids) EXPECT_EQ(id, ids[0]);
}

TEST(DirCacheTest, ResolverErrorsPropagate) {
  DirCache cache("0");
  DirCache::Resolver failing{
      [](std::string_view, std::string_view) -> absl::StatusOr<std::optional<std::string>> {
        return absl::UnavailableError("503");
      },
      nullptr};
  EXPECT_EQ(cache.FindDir("a", true, failing).status().code(), absl::StatusCode::kUnavailable);
}

}  // namespace
}  // namespace vfs
