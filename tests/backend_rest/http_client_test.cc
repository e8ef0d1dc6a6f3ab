#include "backend/rest/http_client.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "absl/synchronization/notification.h"
#include "backend/rest/pacer.h"
#include "backend/rest/transport_error.h"
#include "tests/backend_rest/test_server.h"

namespace backend::rest {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kSecret[] = "SECRETKEY0123456789abcdefghijklm";

// Deterministic bytes so a receiver can check every byte without keeping a copy.
uint8_t PatternByte(int64_t i) { return static_cast<uint8_t>((i * 131 + (i >> 9)) & 0xff); }

// A source of `size` pattern bytes that hands out at most `max_chunk` per call and remembers
// the largest request, to prove the client pulls rather than slurps.
class PatternSource : public ByteSource {
 public:
  PatternSource(int64_t size, int64_t fail_at = -1) : size_(size), fail_at_(fail_at) {}
  absl::StatusOr<size_t> Read(std::span<uint8_t> out) override {
    ++reads_;
    largest_request_ = std::max(largest_request_, out.size());
    if (fail_at_ >= 0 && pos_ >= fail_at_) return absl::DataLossError("disk read failed");
    const int64_t n = std::min<int64_t>(static_cast<int64_t>(out.size()), size_ - pos_);
    for (int64_t i = 0; i < n; ++i) out[i] = PatternByte(pos_ + i);
    pos_ += n;
    return static_cast<size_t>(n);
  }
  int reads() const { return reads_; }
  size_t largest_request() const { return largest_request_; }

 private:
  int64_t size_;
  int64_t fail_at_;
  int64_t pos_ = 0;
  int reads_ = 0;
  size_t largest_request_ = 0;
};

bool IsPattern(const std::string& data) {
  for (size_t i = 0; i < data.size(); ++i) {
    if (static_cast<uint8_t>(data[i]) != PatternByte(static_cast<int64_t>(i))) return false;
  }
  return true;
}

HttpRequest Post(std::string url, std::string body = "", HttpHeaders headers = {}) {
  HttpRequest request;
  request.method = HttpMethod::kPost;
  request.url = std::move(url);
  request.body = std::move(body);
  request.headers = std::move(headers);
  return request;
}

HttpRequest Get(std::string url) {
  HttpRequest request;
  request.url = std::move(url);
  return request;
}

ByteRange Range(int64_t first, std::optional<int64_t> last = std::nullopt) {
  ByteRange range;
  range.first = first;
  range.last = last;
  return range;
}

std::unique_ptr<HttpClient> MakeClient(HttpClientOptions options = {}) {
  auto client = HttpClient::Create(std::move(options));
  EXPECT_TRUE(client.ok()) << client.status();
  return *std::move(client);
}

// Each test registers its handlers on server_, then starts it.
class HttpClientTest : public ::testing::Test {
 protected:
  // GETs /token from server_ through a new client made with `options` (kept in client_).
  absl::StatusOr<std::unique_ptr<DownloadStream>> DownloadToken(HttpClientOptions options) {
    client_ = MakeClient(std::move(options));
    return client_->Download(server_.base_url() + "/token", {});
  }

  testing_support::TestServer server_;
  std::unique_ptr<HttpClient> client_;
};

TEST_F(HttpClientTest, PostsJsonAndReturnsStatusHeadersAndBody) {
  std::string seen_auth, seen_type, seen_body;
  server_.server().Post(
      "/v1/file/ls.cgi", [&](const httplib::Request& req, httplib::Response& res) {
        seen_auth = req.get_header_value("Authorization");
        seen_type = req.get_header_value("Content-Type");
        seen_body = req.body;
        res.set_content(R"({"status":"OK","items":[]})", "application/json; charset=utf-8");
      });
  server_.Start();
  auto client = MakeClient();
  HttpRequest request;
  request.method = HttpMethod::kPost;
  request.url = server_.base_url() + "/v1/file/ls.cgi";
  request.headers = {{"Authorization", std::string("Bearer ") + kSecret},
                     {"Content-Type", "application/json"}};
  request.body = R"({"folder_id":0})";
  absl::StatusOr<HttpResponse> response = client->Send(request);
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_EQ(response->status_code, 200);
  EXPECT_EQ(response->content_type(), "application/json; charset=utf-8");
  EXPECT_EQ(response->body, R"({"status":"OK","items":[]})");
  EXPECT_EQ(seen_auth, std::string("Bearer ") + kSecret);
  EXPECT_EQ(seen_type, "application/json");
  EXPECT_EQ(seen_body, R"({"folder_id":0})");
}

TEST_F(HttpClientTest, HttpErrorStatusIsAResultNotAFailure) {
  server_.server().Post("/missing", [](const httplib::Request&, httplib::Response& res) {
    res.status = 404;
    res.set_content(R"({"status":"KO","message":"Resource not found #469"})", "application/json");
  });
  server_.Start();
  auto client = MakeClient();
  auto response = client->Send(Post(server_.base_url() + "/missing"));
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_EQ(response->status_code, 404);
  EXPECT_THAT(response->body, HasSubstr("#469"));
}

TEST_F(HttpClientTest, ConnectionRefusedIsRetryableAndNotSent) {
  int port = 0;
  {
    testing_support::TestServer server;
    server.Start();
    port = server.port();
  }  // closed: nothing listens there now
  auto client = MakeClient();
  auto response = client->Send(Post("http://127.0.0.1:" + std::to_string(port) + "/x"));
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_TRUE(WasNotSent(response.status()));
}

TEST_F(HttpClientTest, TimeoutIsRetryableButMaybeSent) {
  // The handler answers only once the client has given up (bounded: 60 s at most).
  auto gave_up = std::make_shared<absl::Notification>();
  server_.server().Post("/slow", [gave_up](const httplib::Request&, httplib::Response& res) {
    gave_up->WaitForNotificationWithTimeout(absl::Seconds(60));
    res.set_content("{}", "application/json");
  });
  server_.Start();
  HttpClientOptions options;
  options.request_timeout = absl::Milliseconds(200);
  auto client = MakeClient(options);
  auto response = client->Send(Post(server_.base_url() + "/slow"));
  gave_up->Notify();
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_FALSE(WasNotSent(response.status()));
}

TEST_F(HttpClientTest, OversizedAnswerIsRefused) {
  server_.server().Get("/big", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(std::string(100000, 'x'), "text/plain");
  });
  server_.Start();
  HttpClientOptions options;
  options.max_response_bytes = 1000;
  auto client = MakeClient(options);
  auto response = client->Send(Get(server_.base_url() + "/big"));
  ASSERT_FALSE(response.ok());
  // A bad answer, not a flood: ResourceExhausted would pause every caller and retry.
  EXPECT_EQ(response.status().code(), absl::StatusCode::kOutOfRange);
  EXPECT_EQ(ClassifyForRetry(response.status()), RetryClass::kPermanent);
}

TEST_F(HttpClientTest, UnreadableCaFileIsRejectedAtCreation) {
  HttpClientOptions options;
  options.ca_file = "/nonexistent/ca.pem";
  auto client = HttpClient::Create(options);
  EXPECT_EQ(client.status().code(), absl::StatusCode::kInvalidArgument);
}

TEST_F(HttpClientTest, TlsIsVerifiedByDefault) {
  // A plain-HTTP server_ spoken to over https cannot complete a handshake; what matters is
  // that the failure is reported as a transport error, not ignored.
  server_.Start();
  auto client = MakeClient();
  auto response = client->Send(Get("https://127.0.0.1:" + std::to_string(server_.port()) + "/"));
  ASSERT_FALSE(response.ok());
}

TEST_F(HttpClientTest, MultipartStreamsSeveralFilePartsWithContentLength) {
  std::string content_length, transfer_encoding, content_type;
  std::vector<httplib::MultipartFormData> parts;
  server_.server().Post("/upload.cgi", [&](const httplib::Request& req, httplib::Response& res) {
    content_length = req.get_header_value("Content-Length");
    transfer_encoding = req.get_header_value("Transfer-Encoding");
    content_type = req.get_header_value("Content-Type");
    for (const auto& [name, part] : req.files) parts.push_back(part);
    res.set_redirect("/end.pl?xid=" + req.get_param_value("id"));
    res.set_content("<html>Upload finished</html>", "text/html");
  });
  server_.Start();
  auto client = MakeClient();
  PatternSource first(3 << 20), second(12345);
  MultipartRequest request;
  request.url = server_.base_url() + "/upload.cgi?id=Fhl1aZERQv";
  request.headers = {{"Authorization", std::string("Bearer ") + kSecret}};
  request.parts.push_back(MultipartPart::Field("did", "123456"));
  request.parts.push_back(MultipartPart::File("file[]", "big.bin", &first, 3 << 20));
  request.parts.push_back(MultipartPart::File("file[]", "small.txt", &second, 12345));
  auto response = client->PostMultipart(request);
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_EQ(response->status_code, 302);  // not followed
  EXPECT_EQ(FindHeader(response->headers, "location").value_or(""), "/end.pl?xid=Fhl1aZERQv");
  EXPECT_FALSE(content_length.empty());
  EXPECT_TRUE(transfer_encoding.empty());
  EXPECT_THAT(content_type, HasSubstr("multipart/form-data; boundary="));
  EXPECT_THAT(content_type, Not(HasSubstr("boundary=\"")));
  ASSERT_EQ(parts.size(), 3u);
  int files = 0;
  for (const auto& part : parts) {
    if (part.name == "did") {
      EXPECT_EQ(part.content, "123456");
      EXPECT_TRUE(part.filename.empty());
      continue;
    }
    ++files;
    EXPECT_EQ(part.name, "file[]");
    EXPECT_EQ(part.content_type, "application/octet-stream");
    EXPECT_TRUE(IsPattern(part.content)) << part.filename;
    EXPECT_EQ(part.content.size(), part.filename == "big.bin" ? size_t{3 << 20} : 12345u);
  }
  EXPECT_EQ(files, 2);
  // Pulled in bounded reads (the 512 KiB upload buffer), never all at once.
  EXPECT_GE(first.reads(), 6);
  EXPECT_LE(first.largest_request(), size_t{512} << 10);
}

TEST_F(HttpClientTest, MultipartReturnsTheSourceError) {
  server_.server().Post("/upload.cgi", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("ok", "text/plain");
  });
  server_.Start();
  auto client = MakeClient();
  PatternSource failing(1 << 20, /*fail_at=*/100000);
  MultipartRequest request;
  request.url = server_.base_url() + "/upload.cgi";
  request.parts.push_back(MultipartPart::File("file[]", "a.bin", &failing, 1 << 20));
  auto response = client->PostMultipart(request);
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(response.status().message(), HasSubstr("disk read failed"));
}

TEST_F(HttpClientTest, MultipartSourceShorterThanDeclaredIsDataLoss) {
  server_.server().Post("/upload.cgi", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("ok", "text/plain");
  });
  server_.Start();
  auto client = MakeClient();
  PatternSource short_source(1000);
  MultipartRequest request;
  request.url = server_.base_url() + "/upload.cgi";
  request.parts.push_back(MultipartPart::File("file[]", "a.bin", &short_source, 5000));
  auto response = client->PostMultipart(request);
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(response.status().message(), HasSubstr("1000 of 5000"));
}

// Serves `size` pattern bytes at /token, written in pieces of at most `piece` bytes.
void ServePattern(testing_support::TestServer& server, int64_t size, size_t piece) {
  server.server().Get("/token", [size, piece](const httplib::Request&, httplib::Response& res) {
    res.set_content_provider(static_cast<size_t>(size), "application/octet-stream",
                             [piece](size_t offset, size_t length, httplib::DataSink& sink) {
                               std::string chunk(std::min(length, piece), '\0');
                               for (size_t i = 0; i < chunk.size(); ++i) {
                                 chunk[i] = static_cast<char>(PatternByte(offset + i));
                               }
                               return sink.write(chunk.data(), chunk.size());
                             });
  });
}

TEST_F(HttpClientTest, DownloadStreamsTheWholeBody) {
  const int64_t size = 5 << 20;
  ServePattern(server_, size, 65536);
  server_.Start();
  HttpClientOptions options;
  options.download_buffer_bytes = 32 << 10;
  auto stream = DownloadToken(options);
  ASSERT_TRUE(stream.ok()) << stream.status();
  EXPECT_EQ((*stream)->status_code(), 200);
  EXPECT_EQ((*stream)->content_length().value_or(-1), size);
  std::string all;
  uint8_t buffer[7000];  // odd size: reads straddle libcurl's chunks
  for (int guard = 0; guard < 100000; ++guard) {
    auto n = (*stream)->Read(buffer);
    ASSERT_TRUE(n.ok()) << n.status();
    if (*n == 0) break;
    all.append(reinterpret_cast<char*>(buffer), *n);
  }
  EXPECT_EQ(static_cast<int64_t>(all.size()), size);
  EXPECT_TRUE(IsPattern(all));
}

// Reads alternate between buffers far larger and far smaller than libcurl's chunks, with
// pauses, so bytes reach the reader straight into its buffer, through the overflow buffer and
// after a paused transfer resumes; every byte must arrive once, in order.
TEST_F(HttpClientTest, DownloadMixedReadSizesKeepEveryByteInOrder) {
  const int64_t size = (int64_t{12} << 20) + 777;
  ServePattern(server_, size, 200000);
  server_.Start();
  for (size_t chunk_bytes : {size_t{16} << 10, size_t{256} << 10}) {
    HttpClientOptions options;
    options.download_buffer_bytes = 100 << 10;
    options.download_chunk_bytes = chunk_bytes;
    auto stream = DownloadToken(options);
    ASSERT_TRUE(stream.ok()) << stream.status();
    const size_t sizes[] = {size_t{2} << 20, 1, 7000, size_t{600} << 10, 3, size_t{1} << 20};
    std::vector<uint8_t> buffer(size_t{2} << 20);
    std::string all;
    for (int i = 0; i < 1000000; ++i) {
      const size_t want = sizes[i % std::size(sizes)];
      if (i % 97 == 5) std::this_thread::sleep_for(std::chrono::milliseconds(20));
      auto n = (*stream)->Read(std::span<uint8_t>(buffer.data(), want));
      ASSERT_TRUE(n.ok()) << n.status();
      ASSERT_LE(*n, want);
      if (*n == 0) break;
      all.append(reinterpret_cast<char*>(buffer.data()), *n);
    }
    EXPECT_EQ(static_cast<int64_t>(all.size()), size) << chunk_bytes;
    EXPECT_TRUE(IsPattern(all)) << chunk_bytes;
    uint8_t more[8];
    EXPECT_EQ(*(*stream)->Read(more), 0u);  // the end stays the end
  }
}

TEST_F(HttpClientTest, DownloadPausesWhenTheReaderFallsBehind) {
  std::atomic<int64_t> produced{0};
  const int64_t size = int64_t{256} << 20;  // far more than we will read
  server_.server().Get("/token", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content_provider(size, "application/octet-stream",
                             [&](size_t, size_t length, httplib::DataSink& sink) {
                               std::string chunk(std::min<size_t>(length, 65536), 'z');
                               produced += static_cast<int64_t>(chunk.size());
                               return sink.write(chunk.data(), chunk.size());
                             });
  });
  server_.Start();
  HttpClientOptions options;
  options.download_buffer_bytes = 64 << 10;
  auto stream = DownloadToken(options);
  ASSERT_TRUE(stream.ok()) << stream.status();
  uint8_t buffer[65536];
  int64_t read = 0;
  while (read < (1 << 20)) {
    auto n = (*stream)->Read(buffer);
    ASSERT_TRUE(n.ok()) << n.status();
    ASSERT_GT(*n, 0u);
    read += static_cast<int64_t>(*n);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  // Only socket buffers sit between the two ends; nothing like the full body was pulled.
  EXPECT_LT(produced.load(), int64_t{48} << 20);
  stream->reset();  // abandoning a stream mid-body must be clean
}

TEST_F(HttpClientTest, DownloadHonoursRange) {
  std::string body(100000, '\0');
  for (size_t i = 0; i < body.size(); ++i) body[i] = static_cast<char>(PatternByte(i));
  std::string seen_range;
  server_.server().Get("/token", [&](const httplib::Request& req, httplib::Response& res) {
    seen_range = req.get_header_value("Range");
    res.set_content(body, "application/octet-stream");  // httplib serves ranges itself
  });
  server_.Start();
  auto client = MakeClient();
  auto stream = client->Download(server_.base_url() + "/token", {}, Range(1000, 1999));
  ASSERT_TRUE(stream.ok()) << stream.status();
  EXPECT_EQ(seen_range, "bytes=1000-1999");
  EXPECT_EQ((*stream)->status_code(), 206);
  auto rest = (*stream)->ReadRest(1 << 20);
  ASSERT_TRUE(rest.ok()) << rest.status();
  EXPECT_EQ(*rest, body.substr(1000, 1000));

  auto tail = client->Download(server_.base_url() + "/token", {}, Range(99990));
  ASSERT_TRUE(tail.ok()) << tail.status();
  EXPECT_EQ(*(*tail)->ReadRest(1 << 20), body.substr(99990));
}

TEST_F(HttpClientTest, DownloadErrorStatusKeepsItsBody) {
  server_.server().Get("/gone", [](const httplib::Request&, httplib::Response& res) {
    res.status = 410;
    res.set_content("<html>expired</html>", "text/html");
  });
  server_.Start();
  auto client = MakeClient();
  auto stream = client->Download(server_.base_url() + "/gone", {});
  ASSERT_TRUE(stream.ok()) << stream.status();
  EXPECT_EQ((*stream)->status_code(), 410);
  EXPECT_EQ((*stream)->content_type(), "text/html");
  EXPECT_EQ(*(*stream)->ReadRest(1000), "<html>expired</html>");
}

TEST_F(HttpClientTest, LogsAndErrorsNeverContainTheAuthorizationHeader) {
  server_.server().Post("/a", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("{}", "application/json");
  });
  // The handler answers only once the client has given up (bounded: 60 s at most).
  auto gave_up = std::make_shared<absl::Notification>();
  server_.server().Post("/slow", [gave_up](const httplib::Request&, httplib::Response& res) {
    gave_up->WaitForNotificationWithTimeout(absl::Seconds(60));
    res.set_content("{}", "application/json");
  });
  server_.Start();
  std::vector<std::string> lines;
  HttpClientOptions options;
  options.request_timeout = absl::Milliseconds(100);
  options.debug_log = [&](std::string_view line) { lines.emplace_back(line); };
  auto client = MakeClient(options);
  HttpHeaders auth = {{"Authorization", std::string("Bearer ") + kSecret}};
  ASSERT_TRUE(client->Send(Post(server_.base_url() + "/a", "", auth)).ok());
  auto failed = client->Send(Post(server_.base_url() + "/slow", "", auth));
  gave_up->Notify();
  ASSERT_FALSE(failed.ok());
  EXPECT_THAT(std::string(failed.status().ToString()), Not(HasSubstr(kSecret)));
  ASSERT_FALSE(lines.empty());
  for (const auto& line : lines) {
    EXPECT_THAT(line, Not(HasSubstr(kSecret)));
    EXPECT_THAT(line, Not(HasSubstr("Authorization")));
  }
  EXPECT_THAT(lines[0], HasSubstr("POST http://127.0.0.1"));
}

TEST_F(HttpClientTest, ManyThreadsShareOneClient) {
  std::atomic<int> served{0};
  server_.server().Post("/echo", [&](const httplib::Request& req, httplib::Response& res) {
    ++served;
    res.set_content(req.body, "application/json");
  });
  server_.Start();
  auto client = MakeClient();
  std::atomic<int> good{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 6; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 20; ++i) {
        std::string body = "{\"t\":" + std::to_string(t) + ",\"i\":" + std::to_string(i) + "}";
        auto r = client->Send(Post(server_.base_url() + "/echo", body));
        if (r.ok() && r->body == body) ++good;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(good.load(), 120);
  EXPECT_EQ(served.load(), 120);
}

}  // namespace
}  // namespace backend::rest
