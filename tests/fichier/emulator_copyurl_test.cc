// copyurl (vfs::operations::StoreUrl) against fichier-emulator with a URL served on loopback by
// the test: the service fetches it itself (no upload passes through us), the file gets the
// asked name and replaces an older one; the download-then-upload fallback; an unfetchable URL
// is a clear error.
#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <thread>

#include "absl/strings/str_cat.h"
#include "base/cancel.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "hash/whirlpool.h"
#include "tests/fichier/emulator_env.h"
#include "tests/support/loopback_file_server.h"
#include "vfs/errors.h"
#include "vfs/object_info.h"
#include "vfs/operations/copy_url.h"
#include "vfs/source.h"

namespace fichier_test {
namespace {

using FileServer = test_support::LoopbackFileServer;

class CopyUrlTest : public EmulatorTest {
 protected:
  void SetUp() override {
    EmulatorTest::SetUp();
    if (HasFatalFailure()) return;
    content_.resize(300000);
    for (size_t i = 0; i < content_.size(); ++i) content_[i] = static_cast<char>(i * 31 % 253);
    server_ = std::make_unique<FileServer>(content_);
  }
  vfs::ConfigMap Config() {
    vfs::ConfigMap c = EmulatorConfig();
    c["pacer_max_sleep"] = "50";
    return c;
  }
  int64_t Calls(const std::string& path) {
    auto stats = emu_->Stats();
    EXPECT_TRUE(stats.ok());
    auto it = stats->find(path);
    return it == stats->end() ? 0 : it->second;
  }
  std::vector<std::string> FreshNames(const std::string& dir) {
    auto fs = NewEmulatorFs("cu", Config());
    EXPECT_TRUE(fs.ok());
    std::vector<std::string> out;
    auto list = fs->fs->List(dir);
    EXPECT_TRUE(list.ok()) << list.status();
    if (list.ok()) for (const auto& e : *list) out.push_back(e.remote());
    return out;
  }

  std::string content_;
  std::unique_ptr<FileServer> server_;
};

TEST_F(CopyUrlTest, ServiceFetchesTheUrlItselfUnderTheAskedName) {
  auto fs = NewEmulatorFs("cu", Config());
  ASSERT_TRUE(fs.ok()) << fs.status();
  {
    vfs::StringSource old("older content");
    ASSERT_TRUE(fs->fs->Put(old, vfs::StaticObjectInfo("in/fetched.bin", 13, absl::Now())).ok());
  }
  ASSERT_TRUE(emu_->ResetStats().ok());
  absl::StatusOr<vfs::ObjectPtr> got =
      vfs::operations::StoreUrl(*fs->fs, server_->url("/files/data.bin"), "in/fetched.bin");
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_EQ((*got)->remote(), "in/fetched.bin");
  EXPECT_EQ((*got)->size(), 300000);
  EXPECT_EQ(*(*got)->Hash(hash::HashType::kWhirlpool), hash::WhirlpoolHex(content_));
  EXPECT_EQ(Calls("/v1/remote/request.cgi"), 1);
  EXPECT_EQ(Calls("/upload.cgi"), 0);  // nothing passed through this machine
  EXPECT_THAT(FreshNames("in"), ::testing::ElementsAre("in/fetched.bin"));  // replaced
  auto fresh = NewEmulatorFs("cu", Config());
  auto object = fresh->fs->NewObject("in/fetched.bin");
  ASSERT_TRUE(object.ok());
  auto in = (*object)->Open();
  ASSERT_TRUE(in.ok());
  EXPECT_EQ(*vfs::ReadAll(**in), content_);
}

TEST_F(CopyUrlTest, FallbackDownloadsThenUploads) {
  auto fs = NewEmulatorFs("cu", Config());
  ASSERT_TRUE(fs.ok());
  absl::StatusOr<vfs::ObjectPtr> got = vfs::operations::StoreUrl(
      *fs->fs, server_->url("/files/data.bin"), "local.bin", {.allow_server_side = false});
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_EQ(*(*got)->Hash(hash::HashType::kWhirlpool), hash::WhirlpoolHex(content_));
  EXPECT_EQ(Calls("/v1/remote/request.cgi"), 0);
  EXPECT_EQ(Calls("/upload.cgi"), 1);
}

TEST_F(CopyUrlTest, UnfetchableUrlIsAClearErrorAndStoresNothing) {
  auto fs = NewEmulatorFs("cu", Config());
  ASSERT_TRUE(fs.ok());
  ASSERT_TRUE(fs->fs->Mkdir("").ok());
  absl::StatusOr<vfs::ObjectPtr> got =
      vfs::operations::StoreUrl(*fs->fs, server_->url("/missing"), "nothing.bin");
  ASSERT_FALSE(got.ok());
  EXPECT_THAT(std::string(got.status().message()), ::testing::HasSubstr("404"));
  EXPECT_TRUE(FreshNames("").empty());
  EXPECT_FALSE(vfs::operations::StoreUrl(*fs->fs, "file:///etc/passwd", "x").ok());
}

// A stop while copyurl follows the service's job (the URL's server stalls, so the job never
// ends): the polling wait ends at once with the stop's reason, and no fallback starts.
TEST_F(CopyUrlTest, AStopEndsThePollingWithoutAFallback) {
  std::atomic<bool> release{false};
  httplib::Server stalling;
  stalling.Get("/slow.bin", [&](const httplib::Request&, httplib::Response& res) {
    for (int i = 0; i < 6000 && !release; ++i) {  // at most 60 s
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    res.set_content("late", "application/octet-stream");
  });
  int port = stalling.bind_to_any_port("127.0.0.1");
  std::thread serving([&] { stalling.listen_after_bind(); });
  auto fs = NewEmulatorFs("cu", Config());
  ASSERT_TRUE(fs.ok()) << fs.status();
  auto token = std::make_shared<base::Cancel>();
  absl::Status got;
  std::thread caller([&] {
    base::ScopedCancel scoped(token);
    got = vfs::operations::StoreUrl(*fs->fs, "http://127.0.0.1:" + std::to_string(port) +
                                                 "/slow.bin", "stopped.bin")
              .status();
  });
  // Polled (bounded): the job is being followed.
  for (int i = 0; i < 6000 && Calls("/v1/remote/info.cgi") < 1; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_GE(Calls("/v1/remote/info.cgi"), 1);
  token->Trigger(absl::CancelledError("context canceled"));
  caller.join();
  EXPECT_TRUE(absl::IsCancelled(got)) << got;
  EXPECT_EQ(Calls("/upload.cgi"), 0) << "no download-then-upload fallback after a stop";
  release = true;
  stalling.stop();
  serving.join();
}

}  // namespace
}  // namespace fichier_test
