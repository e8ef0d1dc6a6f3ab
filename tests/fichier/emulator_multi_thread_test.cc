// Multi-thread downloads from fichier-emulator to the local disk: the ranges share one
// multi-use token (one get_token.cgi for the file, counted by the emulator), the file is
// byte-identical, and a broken range fails the transfer without leaving a file behind.
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "backend/local/local_fs.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/support/file_tree.h"
#include "tests/support/temp_dir.h"
#include "tests/fichier/emulator_env.h"
#include "vfs/errors.h"
#include "vfs/operations/stats.h"
#include "vfs/operations/multi_thread_copy.h"
#include "vfs/operations/transfer.h"

namespace fichier_test {
namespace {

std::string Data(size_t n) {
  std::string s(n, '\0');
  for (size_t i = 0; i < n; ++i) s[i] = static_cast<char>((i * 7919 + i / 1000) % 251);
  return s;
}

class EmulatorMultiThreadTest : public EmulatorTest {
 protected:
  void SetUp() override {
    EmulatorTest::SetUp();
    ASSERT_FALSE(root_.empty()) << "no temporary folder";
    ctx_.stats = &stats_;
    local_ = backend::local::LocalFs::Create("local", root_, {});
    ctx_.options.multi_thread_cutoff = 1 << 20;
    ctx_.options.multi_thread_streams = 4;
    ctx_.options.low_level_retries = 1;
  }
  // "mt/big.bin" stored; returns it as a fresh run (nothing cached) sees it.
  std::pair<vfs::FsPtr, vfs::ObjectPtr> Seed(const std::string& data) {
    absl::StatusOr<vfs::NewFsResult> up = NewEmulatorFs("mt");
    EXPECT_TRUE(up.ok()) << up.status();
    vfs::StringSource in(data);
    vfs::StaticObjectInfo info("big.bin", static_cast<int64_t>(data.size()), absl::Now());
    EXPECT_TRUE(up->fs->Put(in, info).ok());
    absl::StatusOr<vfs::NewFsResult> down = NewEmulatorFs("mt");
    absl::StatusOr<vfs::ObjectPtr> object = down->fs->NewObject("big.bin");
    EXPECT_TRUE(object.ok()) << object.status();
    return {down->fs, *object};
  }
  int64_t Calls(const std::string& path) { return EmulatorCalls(*emu_, path); }
  std::vector<std::string> Files() { return test_support::RegularFilesBelow(root_); }

  test_support::TempDir dir_{"fichier-emu-mtc"};
  const std::string root_ = dir_.path();
  std::shared_ptr<backend::local::LocalFs> local_;
  vfs::operations::Stats stats_;
  vfs::operations::Context ctx_;
};

TEST_F(EmulatorMultiThreadTest, RangesInFourStreamsOnOneTokenGiveTheSameBytes) {
  const std::string data = Data((3 << 20) + 12345);
  auto [src_fs, src] = Seed(data);
  ASSERT_TRUE(emu_->ResetStats().ok());
  absl::StatusOr<vfs::ObjectPtr> copied =
      vfs::operations::CopyObject(ctx_, *src_fs, src, *local_, "big.bin", nullptr);
  ASSERT_TRUE(copied.ok()) << copied.status();
  std::ifstream in(root_ + "/big.bin", std::ios::binary);
  std::stringstream got;
  got << in.rdbuf();
  EXPECT_TRUE(got.str() == data) << "downloaded " << got.str().size() << " bytes differ";
  // One token for all the ranges: 13 parts of 256 KiB (vfs::operations::SplitParts).
  EXPECT_EQ(Calls("/v1/download/get_token.cgi"), 1);
  EXPECT_EQ(Calls("download"),
            static_cast<int64_t>(vfs::operations::SplitParts(data.size(), 4).size()));
  EXPECT_EQ(Calls("download"), 13);
  EXPECT_EQ(Files(), std::vector<std::string>{"big.bin"});
}

TEST_F(EmulatorMultiThreadTest, TruncatedRangeIsRetriedWholeOrFailsLeavingNoFile) {
  const std::string data = Data(2 << 20);
  auto [src_fs, src] = Seed(data);
  ASSERT_TRUE(emu_->ResetStats().ok());
  ASSERT_TRUE(emu_->AddFault("download:truncate:1000").ok());
  absl::StatusOr<vfs::ObjectPtr> copied =
      vfs::operations::CopyObject(ctx_, *src_fs, src, *local_, "big.bin", nullptr);
  const int64_t parts = static_cast<int64_t>(vfs::operations::SplitParts(data.size(), 4).size());
  if (copied.ok()) {
    // The cut reached the client while that range's GET was still being opened, and the open
    // was retried in full (as in FaultTest.TruncatedDownloadIsRetriedOrFails): one GET more
    // than the parts, and every byte right.
    EXPECT_GT(Calls("download"), parts) << "a truncated range was accepted";
    std::ifstream in(root_ + "/big.bin", std::ios::binary);
    std::stringstream got;
    got << in.rdbuf();
    EXPECT_TRUE(got.str() == data) << "a cut range was passed off as whole";
    return;
  }
  // Cut once the range was streaming: the transfer fails and leaves nothing.
  EXPECT_TRUE(Files().empty());
  EXPECT_EQ(stats_.errors(), 1);
}

}  // namespace
}  // namespace fichier_test
