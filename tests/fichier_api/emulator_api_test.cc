// RestApi and RetryingApi against the real fichier-emulator binary (started per test, loopback
// only, stopped by the helper): the wire formats both sides implement from the spec must agree.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstring>

#include "backend/fichier/api_error.h"
#include "backend/fichier/rest_api.h"
#include "backend/fichier/retrying_api.h"
#include "emulator/testing/emulator_process.h"
#include "hash/whirlpool.h"
#include "tests/support/string_byte_source.h"

namespace backend::fichier {
namespace {

using ::emulator::testing::EmulatorProcess;
using ::testing::HasSubstr;
using ::testing::Not;

using StringSource = test_support::StringByteSource;

std::string ReadAll(rest::ByteSource& source) {
  std::string out;
  uint8_t buffer[4096];
  for (int i = 0; i < 100000; ++i) {
    absl::StatusOr<size_t> n = source.Read(buffer);
    if (!n.ok() || *n == 0) break;
    out.append(reinterpret_cast<char*>(buffer), *n);
  }
  return out;
}

class EmulatorApiTest : public ::testing::Test {
 protected:
  void StartEmulator(std::vector<std::string> flags = {}) {
    if (getenv("EMU_VERBOSE") == nullptr) flags.push_back("--quiet");
    auto emu = EmulatorProcess::Start(flags);
    ASSERT_TRUE(emu.ok()) << emu.status();
    emu_ = std::move(*emu);
    auto client = rest::HttpClient::Create({});
    ASSERT_TRUE(client.ok());
    client_ = std::shared_ptr<rest::HttpClient>(std::move(*client));
    api_ = MakeApi(emulator::testing::kPremiumKey);
  }
  std::shared_ptr<RestApi> MakeApi(const std::string& key) {
    RestApiOptions options;
    options.api_url = emu_->api_url();
    options.api_key = key;
    options.node_scheme = "http";
    options.shared_folder_url = emu_->base_url() + "/dir/";
    return std::make_shared<RestApi>(client_, options);
  }
  // Uploads `files` (name, content) into `folder` through the three-step flow.
  UploadReport UploadFiles(Api& api, int64_t folder,
                           const std::vector<std::pair<std::string, std::string>>& files) {
    auto server = api.GetUploadServer();
    EXPECT_TRUE(server.ok()) << server.status();
    if (!server.ok()) return {};
    std::vector<std::unique_ptr<StringSource>> sources;
    UploadRequest request{.node = server->url, .id = server->id, .folder_id = folder};
    for (const auto& [name, content] : files) {
      sources.push_back(std::make_unique<StringSource>(content));
      request.files.push_back({.filename = name,
                               .source = sources.back().get(),
                               .size = static_cast<int64_t>(content.size())});
    }
    auto receipt = api.Upload(request);
    EXPECT_TRUE(receipt.ok()) << receipt.status();
    if (!receipt.ok()) return {};
    auto report = api.EndUpload(server->url, receipt->xid);
    EXPECT_TRUE(report.ok()) << report.status();
    return report.ok() ? *report : UploadReport{};
  }

  std::unique_ptr<EmulatorProcess> emu_;
  std::shared_ptr<rest::HttpClient> client_;
  std::shared_ptr<RestApi> api_;
};

TEST_F(EmulatorApiTest, FolderUploadListDownloadCopyMoveRemove) {
  StartEmulator();
  auto folder = api_->CreateFolder({.name = "docs \"q\" \xEF\xBC\x9C", .folder_id = 0});
  ASSERT_TRUE(folder.ok()) << folder.status();

  const std::string hello = "hello world\n";
  const std::string big(300000, 'b');
  UploadReport report = UploadFiles(*api_, folder->folder_id, {{"hello.txt", hello}, {"big.bin", big}});
  ASSERT_EQ(report.links.size(), 2u);
  EXPECT_EQ(report.links[0].filename, "hello.txt");
  EXPECT_EQ(report.links[0].size, 12);
  EXPECT_EQ(report.links[0].whirlpool, hash::WhirlpoolHex(hello));
  EXPECT_EQ(report.links[1].size, 300000);
  EXPECT_EQ(report.links[1].whirlpool, hash::WhirlpoolHex(big));

  auto listing = api_->ListFolder({.folder_id = folder->folder_id, .files = true});
  ASSERT_TRUE(listing.ok()) << listing.status();
  EXPECT_EQ(listing->name, "docs \"q\" \xEF\xBC\x9C");
  ASSERT_EQ(listing->items.size(), 2u) << emu_->Tree().value_or("(no tree)");
  auto root = api_->ListFolder({.folder_id = 0, .files = true});
  ASSERT_TRUE(root.ok());
  ASSERT_EQ(root->sub_folders.size(), 1u);
  EXPECT_EQ(root->sub_folders[0].id, folder->folder_id);

  auto token = api_->GetToken({.url = report.links[1].download});
  ASSERT_TRUE(token.ok()) << token.status();
  auto download = api_->OpenDownload({.url = token->url, .range = rest::ByteRange{1000, 1999}});
  ASSERT_TRUE(download.ok()) << download.status();
  EXPECT_EQ(download->status_code, 206);
  EXPECT_EQ(ReadAll(*download->body), big.substr(1000, 1000));

  auto copy = api_->CopyFiles({.urls = {report.links[0].download}, .folder_id = 0,
                               .rename = "copy.txt"});
  ASSERT_TRUE(copy.ok()) << copy.status();
  ASSERT_EQ(copy->urls.size(), 1u);
  auto info = api_->GetFileInfo({.url = copy->urls[0].to_url});
  ASSERT_TRUE(info.ok()) << info.status();
  EXPECT_EQ(info->filename, "copy.txt");
  EXPECT_EQ(info->checksum, hash::WhirlpoolHex(hello));

  ASSERT_TRUE(api_->RenameFiles({{.url = copy->urls[0].to_url, .filename = "re'named$.txt"}}).ok());
  ASSERT_TRUE(api_->MoveFiles({.urls = {copy->urls[0].to_url},
                               .destination_folder_id = folder->folder_id})
                  .ok());
  info = api_->GetFileInfo({.url = copy->urls[0].to_url});
  ASSERT_TRUE(info.ok());
  EXPECT_EQ(info->filename, "re'named$.txt");
  EXPECT_EQ(info->folder_id, folder->folder_id);

  // A folder with files cannot go; after removing them it can.
  EXPECT_FALSE(api_->RemoveFolder(folder->folder_id).ok());
  auto removed = api_->RemoveFiles({{.url = report.links[0].download},
                                    {.url = report.links[1].download},
                                    {.url = copy->urls[0].to_url}});
  ASSERT_TRUE(removed.ok()) << removed.status();
  EXPECT_EQ(removed->removed, 3);
  EXPECT_TRUE(api_->RemoveFolder(folder->folder_id).ok());
  EXPECT_EQ(api_->GetFileInfo({.url = report.links[0].download}).status().code(),
            absl::StatusCode::kNotFound);

  auto user = api_->GetUserInfo();
  ASSERT_TRUE(user.ok()) << user.status();
  EXPECT_GE(user->offer, 1);

  // Our counter and the emulator's agree.
  auto stats = emu_->Stats();
  ASSERT_TRUE(stats.ok()) << stats.status();
  EXPECT_EQ((*stats)["/v1/folder/ls.cgi"], api_->counter().Get(Endpoint::kFolderLs));
  EXPECT_EQ((*stats)["/upload.cgi"], api_->counter().Get(Endpoint::kUpload));
  EXPECT_EQ((*stats)["/end.pl"], api_->counter().Get(Endpoint::kEndUpload));
}

TEST_F(EmulatorApiTest, KeysAreCheckedAndNeverEchoed) {
  StartEmulator();
  auto wrong = MakeApi("wrongKeywrongKeywrongKeywrongKey")->ListFolder({});
  EXPECT_EQ(wrong.status().code(), absl::StatusCode::kUnauthenticated);
  EXPECT_THAT(std::string(wrong.status().ToString()), Not(HasSubstr("wrongKeywrongKey")));
  auto free = MakeApi(emulator::testing::kFreeKey)->ListFolder({});
  EXPECT_EQ(free.status().code(), absl::StatusCode::kPermissionDenied);
  EXPECT_THAT(free.status().message(), HasSubstr("Premium or Access"));
  EXPECT_THAT(std::string(free.status().ToString()), Not(HasSubstr(emulator::testing::kFreeKey)));
}

TEST_F(EmulatorApiTest, RetryingLayerRidesOutFloodAndEndPlGlitches) {
  StartEmulator({"--fault", "file/ls:flood@1", "--fault", "end.pl:html@1", "--fault",
                 "end.pl:nolinks@1", "--fault", "folder/ls:status:503@2"});
  base::FakeClock clock;
  auto pacer = std::make_shared<rest::Pacer>(rest::PacerOptions{}, &clock, [] { return 0.0; });
  RetryingApi api(api_, pacer);

  const absl::Time before = clock.Now();
  auto files = api.ListFiles({.folder_id = 0});
  ASSERT_TRUE(files.ok()) << files.status();
  EXPECT_GE(clock.Now() - before, absl::Seconds(30));  // the flood pause, on the fake clock

  ASSERT_TRUE(api.ListFolder({}).ok());
  UploadReport report = UploadFiles(api, 0, {{"a.txt", "abc"}});
  ASSERT_EQ(report.links.size(), 1u);
  EXPECT_EQ(report.links[0].whirlpool, hash::WhirlpoolHex("abc"));
  auto stats = emu_->Stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ((*stats)["/v1/file/ls.cgi"], 2);
  EXPECT_EQ((*stats)["/v1/folder/ls.cgi"], 3);
  EXPECT_EQ((*stats)["/end.pl"], 3);
  EXPECT_EQ((*stats)["/upload.cgi"], 1);
}

TEST_F(EmulatorApiTest, BrokenUploadIsNotRepeated) {
  StartEmulator({"--fault", "upload.cgi:reset:1000@1"});
  base::FakeClock clock;
  auto pacer = std::make_shared<rest::Pacer>(rest::PacerOptions{}, &clock, [] { return 0.0; });
  RetryingApi api(api_, pacer);
  auto server = api.GetUploadServer();
  ASSERT_TRUE(server.ok()) << server.status();
  StringSource body(std::string(200000, 'z'));
  auto receipt = api.Upload({.node = server->url, .id = server->id,
                             .files = {{.filename = "z.bin", .source = &body, .size = 200000}}});
  EXPECT_FALSE(receipt.ok());
  auto stats = emu_->Stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ((*stats)["/upload.cgi"], 1);
}

}  // namespace
}  // namespace backend::fichier
