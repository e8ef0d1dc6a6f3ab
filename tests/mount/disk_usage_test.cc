// statfs of a mount (DiskUsage): the remote's About, asked once per --dir-cache-time on a fake
// clock; the missing number made from the two known; --vfs-used-is-size counting the files
// below the mounted root; --vfs-disk-space-total-size; a failing About leaves the numbers
// unknown (shown as 1 PiB).
#include "mount/disk_usage.h"

#include <gtest/gtest.h>

#include <atomic>
#include <optional>

#include "base/clock.h"
#include "tests/operations/test_util.h"
#include "vfs/errors.h"

namespace mount {
namespace {

// The memory Fs, with an About that says what the test sets (or fails) and counts its calls.
class AboutFs : public vfs::Fs {
 public:
  explicit AboutFs(vfs::FsPtr inner) : inner_(std::move(inner)) {
    features_ = inner_->features();
    features_.about = true;
  }
  std::string Name() const override { return inner_->Name(); }
  std::string Root() const override { return inner_->Root(); }
  std::string ToString() const override { return inner_->ToString(); }
  const vfs::Features& features() const override { return features_; }
  absl::StatusOr<vfs::DirEntries> List(std::string_view dir) override { return inner_->List(dir); }
  absl::Status ListR(std::string_view dir, const vfs::ListRCallback& callback) override {
    return inner_->ListR(dir, callback);
  }
  absl::StatusOr<vfs::ObjectPtr> NewObject(std::string_view remote) override {
    return inner_->NewObject(remote);
  }
  absl::StatusOr<vfs::ObjectPtr> Put(vfs::Source& in, const vfs::ObjectInfo& info,
                                     const vfs::PutOptions& options) override {
    return inner_->Put(in, info, options);
  }
  absl::Status Mkdir(std::string_view dir) override { return inner_->Mkdir(dir); }
  absl::Status Rmdir(std::string_view dir) override { return inner_->Rmdir(dir); }
  absl::StatusOr<vfs::Usage> About() override {
    ++abouts;
    return answer;
  }

  vfs::Features features_;
  absl::StatusOr<vfs::Usage> answer = vfs::Usage{};
  std::atomic<int> abouts{0};

 private:
  vfs::FsPtr inner_;
};

vfs::Usage UsageOf(std::optional<int64_t> total, std::optional<int64_t> used,
                   std::optional<int64_t> free) {
  vfs::Usage u;
  u.total = total;
  u.used = used;
  u.free = free;
  return u;
}

class DiskUsageTest : public ::testing::Test {
 protected:
  DiskUsageTest() : fs_(optest::NewMemory()) { options_.clock = &clock_; }

  base::FakeClock clock_;
  VfsOptions options_;
  AboutFs fs_;
};

TEST_F(DiskUsageTest, AboutIsAskedOncePerDirCacheTime) {
  options_.dir_cache_time = absl::Minutes(5);
  fs_.answer = UsageOf(1000, 300, 700);
  DiskUsage usage(fs_, options_);
  vfs::Usage s = usage.Get();
  EXPECT_EQ(s.total, 1000);
  EXPECT_EQ(s.used, 300);
  EXPECT_EQ(s.free, 700);
  fs_.answer = UsageOf(1000, 400, 600);
  clock_.Advance(absl::Minutes(4));
  EXPECT_EQ(usage.Get().used, 300);  // still the first answer
  EXPECT_EQ(fs_.abouts.load(), 1);
  clock_.Advance(absl::Minutes(1));
  EXPECT_EQ(usage.Get().used, 400);
  EXPECT_EQ(fs_.abouts.load(), 2);
}

TEST_F(DiskUsageTest, TheMissingNumberIsMadeFromTheOtherTwo) {
  fs_.answer = UsageOf(std::nullopt, 300, 700);
  EXPECT_EQ(DiskUsage(fs_, options_).Get().total, 1000);
  fs_.answer = UsageOf(1000, 300, std::nullopt);
  EXPECT_EQ(DiskUsage(fs_, options_).Get().free, 700);
  // More used than the total (an over-quota account): nothing free, never negative.
  fs_.answer = UsageOf(1000, 1500, std::nullopt);
  EXPECT_EQ(DiskUsage(fs_, options_).Get().free, 0);
  // One number alone stays alone.
  fs_.answer = UsageOf(std::nullopt, 300, std::nullopt);
  vfs::Usage s = DiskUsage(fs_, options_).Get();
  EXPECT_EQ(s.total, std::nullopt);
  EXPECT_EQ(s.free, std::nullopt);
}

TEST_F(DiskUsageTest, UsedIsSizeCountsTheFilesBelowTheRoot) {
  optest::PutAll(fs_, {{"a.txt", "12345"}, {"d/b.txt", "123"}, {"d/e/c.txt", "1"}});
  fs_.answer = UsageOf(1000, 300, 700);
  EXPECT_EQ(DiskUsage(fs_, options_).Get().used, 300);  // About's word
  options_.used_is_size = true;
  vfs::Usage s = DiskUsage(fs_, options_).Get();
  EXPECT_EQ(s.used, 9);
  EXPECT_EQ(s.total, 1000);
  EXPECT_EQ(s.free, 700);
  // Without About at all, the size still counts and the rest stays unknown.
  fs_.features_.about = false;
  s = DiskUsage(fs_, options_).Get();
  EXPECT_EQ(s.used, 9);
  EXPECT_EQ(s.total, std::nullopt);
}

TEST_F(DiskUsageTest, AGivenTotalSizeSetsTheTotalAndWhatIsFree) {
  options_.disk_space_total_size = 2000;
  fs_.answer = UsageOf(1000, 300, 700);
  vfs::Usage s = DiskUsage(fs_, options_).Get();
  EXPECT_EQ(s.total, 2000);
  EXPECT_EQ(s.used, 300);
  EXPECT_EQ(s.free, 1700);
  // Smaller than what is used: nothing free.
  options_.disk_space_total_size = 100;
  EXPECT_EQ(DiskUsage(fs_, options_).Get().free, 0);
  // Nothing known of the use: the total alone.
  options_.disk_space_total_size = 2000;
  fs_.features_.about = false;
  s = DiskUsage(fs_, options_).Get();
  EXPECT_EQ(s.total, 2000);
  EXPECT_EQ(s.free, std::nullopt);
}

TEST_F(DiskUsageTest, AFailedAboutLeavesTheNumbersUnknownUntilTheNextTry) {
  options_.dir_cache_time = absl::Minutes(1);
  fs_.answer = absl::UnavailableError("user/info.cgi: 503");
  DiskUsage usage(fs_, options_);
  vfs::Usage s = usage.Get();
  EXPECT_EQ(s.total, std::nullopt);
  EXPECT_EQ(s.used, std::nullopt);
  EXPECT_EQ(s.free, std::nullopt);
  fs_.answer = UsageOf(1000, 300, 700);
  clock_.Advance(absl::Minutes(1));
  EXPECT_EQ(usage.Get().total, 1000);
}

TEST_F(DiskUsageTest, ARemoteWithoutAboutIsNotAsked) {
  fs_.features_.about = false;
  vfs::Usage s = DiskUsage(fs_, options_).Get();
  EXPECT_EQ(fs_.abouts.load(), 0);
  EXPECT_EQ(s.total, std::nullopt);
}

}  // namespace
}  // namespace mount
