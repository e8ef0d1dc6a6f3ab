// A stop (base::Cancel) aborts libcurl transfers in flight: buffered calls, streamed uploads and
// downloads all end with the stop's reason (not a retryable network error) while the server
// stalls, well before any timeout could.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <thread>

#include "backend/rest/http_client.h"
#include "base/cancel.h"
#include "tests/backend_rest/test_server.h"

namespace backend::rest {
namespace {

// Held open by stalling handlers until the test ends (bounded, so no test can hang).
class Stall {
 public:
  ~Stall() { Release(); }
  void Release() { released_ = true; }
  // Blocks the handler until released (at most 60 s).
  void Hold() {
    arrived_ = true;
    for (int i = 0; i < 6000 && !released_; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }
  // Polls (bounded) until a handler is holding.
  bool WaitArrived() const {
    for (int i = 0; i < 3000 && !arrived_; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return arrived_;
  }

 private:
  std::atomic<bool> released_{false};
  std::atomic<bool> arrived_{false};
};

absl::Status Stopped() { return absl::CancelledError("stop requested by the test"); }

void ExpectStopped(const absl::Status& st) {
  EXPECT_TRUE(absl::IsCancelled(st)) << st;
  EXPECT_EQ(st.message(), "stop requested by the test");
}

// A server to register handlers on (then Start it), a client, the stop token its calls watch,
// and a Stall for handlers to hold.
class HttpCancelTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<std::unique_ptr<HttpClient>> made = HttpClient::Create({});
    ASSERT_TRUE(made.ok()) << made.status();
    client_ = *std::move(made);
  }
  // Handlers refer to stall_: release it, then wait for them (even after a failed assertion).
  void TearDown() override {
    stall_.Release();
    server_.Stop();
  }

  Stall stall_;
  testing_support::TestServer server_;
  std::unique_ptr<HttpClient> client_;
  std::shared_ptr<base::Cancel> token_ = std::make_shared<base::Cancel>();
};

TEST_F(HttpCancelTest, BufferedCallToAStalledServerEndsOnAStop) {
  server_.server().Post("/stall", [&](const httplib::Request&, httplib::Response& res) {
    stall_.Hold();
    res.set_content("{}", "application/json");
  });
  server_.Start();
  absl::Status got;
  std::thread caller([&] {
    base::ScopedCancel scoped(token_);
    HttpRequest request;
    request.method = HttpMethod::kPost;
    request.url = server_.base_url() + "/stall";
    got = client_->Send(request).status();
  });
  ASSERT_TRUE(stall_.WaitArrived());
  token_->Trigger(Stopped());
  caller.join();  // returns while the server still stalls (for up to a minute)
  ExpectStopped(got);
}

TEST_F(HttpCancelTest, DownloadStalledMidBodyEndsOnAStop) {
  server_.server().Get("/file", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content_provider(
        1 << 20, "application/octet-stream",
        [&](size_t offset, size_t, httplib::DataSink& sink) {
          if (offset > 0) {
            stall_.Hold();
            return false;
          }
          std::string first(4096, 'x');
          return sink.write(first.data(), first.size());
        });
  });
  server_.Start();
  base::ScopedCancel scoped(token_);
  auto stream = client_->Download(server_.base_url() + "/file", {}, std::nullopt);
  ASSERT_TRUE(stream.ok()) << stream.status();
  uint8_t buffer[4096];
  absl::StatusOr<size_t> n = (*stream)->Read(buffer);
  ASSERT_TRUE(n.ok()) << n.status();
  ASSERT_GT(*n, 0u);
  ASSERT_TRUE(stall_.WaitArrived());
  std::thread stopper([&] { token_->Trigger(Stopped()); });
  absl::Status got;
  for (int i = 0; i < 1000; ++i) {  // reads until the stop ends the stream (never 0: not done)
    absl::StatusOr<size_t> more = (*stream)->Read(buffer);
    if (!more.ok()) {
      got = more.status();
      break;
    }
  }
  stopper.join();
  ExpectStopped(got);
}

// Hands out a body and, after `stop_after` bytes, triggers the stop (as a signal would, from
// outside the transfer): libcurl aborts mid-body and the server never gets a whole request.
class StoppingSource : public ByteSource {
 public:
  StoppingSource(base::Cancel& token, int64_t stop_after) : token_(token), stop_after_(stop_after) {}
  absl::StatusOr<size_t> Read(std::span<uint8_t> out) override {
    if (sent_ >= stop_after_) token_.Trigger(Stopped());
    std::fill(out.begin(), out.end(), 'y');
    sent_ += static_cast<int64_t>(out.size());
    return out.size();
  }

 private:
  base::Cancel& token_;
  int64_t stop_after_;
  int64_t sent_ = 0;
};

TEST_F(HttpCancelTest, UploadCutMidBodyNeverReachesTheHandler) {
  std::atomic<int> handled{0};
  server_.server().Post("/upload.cgi", [&](const httplib::Request&, httplib::Response& res) {
    ++handled;  // httplib calls handlers only with a whole body
    res.set_content("ok", "text/plain");
  });
  server_.Start();
  base::ScopedCancel scoped(token_);
  constexpr int64_t kSize = 64 << 20;
  StoppingSource source(*token_, 1 << 20);
  MultipartRequest request;
  request.url = server_.base_url() + "/upload.cgi";
  request.parts.push_back(MultipartPart::File("file[]", "a.bin", &source, kSize));
  auto response = client_->PostMultipart(request);
  ExpectStopped(response.status());
  server_.Stop();  // every connection handled: a truncated body never reached the handler
  EXPECT_EQ(handled.load(), 0);
}

TEST_F(HttpCancelTest, NothingIsSentAfterAStop) {
  std::atomic<int> handled{0};
  server_.server().Get("/x", [&](const httplib::Request&, httplib::Response& res) {
    ++handled;
    res.set_content("{}", "application/json");
  });
  server_.Start();
  base::ScopedCancel scoped(token_);
  token_->Trigger(Stopped());
  HttpRequest request;
  request.url = server_.base_url() + "/x";
  ExpectStopped(client_->Send(request).status());
  ExpectStopped(client_->Download(request.url, {}, std::nullopt).status());
  server_.Stop();
  EXPECT_EQ(handled.load(), 0);
}

}  // namespace
}  // namespace backend::rest
