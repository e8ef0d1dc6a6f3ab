// The fichier backend against fichier-emulator: call economy (counted by the emulator), the
// integrity check on a corrupted end.pl answer, and the API key kept out of errors and logs.
#include <unistd.h>

#include <atomic>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "backend/memory/memory_fs.h"
#include "tests/fichier/emulator_env.h"
#include "vfs/operations/stats.h"
#include "vfs/operations/sync.h"
#include "vfs/errors.h"
#include "vfs/log.h"

namespace fichier_test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class EmulatorFsTest : public EmulatorTest {
 protected:
  static int64_t Total(const std::map<std::string, int64_t>& stats) {
    int64_t total = 0;
    for (const auto& [path, n] : stats) total += n;
    return total;
  }
  static std::string Format(const std::map<std::string, int64_t>& stats) {
    std::string out;
    for (const auto& [path, n] : stats) absl::StrAppend(&out, path, "=", n, " ");
    return out;
  }
  // Runs `mode` from src to dst with fresh `stats`; returns the emulator's calls meanwhile and
  // prints them as the figure `what`.
  std::map<std::string, int64_t> CountedSync(vfs::Fs& src, vfs::Fs& dst,
                                             vfs::operations::SyncMode mode,
                                             vfs::operations::Stats& stats,
                                             const std::string& what) {
    vfs::operations::Context ctx;
    ctx.stats = &stats;
    EXPECT_TRUE(emu_->ResetStats().ok());
    EXPECT_TRUE(vfs::operations::Sync(ctx, src, dst, mode).ok());
    absl::StatusOr<std::map<std::string, int64_t>> calls = emu_->Stats();
    EXPECT_TRUE(calls.ok()) << calls.status();
    if (!calls.ok()) return {};
    std::cout << "[figure] " << what << ": " << Total(*calls) << " calls: " << Format(*calls)
              << "\n";
    return *calls;
  }
};

absl::Status PutString(vfs::Fs& fs, const std::string& remote, const std::string& data) {
  vfs::StringSource in(data);
  vfs::StaticObjectInfo info(remote, static_cast<int64_t>(data.size()), absl::Now());
  return fs.Put(in, info).status();
}

// 200 files in 10 folders to an empty remote with 8 transfers in parallel (rclone's copy would
// make ~3 calls per file + 2 per folder = 620), then a fresh run that lists everything again.
TEST_F(EmulatorFsTest, CallsToCopy200FilesIn10Folders) {
  ASSERT_TRUE(emu_->ResetStats().ok());
  {
    absl::StatusOr<vfs::NewFsResult> fs = NewEmulatorFs("copy");
    ASSERT_TRUE(fs.ok()) << fs.status();
    // What a copy does first: look at the destination root.
    ASSERT_TRUE(vfs::IsDirNotFound(fs->fs->List("").status()));
    std::atomic<int> next{0};
    std::atomic<int> failures{0};
    absl::Mutex first_mu;
    std::string first_failure;
    std::vector<std::thread> workers;
    for (int w = 0; w < 8; ++w) {
      workers.emplace_back([&] {
        for (int i = next++; i < 200; i = next++) {
          std::string remote = absl::StrCat("dir", i / 20, "/file", i % 20, ".bin");
          absl::Status st =
              PutString(*fs->fs, remote, std::string(1000 + i, static_cast<char>('a' + i % 26)));
          if (!st.ok() && failures++ == 0) {
            absl::MutexLock lock(&first_mu);
            first_failure = st.ToString();
          }
        }
      });
    }
    for (std::thread& t : workers) t.join();
    ASSERT_EQ(failures.load(), 0) << first_failure;
  }
  absl::StatusOr<std::map<std::string, int64_t>> copy_stats = emu_->Stats();
  ASSERT_TRUE(copy_stats.ok()) << copy_stats.status();
  const int64_t copy_calls = Total(*copy_stats);
  std::cout << "[figure] copy 200 files / 10 folders: " << copy_calls << " calls: "
            << Format(*copy_stats) << "\n";
  EXPECT_LE(copy_calls, 620 / 3) << Format(*copy_stats);

  // A new run (new Fs, new account state): list every folder and check every file is there.
  ASSERT_TRUE(emu_->ResetStats().ok());
  {
    absl::StatusOr<vfs::NewFsResult> fs = NewEmulatorFs("copy");
    ASSERT_TRUE(fs.ok()) << fs.status();
    for (int d = 0; d < 10; ++d) {
      absl::StatusOr<vfs::DirEntries> list = fs->fs->List(absl::StrCat("dir", d));
      ASSERT_TRUE(list.ok()) << list.status();
      ASSERT_EQ(list->size(), 20u);
      for (const vfs::DirEntry& e : *list) {
        absl::StatusOr<vfs::ObjectPtr> again = fs->fs->NewObject(e.remote());
        ASSERT_TRUE(again.ok()) << again.status();
      }
    }
  }
  absl::StatusOr<std::map<std::string, int64_t>> resync_stats = emu_->Stats();
  ASSERT_TRUE(resync_stats.ok());
  const int64_t resync_calls = Total(*resync_stats);
  std::cout << "[figure] re-list with no change: " << resync_calls << " calls for 10 folders: "
            << Format(*resync_stats) << "\n";
  // The 10 folders plus the two levels above them ("" and "copy").
  EXPECT_LE(resync_calls, 12) << Format(*resync_stats);
}

// The same through vfs/operations, as `fclone sync` runs it with default flags (--transfers 4):
// small files travel in shared upload sessions and removals share file/rm.cgi calls, so the
// calls do not grow with the number of files.
TEST_F(EmulatorFsTest, SyncGroupsSmallUploadsAndRemovals) {
  auto src = backend::memory::MemoryFs::Create("mem", "sync-src-" + std::to_string(getpid()),
                                               backend::memory::MemoryOptions{});
  for (int i = 0; i < 200; ++i) {
    ASSERT_TRUE(PutString(*src, absl::StrCat("dir", i / 20, "/file", i % 20, ".bin"),
                          std::string(1000 + i, static_cast<char>('a' + i % 26))).ok());
  }
  absl::StatusOr<vfs::NewFsResult> dst = NewEmulatorFs("sync");
  ASSERT_TRUE(dst.ok()) << dst.status();
  vfs::operations::Stats stats;
  std::map<std::string, int64_t> up = CountedSync(*src, *dst->fs, vfs::operations::SyncMode::kSync,
                                                  stats, "sync 200 files / 10 folders");
  EXPECT_EQ(stats.transfers(), 200);
  // One session per folder when all goes well; --transfers 4 alone would need 50.
  EXPECT_LE(up["/upload.cgi"], 20) << Format(up);

  // Delete 60 source files: the sync removes them in a few shared calls.
  for (int i = 0; i < 200; i += 10) {
    for (int k = 0; k < 3; ++k) {
      absl::StatusOr<vfs::ObjectPtr> o =
          src->NewObject(absl::StrCat("dir", (i + k) / 20, "/file", (i + k) % 20, ".bin"));
      ASSERT_TRUE(o.ok()) << o.status();
      ASSERT_TRUE((*o)->Remove().ok());
    }
  }
  vfs::operations::Stats stats2;
  std::map<std::string, int64_t> rm = CountedSync(*src, *dst->fs, vfs::operations::SyncMode::kSync,
                                                  stats2, "sync deleting 60 files");
  EXPECT_EQ(stats2.Snapshot().deletes, 60);
  EXPECT_LE(rm["/v1/file/rm.cgi"], 6) << Format(rm);
  absl::StatusOr<vfs::DirEntries> left = dst->fs->List("dir0");
  ASSERT_TRUE(left.ok());
  EXPECT_EQ(left->size(), 14u);

  // A server-side copy of the 140 files to another path of the same remote: cp.cgi calls
  // shared per folder (--transfers 4 alone would make groups of 4: 35 calls or more).
  absl::StatusOr<vfs::NewFsResult> copy = NewEmulatorFs("sync-copy");
  ASSERT_TRUE(copy.ok()) << copy.status();
  vfs::operations::Stats stats3;
  std::map<std::string, int64_t> cp =
      CountedSync(*dst->fs, *copy->fs, vfs::operations::SyncMode::kCopy, stats3,
                  "server-side copy of 140 files / 10 folders");
  EXPECT_EQ(stats3.transfers(), 140);
  EXPECT_LE(cp["/v1/file/cp.cgi"], 20) << Format(cp);
  EXPECT_EQ(cp["/upload.cgi"], 0) << Format(cp);
  absl::StatusOr<vfs::DirEntries> copied = copy->fs->List("dir9");
  ASSERT_TRUE(copied.ok());
  EXPECT_EQ(copied->size(), 14u);
}

// A folder is listed once per run, then kept current from our own changes; ExpireListing (a
// mount's directory cache expiring) makes the next List ask again and see others' changes.
TEST_F(EmulatorFsTest, ExpiredListingShowsChangesMadeElsewhere) {
  // Another client of the account: another pacer setting makes another Account, with its own
  // listings (Fs made alike share one).
  vfs::ConfigMap other = EmulatorConfig();
  other["pacer_min_sleep"] = "2";
  absl::StatusOr<vfs::NewFsResult> theirs = NewEmulatorFs("shared-lib", other);
  ASSERT_TRUE(theirs.ok());
  ASSERT_TRUE(PutString(*theirs->fs, "a.txt", "a").ok());
  absl::StatusOr<vfs::NewFsResult> mine = NewEmulatorFs("shared-lib");
  ASSERT_TRUE(mine.ok());
  ASSERT_EQ(mine->fs->List("").value().size(), 1u);
  ASSERT_TRUE(PutString(*theirs->fs, "b.txt", "b").ok());
  ASSERT_TRUE(emu_->ResetStats().ok());
  EXPECT_EQ(mine->fs->List("").value().size(), 1u) << "kept for the run";
  EXPECT_EQ(EmulatorCalls(*emu_, "/v1/folder/ls.cgi"), 0);
  mine->fs->ExpireListing("");
  EXPECT_EQ(mine->fs->List("").value().size(), 2u);
  EXPECT_EQ(EmulatorCalls(*emu_, "/v1/folder/ls.cgi"), 1);
}

TEST_F(EmulatorFsTest, CorruptedEndReportIsDataLossAndNothingIsLeft) {
  absl::StatusOr<vfs::NewFsResult> fs = NewEmulatorFs("integrity");
  ASSERT_TRUE(fs.ok()) << fs.status();
  ASSERT_TRUE(fs->fs->Mkdir("").ok());
  ASSERT_TRUE(emu_->AddFault("/end.pl:badsum@1").ok());
  absl::Status put = PutString(*fs->fs, "bad.bin", "some bytes");
  EXPECT_TRUE(vfs::IsDataCorruption(put)) << put;
  // A fresh listing (a new run) shows no file left behind.
  fs->fs.reset();
  absl::StatusOr<vfs::NewFsResult> fresh = NewEmulatorFs("integrity");
  ASSERT_TRUE(fresh.ok());
  absl::StatusOr<vfs::DirEntries> list = fresh->fs->List("");
  ASSERT_TRUE(list.ok()) << list.status();
  EXPECT_TRUE(list->empty());
}

TEST_F(EmulatorFsTest, ApiKeyNeverInErrorsOrLogs) {
  std::vector<std::string> lines;
  absl::Mutex mu;
  vfs::LogSink previous = vfs::SetLogSink(
      [&](vfs::LogLevel, std::string_view subject, std::string_view message) {
        absl::MutexLock lock(&mu);
        lines.push_back(std::string(subject) + ": " + std::string(message));
      });
  const std::string wrong_key = "wrongKeyABCDEFGHIJKLMNOPQRSTUVWXYZ012";
  {
    absl::StatusOr<vfs::NewFsResult> bad = NewEmulatorFs("", EmulatorConfig(wrong_key));
    absl::Status st = bad.ok() ? bad->fs->List("").status() : bad.status();
    EXPECT_TRUE(vfs::IsBadCredentials(st)) << st;
    EXPECT_THAT(std::string(st.message()), Not(HasSubstr(wrong_key)));
    absl::StatusOr<vfs::NewFsResult> good = NewEmulatorFs("keycheck");
    ASSERT_TRUE(good.ok());
    absl::Status put = PutString(*good->fs, "a.txt", "abc");
    ASSERT_TRUE(put.ok()) << put;
    absl::Status missing = good->fs->List("nope").status();
    EXPECT_THAT(std::string(missing.message()), Not(HasSubstr(emulator::testing::kPremiumKey)));
  }
  vfs::SetLogSink(previous);
  EXPECT_FALSE(lines.empty());  // debug lines (calls, counts) were produced and inspected
  for (const std::string& line : lines) {
    EXPECT_THAT(line, Not(HasSubstr(emulator::testing::kPremiumKey)));
    EXPECT_THAT(line, Not(HasSubstr(wrong_key)));
  }
}

}  // namespace
}  // namespace fichier_test
