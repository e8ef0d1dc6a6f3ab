// Remote upload (spec §10) against a URL served on loopback by the test, and the public
// shared-folder listing (§13) with and without a password.
#include <chrono>
#include <string>
#include <thread>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "hash/whirlpool.h"
#include "tests/emulator/emulator_test_util.h"

namespace emulator::testing {
namespace {

using ::testing::HasSubstr;

class RemoteTest : public SharedEmulatorTest {
 protected:
};

// A loopback HTTP server with one file and one failing path, stopped by the destructor.
class FileServer {
 public:
  explicit FileServer(std::string content) : content_(std::move(content)) {
    server_.Get("/files/remote file.bin", [this](const httplib::Request& req, httplib::Response& res) {
      seen_cookie_ = req.get_header_value("Cookie");
      res.set_content(content_, "application/octet-stream");
    });
    server_.Get("/missing", [](const httplib::Request&, httplib::Response& res) { res.status = 404; });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
  }
  ~FileServer() {
    server_.stop();
    thread_.join();
  }
  std::string url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }
  std::string seen_cookie() const { return seen_cookie_; }

 private:
  std::string content_;
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
  std::string seen_cookie_;
};

TEST_F(RemoteTest, RequestLsInfoAndFetch) {
  const std::string content(100000, 'r');
  FileServer files(content);
  auto c = client();
  const int64_t d = c.Mkdir("incoming");
  const std::string good = files.url("/files/remote%20file.bin");
  const std::string bad = files.url("/missing");
  Reply req = c.Api("remote/request.cgi", "{\"urls\":[\"" + good + "\",\"" + bad +
                                              "\"],\"folder_id\":" + std::to_string(d) +
                                              ",\"headers\":{\"Cookie\":\"a=b\"}}");
  ASSERT_EQ(req.status, 200) << req.body;
  Json r(req.body);
  EXPECT_EQ(Str(r["status"]), "OK");
  const int64_t id = Int(r["id"]);
  EXPECT_EQ(Str(r["headers"]["Cookie"].value()), "a=b");

  Json ls(c.Api("remote/ls.cgi", "").body);
  EXPECT_EQ(Int(ls["data"].at(0)["id"].value()), id);

  // The fetch runs in the background; poll it (bounded).
  Json info("{}");
  for (int i = 0; i < 1200; ++i) {  // bounded: 60 s on a loaded machine
    Reply ir = c.Api("remote/info.cgi", "{\"id\":\"" + std::to_string(id) + "\"}");
    info = Json(ir.body);
    if (!Str(info["execution_date"]).empty()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_FALSE(Str(info["execution_date"]).empty());
  auto results = info["result"].get_array().value();
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(Str(results.at(0)["status"].value()), "OK");
  EXPECT_EQ(Str(results.at(1)["status"].value()), "KO");
  EXPECT_THAT(Str(results.at(1)["message"].value()), HasSubstr("404"));
  EXPECT_EQ(files.seen_cookie(), "a=b");

  const std::string link = Str(results.at(0)["download_link"].value());
  Json fi(c.Api("file/info.cgi", UrlBody(link)).body);
  EXPECT_EQ(Str(fi["filename"]), "remote file.bin");
  EXPECT_EQ(Int(fi["size"]), 100000);
  EXPECT_EQ(Int(fi["folder_id"]), d);
  EXPECT_EQ(Str(fi["checksum"]), hash::WhirlpoolHex(content));
}

TEST_F(RemoteTest, RequestValidation) {
  auto c = client();
  EXPECT_EQ(c.Api("remote/request.cgi", "{}").status, 400);
  EXPECT_EQ(c.Api("remote/request.cgi", R"({"urls":["file:///etc/passwd"]})").status, 400);
  EXPECT_EQ(c.Api("remote/request.cgi", R"({"urls":["http://x/"],"folder_id":5})").status, 404);
  EXPECT_EQ(c.Api("remote/info.cgi", R"({"id":99999})").status, 404);
}

TEST_F(RemoteTest, NonLoopbackUrlsAreNotFetched) {
  auto c = client();
  Reply req = c.Api("remote/request.cgi", R"({"urls":["http://192.0.2.1/a.bin"]})");
  ASSERT_EQ(req.status, 200);
  const int64_t id = Int(Json(req.body)["id"]);
  Json info("{}");
  for (int i = 0; i < 1200; ++i) {  // bounded: 60 s on a loaded machine
    info = Json(c.Api("remote/info.cgi", "{\"id\":" + std::to_string(id) + "}").body);
    if (!Str(info["execution_date"]).empty()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_EQ(Str(info["result"].at(0)["status"].value()), "KO");
  EXPECT_EQ(Str(info["result"].at(0)["message"].value()), "Host not allowed");
}

TEST_F(RemoteTest, SharedFolderWithoutPassword) {
  auto c = client();
  const int64_t d = c.Mkdir("pub");
  const std::string url = c.UploadFile("hello.txt", "hello world\n", d);
  c.Mkdir("sub", d);  // sub-folders are not listed
  Reply share = c.Api("folder/share.cgi", "{\"folder_id\":" + std::to_string(d) + ",\"share\":1}");
  ASSERT_EQ(share.status, 200) << share.body;
  const std::string share_url = Str(Json(share.body)["url"]);
  ASSERT_THAT(share_url, ::testing::MatchesRegex("https://1fichier\\.com/dir/[A-Za-z0-9]{8}"));
  const std::string path = share_url.substr(share_url.find("/dir/"));

  Reply list = c.Get(path + "?json=1", {{"Content-Type", "application/x-www-form-urlencoded"}});
  ASSERT_EQ(list.status, 200) << list.body;
  Json j(list.body);
  auto arr = j.root().get_array().value();
  ASSERT_EQ(arr.size(), 1u);
  EXPECT_EQ(Str(arr.at(0)["filename"].value()), "hello.txt");
  EXPECT_EQ(Str(arr.at(0)["link"].value()), url);
  EXPECT_EQ(Int(arr.at(0)["size"].value()), 12);
  // folder/ls shows the share.
  Json ls(c.Api("folder/ls.cgi", "{\"folder_id\":" + std::to_string(d) + "}").body);
  EXPECT_EQ(Str(ls["shared"]), share_url);

  EXPECT_EQ(c.Get("/dir/NoSuchId?json=1").status, 404);
  // Unshared: gone.
  ASSERT_EQ(c.Api("folder/share.cgi", "{\"folder_id\":" + std::to_string(d) + ",\"share\":0}").status,
            200);
  EXPECT_EQ(c.Get(path + "?json=1").status, 404);
}

TEST_F(RemoteTest, SharedFolderWithPassword) {
  auto c = client();
  const int64_t d = c.Mkdir("locked");
  ASSERT_FALSE(c.UploadFile("a.txt", "abc", d).empty());
  Reply share = c.Api("folder/share.cgi",
                      "{\"folder_id\":" + std::to_string(d) + ",\"share\":1,\"pass\":\"p@ss w0rd\"}");
  ASSERT_EQ(share.status, 200);
  const std::string share_url = Str(Json(share.body)["url"]);
  const std::string path = share_url.substr(share_url.find("/dir/"));
  Reply no_pass = c.Get(path + "?json=1");
  EXPECT_EQ(no_pass.status, 403);
  EXPECT_THAT(no_pass.header("Content-Type"), HasSubstr("text/html"));
  httplib::Client hc = c.Client();
  auto wrong = hc.Post(path, "json=1&pass=nope", "application/x-www-form-urlencoded");
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 403);
  auto right = hc.Post(path, "json=1&pass=p%40ss+w0rd", "application/x-www-form-urlencoded");
  ASSERT_TRUE(right);
  ASSERT_EQ(right->status, 200) << right->body;
  Json j(right->body);
  EXPECT_EQ(j.root().get_array().value().size(), 1u);
  auto stats = emu_->Stats();
  EXPECT_EQ((*stats)["/dir"], 3);
}

}  // namespace
}  // namespace emulator::testing
