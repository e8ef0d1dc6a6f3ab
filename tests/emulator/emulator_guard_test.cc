// The emulator as a robust test server (issue 17, point 8): slow clients are cut by the head
// deadline without starving others, malformed requests are answered at once, short bodies are
// never acted upon, admin values are range-checked, and --per-connection-rate paces transfers
// on the emulator's clock. No test waits on the wall clock: deadlines are jumped with
// /_emulator/clock, and every read is bounded by a generous socket timeout (the failure mode).
#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/emulator/emulator_test_util.h"
#include "tests/emulator/raw_http.h"

namespace emulator::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

// GET/POST on the admin path with the test token.
Reply Admin(const EmulatorProcess& emu, const std::string& method, const std::string& path,
            const std::string& body = "") {
  httplib::Client c(emu.base_url());
  c.set_read_timeout(60);
  httplib::Headers h{{"X-Admin-Token", kAdminToken}};
  return EmulatorClient::Convert(method == "GET" ? c.Get(path, h)
                                                : c.Post(path, h, body, "application/json"));
}

// The guard's figures; with `heads`/`pacing`, once that many connections are reading a head /
// held by their rate (the emulator waits for it, up to 30 s).
Json Connections(EmulatorProcess& emu, int heads = 0, int pacing = 0) {
  auto figures = emu.Connections("reading_head=" + std::to_string(heads) +
                                 "&pacing=" + std::to_string(pacing));
  EXPECT_TRUE(figures.ok()) << figures.status();
  return Json(figures.ok() ? *figures : "");
}

std::string MultipartBody(const std::string& name, const std::string& content) {
  return "--XyZ\r\nContent-Disposition: form-data; name=\"file[]\"; filename=\"" + name +
         "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + content + "\r\n--XyZ--\r\n";
}

std::string UploadHead(const std::string& id, size_t content_length) {
  return "POST /upload.cgi?id=" + id + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
         kPremiumKey + "\r\nContent-Type: multipart/form-data; boundary=XyZ\r\nContent-Length: " +
         std::to_string(content_length) + "\r\n\r\n";
}

TEST(GuardTest, SeventySlowClientsDoNotStarveANormalRequest) {
  // A head deadline no run can reach by itself: the slow clients stay until the clock jumps.
  auto emu = StartOrDie({"--header-timeout", "3600", "--quiet"});
  ASSERT_NE(emu, nullptr);
  constexpr int kSlow = 70;
  std::vector<std::unique_ptr<RawConnection>> slow;
  for (int i = 0; i < kSlow; ++i) {
    slow.push_back(std::make_unique<RawConnection>(emu->port(), /*timeout_seconds=*/60));
    ASSERT_TRUE(slow.back()->connected());
    ASSERT_TRUE(slow.back()->Send("POST /v1/user/info.cgi HTTP/1.1\r\nHost: x\r\nAuthor"));
  }
  EXPECT_GE(Int(Connections(*emu, kSlow)["reading_head"]), kSlow);

  // A normal request is answered while all 70 still hold half-sent requests (the client's own
  // 20 s timeout is the failure mode).
  Reply info = EmulatorClient(*emu).Api("user/info.cgi", "{}");
  EXPECT_EQ(info.status, 200) << info.error;
  Json held = Connections(*emu);
  EXPECT_GE(Int(held["reading_head"]), kSlow);
  EXPECT_EQ(Int(held["header_timeouts"]), 0);

  // Past their deadline, each slow client gets a 408 and a close.
  ASSERT_TRUE(emu->AdvanceClock(3601).ok());
  for (auto& c : slow) {
    RawResult r = c->ReadToEnd();
    EXPECT_THAT(r.received, StartsWith("HTTP/1.1 408 Request Timeout\r\n"));
    EXPECT_TRUE(r.closed || r.reset);
  }
  Json after = Connections(*emu);
  EXPECT_EQ(Int(after["header_timeouts"]), kSlow);
  EXPECT_EQ(Int(after["reading_head"]), 0);
  EXPECT_EQ(EmulatorClient(*emu).Api("user/info.cgi", "{}").status, 200);
}

TEST(GuardTest, AClientThatSendsNothingIsCutAtTheHeadDeadline) {
  auto emu = StartOrDie({"--header-timeout", "3600", "--quiet"});
  ASSERT_NE(emu, nullptr);
  RawConnection silent(emu->port(), 60);
  ASSERT_TRUE(silent.connected());
  EXPECT_GE(Int(Connections(*emu, 1)["reading_head"]), 1);
  ASSERT_TRUE(emu->AdvanceClock(3601).ok());
  EXPECT_THAT(silent.ReadToEnd().received, StartsWith("HTTP/1.1 408 "));
}

class GuardedEmulatorTest : public SharedEmulatorTest {};

TEST_F(GuardedEmulatorTest, MalformedRequestsAreAnsweredAtOnce) {
  const std::string id = client().UploadId();
  struct Case {
    const char* what;
    std::string request;
    int status;
  };
  const std::string auth = std::string("Authorization: Bearer ") + kPremiumKey + "\r\n";
  const std::vector<Case> cases = {
      {"bad request line", "GARBAGE\r\nHost: x\r\n\r\n", 400},
      {"unknown method", "FOO / HTTP/1.1\r\nHost: x\r\n\r\n", 400},
      {"upload without Content-Length", "POST /upload.cgi?id=" + id + " HTTP/1.1\r\nHost: x\r\n\r\n",
       411},
      {"PUT without Content-Length", "PUT /v1/x HTTP/1.1\r\nHost: x\r\n\r\n", 411},
      {"negative Content-Length",
       "POST /v1/user/info.cgi HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n", 400},
      {"Content-Length not a number",
       "POST /v1/user/info.cgi HTTP/1.1\r\nHost: x\r\nContent-Length: 2a\r\n\r\n{}", 400},
      {"two Content-Lengths",
       "POST /v1/user/info.cgi HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3"
       "\r\n\r\n{}",
       400},
      {"Content-Length and chunked",
       "POST /v1/user/info.cgi HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n"
       "Transfer-Encoding: chunked\r\n\r\n{}",
       400},
      {"unknown Transfer-Encoding",
       "POST /v1/user/info.cgi HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n", 400},
      {"API body over 16 MiB",
       "POST /v1/user/info.cgi HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999\r\n\r\n", 413},
      {"DELETE body over 16 MiB", "DELETE /v1/x HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999\r\n\r\n",
       413},
      {"upload over --max-request-size", UploadHead(id, 999999999999999), 413},
      {"header line over 8 KiB",
       "GET / HTTP/1.1\r\nHost: x\r\nX-Long: " + std::string(20000, 'a') + "\r\n\r\n", 431},
      {"headers over 64 KiB", "GET / HTTP/1.1\r\nHost: x\r\n" + [] {
         std::string h;
         for (int i = 0; i < 20000; ++i) h += "X-A: b\r\n";
         return h;
       }() + "\r\n", 431},
      {"bad chunk size",
       "POST /v1/folder/mkdir.cgi HTTP/1.1\r\nHost: x\r\n" + auth +
           "Transfer-Encoding: chunked\r\n\r\nzz\r\n{\"name\":\"chunky\"}\r\n0\r\n\r\n",
       400},
      // No length and no encoding: no body (RFC 9112 §6.3), answered at once.
      {"API call without a body", "POST /v1/user/info.cgi HTTP/1.1\r\nHost: x\r\n" + auth + "\r\n",
       200},
  };
  for (const Case& c : cases) {
    // The connection stays open (no half-close): an answer that waited for more bytes would
    // come only with the 30 s receive timeout, and the test would see nothing.
    RawConnection conn(emu_->port(), 30);
    ASSERT_TRUE(conn.connected());
    conn.Send(c.request);
    RawResult r = conn.ReadToEnd();
    EXPECT_EQ(StatusOf(r.received), c.status) << c.what << ": " << r.received.substr(0, 120);
    EXPECT_TRUE(r.closed || r.reset) << c.what << ": the connection stays open";
  }
  Json tree(client().Api("folder/ls.cgi", "{\"folder_id\":0}").body);
  EXPECT_THAT(client().Api("folder/ls.cgi", "{\"folder_id\":0}").body,
              ::testing::Not(HasSubstr("chunky")));
}

TEST_F(GuardedEmulatorTest, ShortBodiesAreRefusedAndNeverActedUpon) {
  auto c = client();
  const std::string auth = std::string("Authorization: Bearer ") + kPremiumKey + "\r\n";
  // An API call whose body stops before its Content-Length.
  const std::string mkdir = "{\"name\":\"short\",\"folder_id\":0}";
  RawResult api = RawExchange(
      emu_->port(),
      "POST /v1/folder/mkdir.cgi HTTP/1.1\r\nHost: x\r\n" + auth +
          "Content-Type: application/json\r\nContent-Length: " + std::to_string(mkdir.size() + 50) +
          "\r\n\r\n" + mkdir,
      1 << 16, /*finish=*/true);
  EXPECT_EQ(StatusOf(api.received), 400) << api.received;
  EXPECT_THAT(c.Api("folder/ls.cgi", "{\"folder_id\":0}").body, ::testing::Not(HasSubstr("short")));

  // Uploads cut short, below and above the size read from the socket directly (1 MiB).
  for (size_t size : {size_t{1000}, size_t{3} << 20}) {
    const std::string id = c.UploadId();
    const std::string body = MultipartBody("short.bin", std::string(size, 's'));
    RawResult up = RawExchange(emu_->port(), UploadHead(id, body.size()) + body.substr(0, body.size() / 2),
                               1 << 16, /*finish=*/true);
    EXPECT_EQ(StatusOf(up.received), 400) << size << ": " << up.received.substr(0, 200);
    EXPECT_EQ(c.EndPl(id).status, 404) << "an upload cut short was finished";
  }
  EXPECT_EQ(Int(Json(c.Api("file/ls.cgi", "{}").body)["count"]), 0);
}

TEST_F(GuardedEmulatorTest, AdminValuesAreRangeChecked) {
  const std::string before = Admin(*emu_, "GET", "/_emulator/rate").body;
  for (const char* bad :
       {R"({"rate":-1})", R"({"rate":1e308})", R"({"burst":"3"})", R"({"lock_seconds":-5})",
        R"({"folder_list_interval":1e300})", R"({"flood_code":375})", R"({"flood_code":374.5})",
        R"({"per_connection_rate":-1})", R"({"per_connection_rate":1e13})", R"({"rates":1})",
        R"({"rate":NaN})", "not json", "[1]"}) {
    Reply r = Admin(*emu_, "POST", "/_emulator/rate", bad);
    EXPECT_EQ(r.status, 400) << bad;
    EXPECT_THAT(r.body, HasSubstr("\"KO\"")) << bad;
  }
  EXPECT_EQ(Admin(*emu_, "GET", "/_emulator/rate").body, before) << "a refused value was applied";
  Reply rate = Admin(*emu_, "POST", "/_emulator/rate", R"({"rate":-1})");
  EXPECT_THAT(rate.body, HasSubstr("rate must be a number from 0 to"));

  for (const char* bad : {R"({"advance_seconds":1e308})", R"({"advance_seconds":-1})",
                          R"({"advance_seconds":"60"})", R"({})", "x"}) {
    Reply r = Admin(*emu_, "POST", "/_emulator/clock", bad);
    EXPECT_EQ(r.status, 400) << bad;
  }
  EXPECT_THAT(Admin(*emu_, "POST", "/_emulator/clock", R"({"advance_seconds":1e308})").body,
              HasSubstr("advance_seconds must be a number from 0 to"));
  // The clock was not moved: uploads still work (1e308 s used to expire every upload id).
  EXPECT_FALSE(client().UploadFile("after.txt", "still here").empty());
}

TEST(GuardTest, PerConnectionRateIsPacedOnTheEmulatorClock) {
  auto emu = StartOrDie({"--per-connection-rate", "20M", "--quiet"});
  ASSERT_NE(emu, nullptr);
  EXPECT_THAT(Admin(*emu, "GET", "/_emulator/rate").body,
              HasSubstr("\"per_connection_rate\":20971520"));
  EmulatorClient c(*emu);
  const std::string content(64 << 10, 'r');
  const std::string url = c.UploadFile("paced.bin", content);
  ASSERT_FALSE(url.empty());
  const std::string token = Str(Json(c.Api("download/get_token.cgi", UrlBody(url)).body)["url"]);

  const std::string id = c.UploadId();

  // 1000 bytes/s: the 64 KiB would take more than a minute of the emulator's clock. (Only the
  // transfers run from here: an API answer paced too would count as "pacing" below.)
  ASSERT_EQ(Admin(*emu, "POST", "/_emulator/rate", R"({"per_connection_rate":1000})").status, 200);

  // An upload is read at the rate: the server waits before it reads on, so once the answer
  // is back no wait of that connection is left to count below.
  std::atomic<int> upload_status{0};
  std::thread upload([&] { upload_status = c.UploadParts(id, {{"up.bin", content}}).status; });
  EXPECT_GE(Int(Connections(*emu, 0, 1)["pacing"]), 1);
  ASSERT_TRUE(emu->AdvanceClock(100).ok());
  upload.join();
  EXPECT_EQ(upload_status.load(), 302);

  // A download is sent at the rate.
  std::atomic<size_t> received{0};
  std::string downloaded;
  std::thread download([&] {
    httplib::Client dl(emu->base_url());
    dl.set_read_timeout(120);
    auto r = dl.Get(token.substr(token.find('/', 8)), [&](const char* data, size_t n) {
      downloaded.append(data, n);
      received += n;
      return true;
    });
    EXPECT_TRUE(r && r->status == 200);
  });
  Json held = Connections(*emu, 0, 1);
  EXPECT_GE(Int(held["pacing"]), 1);
  EXPECT_LT(received.load(), content.size()) << "the whole file went out unpaced";
  // Moving the clock past the schedule lets the rest go.
  ASSERT_TRUE(emu->AdvanceClock(100).ok());
  download.join();
  EXPECT_EQ(downloaded, content);
  EXPECT_GE(Int(Connections(*emu)["paced_bytes"]), 2 * static_cast<int64_t>(content.size()));
}

}  // namespace
}  // namespace emulator::testing
