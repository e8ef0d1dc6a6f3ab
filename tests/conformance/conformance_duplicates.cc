// Conformance cases: duplicate names (where advertised) and concurrent Puts and reads.
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "tests/conformance/conformance_helpers.h"
#include "vfs/object_info.h"
#include "vfs/source.h"

namespace conformance {

// ---- duplicates and concurrency ----------------------------------------------------------------

TEST_P(ConformanceTest, Duplicates) {
  SKIP_UNLESS_FEATURE(duplicate_files, "duplicate_files");
  SKIP_UNLESS_FEATURE(put_unchecked, "PutUnchecked");
  std::string a = RandomContent(10);
  std::string b = RandomContent(20);
  vfs::StringSource sa(a), sb(b);
  ASSERT_OK_AND_ASSIGN(vfs::ObjectPtr oa,
                       fs_->PutUnchecked(sa, vfs::StaticObjectInfo("dup.txt", 10, kTime1)));
  ASSERT_OK_AND_ASSIGN(vfs::ObjectPtr ob,
                       fs_->PutUnchecked(sb, vfs::StaticObjectInfo("dup.txt", 20, kTime2)));
  EXPECT_NE(oa->id(), "");
  EXPECT_NE(oa->id(), ob->id()) << "duplicates need distinct ids";
  ASSERT_OK_AND_ASSIGN(vfs::DirEntries entries, fs_->List(""));
  EXPECT_EQ(Describe(entries), Sorted({"dup.txt (10)", "dup.txt (20)"}));
  // NewObject picks one, and always the same one.
  ASSERT_OK_AND_ASSIGN(vfs::ObjectPtr n1, fs_->NewObject("dup.txt"));
  ASSERT_OK_AND_ASSIGN(vfs::ObjectPtr n2, fs_->NewObject("dup.txt"));
  EXPECT_EQ(n1->id(), n2->id());
  ASSERT_OK_AND_ASSIGN(vfs::DirEntries again, fs_->List(""));
  std::vector<std::string> ids1, ids2;
  for (const auto& e : entries) ids1.push_back(e.object()->id());
  for (const auto& e : again) ids2.push_back(e.object()->id());
  EXPECT_EQ(ids1, ids2) << "listing order of duplicates must be deterministic";
  // Put replaces one of them, never adds a third.
  ASSERT_OK_AND_ASSIGN(vfs::ObjectPtr put, PutString(*fs_, "dup.txt", RandomContent(30), kTime1));
  ASSERT_OK_AND_ASSIGN(vfs::DirEntries after_put, fs_->List(""));
  EXPECT_EQ(after_put.size(), 2u) << testing::PrintToString(Describe(after_put));
  // Each can be removed on its own.
  ASSERT_OK(oa->Remove());
  ASSERT_OK_AND_ASSIGN(vfs::DirEntries one_left, fs_->List(""));
  EXPECT_EQ(one_left.size(), 1u);
  ASSERT_OK_AND_ASSIGN(vfs::ObjectPtr last, fs_->NewObject("dup.txt"));
  EXPECT_NE(last->id(), oa->id());
}

TEST_P(ConformanceTest, ConcurrentPutsAndReads) {
  constexpr int kThreads = 8;
  constexpr int kPerThread = 4;
  std::vector<std::thread> threads;
  absl::Mutex mu;
  std::vector<std::string> failures;
  std::map<std::string, std::string> written;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        std::string remote = absl::StrCat("concurrent/t", t, "/f", i, ".bin");
        std::string content = RandomContent(1000 + t * 10 + i);
        absl::StatusOr<vfs::ObjectPtr> o = PutString(*fs_, remote, content, kTime1);
        absl::StatusOr<std::string> back =
            o.ok() ? ReadObject(**o) : absl::StatusOr<std::string>(o.status());
        absl::MutexLock lock(&mu);
        if (!back.ok() || *back != content) {
          failures.push_back(absl::StrCat(remote, ": ", back.status().ToString()));
        }
        written[remote] = content;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_TRUE(failures.empty()) << testing::PrintToString(failures);
  std::map<std::string, int64_t> want;
  std::vector<std::string> dirs = {"concurrent"};
  for (const auto& [remote, content] : written) want[remote] = content.size();
  for (int t = 0; t < kThreads; ++t) dirs.push_back(absl::StrCat("concurrent/t", t));
  ASSERT_OK_AND_ASSIGN(std::vector<std::string> walked, WalkDescribe(*fs_, ""));
  EXPECT_EQ(walked, Expected(*fs_, want, dirs));
}

}  // namespace conformance
