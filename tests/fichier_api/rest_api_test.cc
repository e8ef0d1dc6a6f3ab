// RestApi against canned answers served by an in-process httplib server.
#include "backend/fichier/rest_api.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <mutex>

#include "backend/fichier/api_error.h"
#include "backend/rest/transport_error.h"
#include "tests/backend_rest/test_server.h"
#include "tests/support/string_byte_source.h"

namespace backend::fichier {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kKey[] = "K3yS3cr3tK3yS3cr3tK3yS3cr3t_=-12";
constexpr char kHash[] =
    "813350ea4f5299958f338ee9c860df4546e7955f18867f5cdd9364960c68e76b15ed599a6d1758a4450d069379ba"
    "31fa7193c90ffe2f9d045d42a3526f10aea4";

struct Canned {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  bool ignore_range = false;  // answer 200 with the whole body even to a Range request
};

struct Seen {
  std::string method, path, body, authorization, content_type, json_header;
  std::multimap<std::string, httplib::MultipartFormData> files;
  std::string query;
};

using StringSource = test_support::StringByteSource;

class RestApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto handler = [this](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard<std::mutex> lock(mu_);
      Seen s;
      s.method = req.method;
      s.path = req.path;
      s.body = req.body;
      s.authorization = req.get_header_value("Authorization");
      s.content_type = req.get_header_value("Content-Type");
      s.json_header = req.get_header_value("JSON");
      s.files = req.files;
      for (const auto& [k, v] : req.params) s.query += k + "=" + v + ";";
      seen_.push_back(s);
      auto it = canned_.find(req.path);
      if (it == canned_.end()) {
        res.status = 404;
        res.set_content("<html>no route</html>", "text/html");
        return;
      }
      // Left unset for 200 so httplib applies Range requests itself (206).
      if (it->second.status != 200 || it->second.ignore_range) res.status = it->second.status;
      if (it->second.status == 302) res.set_header("Location", "/end.pl?xid=Xid9876543");
      res.set_content(it->second.body, it->second.content_type.c_str());
    };
    server_.server().Get(".*", handler);
    server_.server().Post(".*", handler);
    server_.Start();
    auto client = rest::HttpClient::Create({});
    ASSERT_TRUE(client.ok());
    client_ = std::shared_ptr<rest::HttpClient>(std::move(*client));
    RestApiOptions options;
    options.api_url = server_.base_url() + "/v1";
    options.api_key = kKey;
    options.node_scheme = "http";
    options.shared_folder_url = server_.base_url() + "/dir/";
    api_ = std::make_unique<RestApi>(client_, options);
  }

  void Serve(const std::string& path, Canned canned) {
    std::lock_guard<std::mutex> lock(mu_);
    canned_[path] = std::move(canned);
  }
  Seen Last() {
    std::lock_guard<std::mutex> lock(mu_);
    return seen_.empty() ? Seen{} : seen_.back();
  }
  size_t Requests() {
    std::lock_guard<std::mutex> lock(mu_);
    return seen_.size();
  }

  testing_support::TestServer server_;
  std::shared_ptr<rest::HttpClient> client_;
  std::unique_ptr<RestApi> api_;
  std::mutex mu_;
  std::map<std::string, Canned> canned_;
  std::vector<Seen> seen_;
};

TEST_F(RestApiTest, ListFolderSendsJsonWithBearerAndParsesOnce) {
  Serve("/v1/folder/ls.cgi",
        {200, "application/json",
         R"({"status":"OK","folder_id":"5","name":"docs","sub_folders":[{"id":6,"name":"a"}],)"
         R"("items":[{"url":"https://1fichier.com/?x","filename":"f.txt","size":"12"}]})"});
  absl::StatusOr<FolderList> list = api_->ListFolder({.folder_id = 5, .files = true});
  ASSERT_TRUE(list.ok()) << list.status();
  EXPECT_EQ(list->folder_id, 5);
  ASSERT_EQ(list->sub_folders.size(), 1u);
  ASSERT_EQ(list->items.size(), 1u);
  EXPECT_EQ(list->items[0].size, 12);
  Seen seen = Last();
  EXPECT_EQ(seen.method, "POST");
  EXPECT_EQ(seen.authorization, std::string("Bearer ") + kKey);
  EXPECT_EQ(seen.content_type, "application/json");
  EXPECT_EQ(seen.body, R"({"folder_id":5,"files":1})");
  EXPECT_EQ(api_->counter().Get(Endpoint::kFolderLs), 1);
}

TEST_F(RestApiTest, KoAnswersBecomeStatusesWithoutTheKey) {
  Serve("/v1/file/ls.cgi",
        {403, "application/json", R"({"status":"KO","message":"Flood detected: IP Locked #374"})"});
  auto flood = api_->ListFiles({.folder_id = 0});
  EXPECT_EQ(flood.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_EQ(FichierErrorCode(flood.status()).value_or(0), 374);
  Serve("/v1/file/ls.cgi",
        {401, "application/json", R"({"status":"KO","message":"Not authenticated #247"})"});
  auto bad_key = api_->ListFiles({.folder_id = 0});
  EXPECT_EQ(bad_key.status().code(), absl::StatusCode::kUnauthenticated);
  EXPECT_THAT(std::string(bad_key.status().ToString()), Not(HasSubstr(kKey)));
  Serve("/v1/file/info.cgi",
        {404, "application/json", R"({"status":"KO","message":"Resource not found #469"})"});
  EXPECT_EQ(api_->GetFileInfo({.url = "https://1fichier.com/?zz"}).status().code(),
            absl::StatusCode::kNotFound);
  // KO with HTTP 200 is still a failure.
  Serve("/v1/folder/rm.cgi",
        {200, "application/json", R"({"status":"KO","message":"Folder not empty #2"})"});
  EXPECT_EQ(api_->RemoveFolder(9).status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(api_->counter().Total(), 4);
}

TEST_F(RestApiTest, HtmlAndGarbageAreReportedAsSuch) {
  Serve("/v1/file/ls.cgi", {200, "text/html", "<html><body>Maintenance</body></html>"});
  auto html = api_->ListFiles({});
  EXPECT_EQ(html.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_TRUE(IsHtmlAnswer(html.status()));
  Serve("/v1/file/ls.cgi", {502, "text/html", "<html>Bad gateway</html>"});
  EXPECT_EQ(api_->ListFiles({}).status().code(), absl::StatusCode::kUnavailable);
  Serve("/v1/file/ls.cgi", {200, "application/json", R"({"items":[{"size":)"});
  auto broken = api_->ListFiles({});
  EXPECT_EQ(broken.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_FALSE(IsHtmlAnswer(broken.status()));
  // A JSON body under a vague Content-Type is still JSON.
  Serve("/v1/file/ls.cgi", {200, "text/plain", R"({"status":"OK","items":[]})"});
  EXPECT_TRUE(api_->ListFiles({}).ok());
}

TEST_F(RestApiTest, RequestBodiesMatchTheSpec) {
  Serve("/v1/file/mv.cgi", {200, "application/json", R"({"status":"OK","moved":1,"urls":["u"]})"});
  ASSERT_TRUE(api_->MoveFiles({.urls = {"u"}, .destination_folder_id = 0}).ok());
  EXPECT_EQ(Last().body, R"({"urls":["u"],"destination_folder_id":0})");  // no rename
  ASSERT_TRUE(api_->MoveFiles({.urls = {"u"}, .destination_folder_id = 7, .rename = "n\"ew"}).ok());
  EXPECT_EQ(Last().body, R"({"urls":["u"],"destination_folder_id":7,"rename":"n\"ew"})");
  EXPECT_EQ(api_->MoveFiles({.urls = {"a", "b"}, .destination_folder_id = 7, .rename = "x"})
                .status()
                .code(),
            absl::StatusCode::kInvalidArgument);

  Serve("/v1/file/cp.cgi", {200, "application/json",
                            R"({"status":"OK","copied":1,"urls":[{"from_url":"u","to_url":"v"}]})"});
  auto copy = api_->CopyFiles({.urls = {"u"}, .folder_id = 3, .rename = "c.txt"});
  ASSERT_TRUE(copy.ok());
  EXPECT_EQ(copy->urls[0].to_url, "v");
  EXPECT_EQ(Last().body, R"({"urls":["u"],"folder_id":3,"rename":"c.txt"})");

  Serve("/v1/file/rm.cgi", {200, "application/json", R"({"status":"OK","removed":2})"});
  auto removed = api_->RemoveFiles({{.url = "a"}, {.url = "b", .code = "c0de"}});
  ASSERT_TRUE(removed.ok());
  EXPECT_EQ(removed->removed, 2);
  EXPECT_EQ(Last().body, R"({"files":[{"url":"a"},{"url":"b","code":"c0de"}]})");

  Serve("/v1/file/rename.cgi", {200, "application/json", R"({"status":"OK","renamed":1})"});
  ASSERT_TRUE(api_->RenameFiles({{.url = "a", .filename = "\xEF\xBC\x82q\\"}}).ok());
  EXPECT_EQ(Last().body, "{\"urls\":[{\"url\":\"a\",\"filename\":\"\xEF\xBC\x82q\\\\\"}],\"pretty\":0}");

  Serve("/v1/folder/mkdir.cgi",
        {200, "application/json", R"({"status":"OK","folder_id":123457,"name":"2026"})"});
  auto made = api_->CreateFolder({.name = "2026", .folder_id = 123456});
  ASSERT_TRUE(made.ok());
  EXPECT_EQ(made->folder_id, 123457);
  EXPECT_EQ(Last().body, R"({"name":"2026","folder_id":123456})");

  Serve("/v1/folder/mv.cgi", {200, "application/json", R"({"status":"OK","old_name":"a","new_name":"b"})"});
  ASSERT_TRUE(api_->MoveFolder({.folder_id = 5, .rename = "b"}).ok());
  EXPECT_EQ(Last().body, R"({"folder_id":5,"rename":"b"})");
  ASSERT_TRUE(api_->MoveFolder({.folder_id = 5, .destination_folder_id = 0}).ok());
  EXPECT_EQ(Last().body, R"({"folder_id":5,"destination_folder_id":0})");

  Serve("/v1/download/get_token.cgi",
        {200, "application/json", R"({"status":"OK","url":"https://a-4.1fichier.com/p1"})"});
  auto token = api_->GetToken({.url = "https://1fichier.com/?x", .password = "pw\"1", .cdn = true});
  ASSERT_TRUE(token.ok());
  EXPECT_EQ(token->url, "https://a-4.1fichier.com/p1");
  EXPECT_EQ(Last().body, R"({"url":"https://1fichier.com/?x","single":1,"pass":"pw\"1","cdn":1})");

  Serve("/v1/user/info.cgi", {200, "application/json",
                              R"({"status":"OK","offer":"1","cold_storage":10,"available_cold_storage":100})"});
  auto user = api_->GetUserInfo();
  ASSERT_TRUE(user.ok());
  EXPECT_EQ(user->available_cold_storage, 100);

  Serve("/v1/remote/request.cgi", {200, "application/json", R"({"status":"OK","id":4242})"});
  auto job = api_->RequestRemoteUpload(
      {.urls = {"http://127.0.0.1:1/a.bin"}, .folder_id = 0, .headers = {{"Cookie", "a=b"}}});
  ASSERT_TRUE(job.ok());
  EXPECT_EQ(job->id, 4242);
  EXPECT_EQ(Last().body,
            R"({"urls":["http://127.0.0.1:1/a.bin"],"folder_id":0,"headers":{"Cookie":"a=b"}})");
}

TEST_F(RestApiTest, NoCallForRequestsThatCannotBeValid) {
  EXPECT_EQ(api_->RemoveFiles({}).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(api_->RenameFiles({{.url = "a", .filename = "bad\xff"}}).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(api_->CreateFolder({.name = "x\xc3", .folder_id = 0}).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(api_->RemoveFolder(0).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(api_->EndUpload("node/../x", "abc").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Requests(), 0u);
}

TEST_F(RestApiTest, UploadFlowGetServerMultipartAndEndPl) {
  Serve("/v1/upload/get_upload_server.cgi",
        {200, "application/json", R"({"url":")" + server_.host_port() + R"(","id":"Fhl1aZERQv"})"});
  Serve("/upload.cgi", {302, "text/html", "<html>Upload finished</html>"});
  Serve("/end.pl",
        {200, "application/json",
         std::string(R"({"incoming":0,"links":[{"download":"https://1fichier.com/?k3v9","filename":"hello.txt",)"
                     R"("remove":"","size":"12","whirlpool":")") + kHash + R"("}]})"});
  auto server = api_->GetUploadServer();
  ASSERT_TRUE(server.ok()) << server.status();
  EXPECT_EQ(Last().method, "GET");
  EXPECT_EQ(Last().content_type, "application/json");
  EXPECT_EQ(server->id, "Fhl1aZERQv");

  StringSource one("hello world\n"), two("second file");
  UploadRequest upload;
  upload.node = server->url;
  upload.id = server->id;
  upload.folder_id = 123456;
  upload.files = {{.filename = "hello.txt", .source = &one, .size = 12},
                  {.filename = "b \"2\".txt", .source = &two, .size = 11}};
  auto receipt = api_->Upload(upload);
  ASSERT_TRUE(receipt.ok()) << receipt.status();
  EXPECT_EQ(receipt->xid, "Xid9876543");  // from Location
  Seen up = Last();
  EXPECT_EQ(up.path, "/upload.cgi");
  EXPECT_EQ(up.query, "id=Fhl1aZERQv;");
  EXPECT_EQ(up.authorization, std::string("Bearer ") + kKey);
  ASSERT_EQ(up.files.count("did"), 1u);
  EXPECT_EQ(up.files.find("did")->second.content, "123456");
  ASSERT_EQ(up.files.count("file[]"), 2u);

  auto report = api_->EndUpload(server->url, receipt->xid);
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_EQ(Last().json_header, "1");
  EXPECT_EQ(Last().query, "xid=Xid9876543;");
  ASSERT_EQ(report->links.size(), 1u);
  EXPECT_EQ(report->links[0].size, 12);
  EXPECT_EQ(report->links[0].whirlpool, kHash);
  EXPECT_EQ(api_->counter().Get(Endpoint::kGetUploadServer), 1);
  EXPECT_EQ(api_->counter().Get(Endpoint::kUpload), 1);
  EXPECT_EQ(api_->counter().Get(Endpoint::kEndUpload), 1);
}

TEST_F(RestApiTest, EndPlHtmlOrNoLinksIsRetryable) {
  Serve("/end.pl", {200, "text/html", "<html>please wait</html>"});
  auto html = api_->EndUpload(server_.host_port(), "Fhl1aZERQv");
  EXPECT_EQ(html.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_TRUE(IsHtmlAnswer(html.status()));
  Serve("/end.pl", {200, "application/json", R"({"incoming":0,"links":[]})"});
  EXPECT_EQ(api_->EndUpload(server_.host_port(), "Fhl1aZERQv").status().code(),
            absl::StatusCode::kUnavailable);
}

TEST_F(RestApiTest, SuspiciousUploadServerAnswerIsRefused) {
  Serve("/v1/upload/get_upload_server.cgi",
        {200, "application/json", R"({"url":"evil.example/x?y=","id":"Fhl1aZERQv"})"});
  EXPECT_FALSE(api_->GetUploadServer().ok());
  Serve("/v1/upload/get_upload_server.cgi",
        {200, "application/json", R"({"url":"up.example","id":"../../"})"});
  EXPECT_FALSE(api_->GetUploadServer().ok());
}

TEST_F(RestApiTest, UploadErrorPageIsAnError) {
  Serve("/upload.cgi", {500, "text/html", "<html>Pas de fichier</html>"});
  StringSource one("x");
  UploadRequest upload;
  upload.node = server_.host_port();
  upload.id = "Fhl1aZERQv";
  upload.files = {{.filename = "x", .source = &one, .size = 1}};
  auto receipt = api_->Upload(upload);
  EXPECT_EQ(receipt.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_TRUE(IsHtmlAnswer(receipt.status()));
}

TEST_F(RestApiTest, DownloadWithRangeAndNoKey) {
  std::string body(5000, 'q');
  for (size_t i = 0; i < body.size(); ++i) body[i] = static_cast<char>('a' + i % 26);
  Serve("/p1058755667", {200, "application/octet-stream", body});
  auto download = api_->OpenDownload(
      {.url = server_.base_url() + "/p1058755667", .range = rest::ByteRange{100, 199}});
  ASSERT_TRUE(download.ok()) << download.status();
  EXPECT_EQ(download->status_code, 206);
  EXPECT_EQ(download->size.value_or(-1), 100);
  std::string got(200, '\0');
  size_t total = 0;
  for (int i = 0; i < 100; ++i) {
    auto n = download->body->Read(std::span(reinterpret_cast<uint8_t*>(got.data()) + total,
                                            got.size() - total));
    ASSERT_TRUE(n.ok());
    if (*n == 0) break;
    total += *n;
  }
  EXPECT_EQ(got.substr(0, total), body.substr(100, 100));
  EXPECT_TRUE(Last().authorization.empty());
  EXPECT_EQ(api_->counter().Get(Endpoint::kDownload), 1);

  // A host that ignores Range must not hand out the wrong bytes.
  Serve("/norange", {200, "application/octet-stream", "abc", /*ignore_range=*/true});
  EXPECT_EQ(api_->OpenDownload({.url = server_.base_url() + "/norange",
                                .range = rest::ByteRange{1, 2}})
                .status()
                .code(),
            absl::StatusCode::kFailedPrecondition);

  Serve("/expired", {410, "text/html", "<html>expired</html>"});
  auto expired = api_->OpenDownload({.url = server_.base_url() + "/expired"});
  EXPECT_EQ(expired.status().code(), absl::StatusCode::kNotFound);
}

TEST_F(RestApiTest, SharedFolderListingWithAndWithoutPassword) {
  Serve("/dir/CiLKCBI7",
        {200, "application/json",
         R"([{"filename":"hello.txt","link":"https://1fichier.com/?k3","size":12}])"});
  auto files = api_->ListSharedFolder({.folder = "CiLKCBI7"});
  ASSERT_TRUE(files.ok()) << files.status();
  ASSERT_EQ(files->size(), 1u);
  EXPECT_EQ((*files)[0].filename, "hello.txt");
  EXPECT_EQ(Last().method, "GET");
  EXPECT_EQ(Last().query, "json=1;");
  EXPECT_TRUE(Last().authorization.empty());

  ASSERT_TRUE(api_->ListSharedFolder({.folder = "CiLKCBI7", .password = "p&ss w=rd"}).ok());
  EXPECT_EQ(Last().method, "POST");
  EXPECT_EQ(Last().body, "json=1&pass=p%26ss%20w%3Drd");
  EXPECT_EQ(Last().content_type, "application/x-www-form-urlencoded");

  Serve("/dir/CiLKCBI7", {403, "text/html", "<html>password</html>"});
  EXPECT_EQ(api_->ListSharedFolder({.folder = "CiLKCBI7", .password = "bad"}).status().code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(api_->ListSharedFolder({.folder = "Nope0000"}).status().code(),
            absl::StatusCode::kNotFound);  // no route -> 404 page
  EXPECT_EQ(api_->ListSharedFolder({.folder = "../v1"}).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST_F(RestApiTest, ConnectionFailureIsRetryableAndCounted) {
  const int port = server_.port();
  server_.Stop();
  auto list = api_->ListFolder({});
  EXPECT_EQ(list.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_TRUE(rest::WasNotSent(list.status()));
  EXPECT_THAT(std::string(list.status().message()), HasSubstr(std::to_string(port)));
  EXPECT_EQ(api_->counter().Get(Endpoint::kFolderLs), 1);
  EXPECT_THAT(api_->counter().Report(), HasSubstr("folder/ls.cgi=1"));
}

// Values that would mislead are bad answers (answer_checks.h), not retried, never used.
TEST_F(RestApiTest, MisleadingValuesAreBadAnswers) {
  const std::string item = R"({"url":"https://1fichier.com/?x","filename":"f.txt",)";
  for (const std::string& fields :
       {std::string(R"("size":-1})"), std::string(R"("size":"99999999999999999"})"),
        std::string(R"("size":3,"checksum":"abc"})")}) {
    Serve("/v1/folder/ls.cgi",
          {200, "application/json", R"({"status":"OK","items":[)" + item + fields + "]}"});
    absl::StatusOr<FolderList> list = api_->ListFolder({.folder_id = 0, .files = true});
    ASSERT_FALSE(list.ok()) << fields;
    EXPECT_EQ(list.status().code(), absl::StatusCode::kInvalidArgument) << list.status();
    EXPECT_THAT(std::string(list.status().message()), HasSubstr("bad answer")) << list.status();
  }
  Serve("/v1/folder/ls.cgi", {200, "application/json",
                              R"({"status":"OK","items":[{"filename":"f","size":1}]})"});
  EXPECT_THAT(std::string(api_->ListFolder({.folder_id = 0}).status().message()),
              HasSubstr("has no URL"));
  Serve("/v1/folder/ls.cgi", {200, "application/json",
                              R"({"status":"OK","sub_folders":[{"id":0,"name":"a"}]})"});
  EXPECT_THAT(std::string(api_->ListFolder({.folder_id = 0}).status().message()),
              HasSubstr("no valid id"));
  Serve("/v1/file/info.cgi",
        {200, "application/json", R"({"status":"OK","url":"u","filename":"f","size":-5})"});
  EXPECT_THAT(std::string(api_->GetFileInfo({.url = "u"}).status().message()),
              HasSubstr("negative size"));
}

// The server's words reach statuses (so the terminal and the log) escaped: no ESC sequence,
// no CR/LF that could fake a log line.
TEST_F(RestApiTest, ServerTextIsEscapedInStatuses) {
  Serve("/v1/file/ls.cgi",
        {200, "application/json",
         R"({"status":"KO","message":"\u001b[2J\r\n2026/01/01 00:00:00 NOTICE: all good\u0085"})"});
  absl::StatusOr<FileList> list = api_->ListFiles({});
  ASSERT_FALSE(list.ok());
  const std::string message(list.status().message());
  EXPECT_EQ(message.find_first_of("\x1b\r\n"), std::string::npos) << message;
  EXPECT_THAT(message, HasSubstr("\\x1b[2J\\x0d\\x0a2026/01/01"));
  EXPECT_THAT(message, HasSubstr("\\u0085"));
}

}  // namespace
}  // namespace backend::fichier
