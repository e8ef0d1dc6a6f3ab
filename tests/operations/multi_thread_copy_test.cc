// Multi-thread downloads (vfs/operations/multi_thread_copy.h): memory -> local in ranged
// streams gives the same bytes, a corrupted range fails the transfer and leaves nothing, a
// failed stream makes the whole file start again.
#include "vfs/operations/multi_thread_copy.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "backend/local/local_fs.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/support/file_tree.h"
#include "tests/support/temp_dir.h"
#include "tests/operations/test_util.h"
#include "vfs/errors.h"
#include "vfs/operations/transfer.h"

namespace optest {
namespace {

using ::testing::HasSubstr;

std::string Data(size_t n) {
  std::string s(n, '\0');
  for (size_t i = 0; i < n; ++i) s[i] = static_cast<char>((i * 7919 + i / 4096) % 251);
  return s;
}

// Forwards to a memory object; records the ranges opened and may spoil some of them.
class RangeObject : public vfs::Object {
 public:
  explicit RangeObject(vfs::ObjectPtr inner) : inner_(std::move(inner)) {}
  std::string remote() const override { return inner_->remote(); }
  int64_t size() const override { return inner_->size(); }
  absl::Time mod_time() const override { return inner_->mod_time(); }
  absl::StatusOr<std::string> Hash(hash::HashType t) const override { return inner_->Hash(t); }
  const vfs::Fs* fs() const override { return inner_->fs(); }
  absl::Status Update(vfs::Source& in, const vfs::ObjectInfo& info,
                      const vfs::PutOptions& o) override {
    return inner_->Update(in, info, o);
  }
  absl::Status Remove() override { return inner_->Remove(); }

  absl::StatusOr<std::unique_ptr<vfs::Source>> Open(const vfs::OpenOptions& options) override {
    int64_t start = options.range ? options.range->start : 0;
    {
      absl::MutexLock lock(&mu_);
      starts_.push_back(start);
      if (fail_start_ == start && fail_times_ > 0) {
        --fail_times_;
        return vfs::Retryable(remote(), "range refused once");
      }
    }
    absl::StatusOr<std::unique_ptr<vfs::Source>> in = inner_->Open(options);
    if (!in.ok() || start != corrupt_start_) return in;
    absl::StatusOr<std::string> bytes = vfs::ReadAll(**in);
    if (!bytes.ok()) return bytes.status();
    (*bytes)[bytes->size() / 2] ^= 0x5a;  // same length, other content
    return std::unique_ptr<vfs::Source>(std::make_unique<vfs::StringSource>(*std::move(bytes)));
  }

  void CorruptRangeAt(int64_t start) { corrupt_start_ = start; }
  void RefuseRangeOnceAt(int64_t start) {
    absl::MutexLock lock(&mu_);
    fail_start_ = start;
    fail_times_ = 1;
  }
  std::vector<int64_t> starts() const {
    absl::MutexLock lock(&mu_);
    return starts_;
  }

 private:
  vfs::ObjectPtr inner_;
  int64_t corrupt_start_ = -1;
  mutable absl::Mutex mu_;
  int64_t fail_start_ = -1;
  int fail_times_ = 0;
  std::vector<int64_t> starts_;
};

class MultiThreadCopyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_FALSE(root_.empty()) << "no temporary folder";
    local_ = backend::local::LocalFs::Create("local", root_, {});
    mem_ = NewMemory();
    t_.ctx.options.multi_thread_cutoff = 1 << 20;
    t_.ctx.options.multi_thread_streams = 4;
    t_.ctx.options.low_level_retries = 1;
  }
  std::shared_ptr<RangeObject> Source(const std::string& data) {
    return std::make_shared<RangeObject>(Put(*mem_, "big.bin", data));
  }
  absl::StatusOr<vfs::ObjectPtr> Copy(const vfs::ObjectPtr& src) {
    return vfs::operations::CopyObject(t_.ctx, *mem_, src, *local_, "dir/big.bin", nullptr);
  }
  std::string Read(const std::string& rel) {
    std::ifstream in(root_ + "/" + rel, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }
  std::vector<std::string> Files() { return test_support::RegularFilesBelow(root_); }

  test_support::TempDir dir_{"fichier-mtc"};
  const std::string root_ = dir_.path();
  std::shared_ptr<backend::local::LocalFs> local_;
  vfs::FsPtr mem_;
  TestContext t_;
};

TEST(SplitPartsTest, FourPartsPerStreamRoundedUpTo64KiBAndAtMost64MiB) {
  std::vector<vfs::operations::Part> parts = vfs::operations::SplitParts(10 << 20, 4);
  ASSERT_EQ(parts.size(), 16u);
  EXPECT_EQ(parts[0].length, 655360);  // 640 KiB, already a multiple of 64 KiB
  for (size_t i = 1; i < parts.size(); ++i) {
    EXPECT_EQ(parts[i].offset, parts[i - 1].offset + parts[i - 1].length) << i;
  }
  EXPECT_EQ(parts.back().offset + parts.back().length, 10 << 20);
  // 100 KiB over 4 streams: 6.25 KiB rounds up to 64 KiB, so two parts.
  parts = vfs::operations::SplitParts(100 << 10, 4);
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[0].length, 65536);
  EXPECT_EQ(parts[1].length, (100 << 10) - 65536);
  // 8 GiB over 4 streams: 512 MiB parts would leave the hash behind; 64 MiB at most.
  parts = vfs::operations::SplitParts(int64_t{8} << 30, 4);
  ASSERT_EQ(parts.size(), 128u);
  EXPECT_EQ(parts[0].length, int64_t{64} << 20);
}

TEST_F(MultiThreadCopyTest, ChoiceFollowsStreamsCutoffAndDestination) {
  vfs::ObjectPtr small = Put(*mem_, "s.bin", Data(1000));
  vfs::ObjectPtr big = Put(*mem_, "b.bin", Data((1 << 20) + 1));
  vfs::operations::Options o = t_.ctx.options;
  EXPECT_TRUE(vfs::operations::UseMultiThreadCopy(o, *mem_, *big, *local_));
  EXPECT_FALSE(vfs::operations::UseMultiThreadCopy(o, *mem_, *small, *local_));
  EXPECT_FALSE(vfs::operations::UseMultiThreadCopy(o, *mem_, *big, *mem_));  // no OpenWriterAt
  o.multi_thread_streams = 1;
  EXPECT_FALSE(vfs::operations::UseMultiThreadCopy(o, *mem_, *big, *local_));
  // Local to local only when the streams were given explicitly.
  o.multi_thread_streams = 4;
  auto other_local = backend::local::LocalFs::Create("local", root_, {});
  EXPECT_FALSE(vfs::operations::UseMultiThreadCopy(o, *other_local, *big, *local_));
  o.multi_thread_set = true;
  EXPECT_TRUE(vfs::operations::UseMultiThreadCopy(o, *other_local, *big, *local_));
}

TEST_F(MultiThreadCopyTest, MemoryToLocalInFourStreamsIsByteIdentical) {
  const std::string data = Data((3 << 20) + 17);
  auto src = Source(data);
  LogCapture log;
  absl::StatusOr<vfs::ObjectPtr> copied = Copy(src);
  ASSERT_TRUE(copied.ok()) << copied.status();
  EXPECT_EQ((*copied)->size(), static_cast<int64_t>(data.size()));
  EXPECT_EQ(Read("dir/big.bin"), data);
  // Every part opened once, as one range each: 13 parts of 256 KiB (size / 16, rounded up).
  std::vector<int64_t> starts = src->starts();
  std::sort(starts.begin(), starts.end());
  std::vector<int64_t> want;
  for (int64_t offset = 0; offset < static_cast<int64_t>(data.size()); offset += 256 << 10) {
    want.push_back(offset);
  }
  EXPECT_EQ(starts, want);
  EXPECT_EQ(Files(), std::vector<std::string>{"dir/big.bin"});  // no temporary file left
  EXPECT_EQ((*copied)->mod_time(), src->mod_time());
  EXPECT_TRUE(log.Contains("Starting multi-thread copy with 13 parts of size 256Ki in 4 streams"))
      << log.Lines().size();
  EXPECT_EQ(t_.stats.transfers(), 1);
}

TEST_F(MultiThreadCopyTest, CorruptedRangeFailsTheTransferAndLeavesNoFile) {
  const std::string data = Data(2 << 20);
  auto src = Source(data);
  src->CorruptRangeAt(1 << 19);  // the fifth of sixteen 128 KiB parts
  absl::StatusOr<vfs::ObjectPtr> copied = Copy(src);
  ASSERT_FALSE(copied.ok());
  EXPECT_TRUE(vfs::IsDataCorruption(copied.status())) << copied.status();
  EXPECT_THAT(copied.status().message(), HasSubstr("hash differ"));
  EXPECT_TRUE(Files().empty());
  EXPECT_EQ(t_.stats.errors(), 1);
}

TEST_F(MultiThreadCopyTest, FailedStreamRetriesTheWholeFile) {
  t_.ctx.options.low_level_retries = 3;
  const std::string data = Data(2 << 20);
  auto src = Source(data);
  src->RefuseRangeOnceAt(3 << 19);
  absl::StatusOr<vfs::ObjectPtr> copied = Copy(src);
  ASSERT_TRUE(copied.ok()) << copied.status();
  EXPECT_EQ(Read("dir/big.bin"), data);
  // The refused attempt opened at most the 13th of 16 parts; the retry opened all 16 again.
  EXPECT_GE(src->starts().size(), 17u);
  EXPECT_EQ(Files(), std::vector<std::string>{"dir/big.bin"});
}

// 40 MiB in 16 parts of 2.5 MiB: the streams read memory far faster than Whirlpool runs, so the
// window (every stream's part and one more, and the hasher's read-back) holds them back.
constexpr size_t kWindowBound = 40 << 20;

TEST_F(MultiThreadCopyTest, StreamsFasterThanTheHashWaitForItAndLoseNoByte) {
  const std::string data = Data(kWindowBound);
  auto src = Source(data);
  absl::StatusOr<vfs::ObjectPtr> copied = Copy(src);
  ASSERT_TRUE(copied.ok()) << copied.status();
  EXPECT_EQ(Read("dir/big.bin"), data);
  EXPECT_EQ(src->starts().size(), 16u);  // each part once
  EXPECT_EQ(Files(), std::vector<std::string>{"dir/big.bin"});
}

TEST_F(MultiThreadCopyTest, StreamFailingWhileOthersWaitForTheHashStopsThemAndRetries) {
  t_.ctx.options.low_level_retries = 2;
  const std::string data = Data(kWindowBound);
  auto src = Source(data);
  src->RefuseRangeOnceAt(int64_t{15} * (kWindowBound / 16));  // the last part, beyond the window
  absl::StatusOr<vfs::ObjectPtr> copied = Copy(src);
  ASSERT_TRUE(copied.ok()) << copied.status();
  EXPECT_EQ(Read("dir/big.bin"), data);
  EXPECT_EQ(Files(), std::vector<std::string>{"dir/big.bin"});
}

TEST_F(MultiThreadCopyTest, CorruptionFarPastTheWindowIsFound) {
  const std::string data = Data(kWindowBound);
  auto src = Source(data);
  src->CorruptRangeAt(int64_t{14} * (kWindowBound / 16));
  absl::StatusOr<vfs::ObjectPtr> copied = Copy(src);
  ASSERT_FALSE(copied.ok());
  EXPECT_TRUE(vfs::IsDataCorruption(copied.status())) << copied.status();
  EXPECT_TRUE(Files().empty());
}

}  // namespace
}  // namespace optest
