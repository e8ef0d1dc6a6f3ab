// Fault injection and flood protection, end to end: each fault kind as a client sees it.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <string>
#include <thread>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/emulator/emulator_test_util.h"
#include "tests/emulator/raw_http.h"

namespace emulator::testing {
namespace {

using ::testing::HasSubstr;

class FaultTest : public SharedEmulatorTest {
 protected:
  std::string Token(const std::string& url) {
    return Str(Json(client().Api("download/get_token.cgi", UrlBody(url)).body)["url"]);
  }

};

std::string BodyOf(const std::string& response) {
  const size_t end = response.find("\r\n\r\n");
  return end == std::string::npos ? "" : response.substr(end + 4);
}

TEST_F(FaultTest, ScriptedStatusThenNormal) {
  ASSERT_TRUE(emu_->AddFault("file/ls:status:503@2").ok());
  auto c = client();
  for (int i = 0; i < 2; ++i) {
    Reply r = c.Api("file/ls.cgi", "{}");
    EXPECT_EQ(r.status, 503);
    EXPECT_THAT(r.header("Content-Type"), HasSubstr("text/html"));  // a gateway page
  }
  EXPECT_EQ(c.Api("file/ls.cgi", "{}").status, 200);
  // Other endpoints were never affected.
  ASSERT_TRUE(emu_->AddFault("file/info:status:404").ok());
  EXPECT_EQ(c.Api("folder/ls.cgi", "{}").status, 200);
  Reply r = c.Api("file/info.cgi", "{}");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(Str(Json(r.body)["message"]), "Resource not found #469");
}

TEST_F(FaultTest, FloodInTheMiddleOfABatch) {
  auto c = client();
  const std::string url = c.UploadFile("a.txt", "abc");
  ASSERT_TRUE(emu_->AddFault("file/cp:flood@2+1").ok());
  std::vector<int> statuses;
  for (int i = 0; i < 4; ++i) {
    statuses.push_back(c.Api("file/cp.cgi", UrlsBody(url)).status);
  }
  EXPECT_THAT(statuses, ::testing::ElementsAre(200, 200, 403, 200));
  Reply flood = c.Api("file/cp.cgi", "{}");  // a fresh flood is only what we script
  EXPECT_NE(flood.status, 403);
  // 3 copies made, not 4.
  EXPECT_EQ(Int(Json(c.Api("file/ls.cgi", "{}").body)["count"]), 4);
}

TEST_F(FaultTest, EndPlHtmlOnceThenNoLinksThenJson) {
  auto c = client();
  const std::string id = c.UploadId();
  ASSERT_EQ(c.UploadParts(id, {{"a.txt", "abc"}}).status, 302);
  ASSERT_TRUE(emu_->AddFault("end.pl:html@1").ok());
  ASSERT_TRUE(emu_->AddFault("end.pl:nolinks@1").ok());
  Reply html = c.EndPl(id);
  EXPECT_EQ(html.status, 200);
  EXPECT_THAT(html.header("Content-Type"), HasSubstr("text/html"));
  EXPECT_FALSE(Json(html.body).ok());
  Reply empty = c.EndPl(id);
  Json e(empty.body);
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e["links"].get_array().value().size(), 0u);
  Json good(c.EndPl(id).body);
  EXPECT_EQ(good["links"].get_array().value().size(), 1u);
}

TEST_F(FaultTest, WrongChecksumAndSizeAtUploadEnd) {
  auto c = client();
  const std::string id = c.UploadId();
  ASSERT_EQ(c.UploadParts(id, {{"a.txt", "hello world\n"}}).status, 302);
  Json real(c.EndPl(id).body);
  ASSERT_TRUE(emu_->AddFault("end.pl:badsum").ok());
  ASSERT_TRUE(emu_->AddFault("end.pl:badsize").ok());
  Json bad(c.EndPl(id).body);
  Json bigger(c.EndPl(id).body);
  const std::string want = Str(real["links"].at(0)["whirlpool"].value());
  const std::string got = Str(bad["links"].at(0)["whirlpool"].value());
  EXPECT_EQ(got.size(), want.size());
  EXPECT_NE(got, want);
  EXPECT_EQ(Str(bigger["links"].at(0)["size"].value()), "13");
  // The stored file itself is intact.
  Json ls(c.Api("file/ls.cgi", "{}").body);
  EXPECT_EQ(Str(ls["items"].at(0)["checksum"].value()), want);
}

TEST_F(FaultTest, UploadResetMidBody) {
  auto c = client();
  const std::string id = c.UploadId();
  ASSERT_TRUE(emu_->AddFault("upload.cgi:reset:65536").ok());
  const std::string payload(1 << 20, 'z');
  const std::string body = "--XyZ\r\nContent-Disposition: form-data; name=\"file[]\"; "
                           "filename=\"big.bin\"\r\nContent-Type: application/octet-stream\r\n\r\n" +
                           payload + "\r\n--XyZ--\r\n";
  const std::string request = "POST /upload.cgi?id=" + id +
                              " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + kPremiumKey +
                              "\r\nContent-Type: multipart/form-data; boundary=XyZ\r\n"
                              "Content-Length: " +
                              std::to_string(body.size()) + "\r\n\r\n" + body;
  RawResult r = RawExchange(emu_->port(), request, 16384);
  EXPECT_TRUE(r.reset) << "received: " << r.received.substr(0, 200);
  EXPECT_EQ(r.received.find("302"), std::string::npos);
  // Nothing stored, and the id can be used again (a retry with the same id).
  EXPECT_EQ(Int(Json(c.Api("file/ls.cgi", "{}").body)["count"]), 0);
  RawResult retry = RawExchange(emu_->port(), request);
  EXPECT_THAT(retry.received, HasSubstr("302 Found"));
  EXPECT_EQ(Int(Json(c.Api("file/ls.cgi", "{}").body)["count"]), 1);
}

TEST_F(FaultTest, DownloadTruncatedAndReset) {
  auto c = client();
  const std::string content(200000, 'q');
  const std::string url = c.UploadFile("a.bin", content);
  const std::string token = Token(url);
  const std::string path = token.substr(token.find('/', 8));
  const std::string get = "GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n";

  ASSERT_TRUE(emu_->AddFault("download:truncate:1000").ok());
  RawResult t = RawExchange(emu_->port(), get);
  EXPECT_THAT(t.received, HasSubstr("Content-Length: 200000"));
  EXPECT_EQ(BodyOf(t.received).size(), 1000u);
  EXPECT_TRUE(t.closed);
  EXPECT_FALSE(t.reset);

  ASSERT_TRUE(emu_->AddFault("download:reset:5000").ok());
  RawResult r = RawExchange(emu_->port(), get);
  EXPECT_TRUE(r.reset);
  EXPECT_LE(BodyOf(r.received).size(), 5000u);

  RawResult ok = RawExchange(emu_->port(), "GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(BodyOf(ok.received).size(), content.size());
}

TEST_F(FaultTest, ApiAnswerTruncated) {
  ASSERT_TRUE(emu_->AddFault("folder/ls:truncate:10").ok());
  auto c = client();
  Reply r = c.Api("folder/ls.cgi", "{}");
  EXPECT_EQ(r.status, 0) << "a cut body must be a transport error, got " << r.body;
  EXPECT_EQ(c.Api("folder/ls.cgi", "{}").status, 200);
}

TEST_F(FaultTest, StallDelaysTheAnswer) {
  ASSERT_TRUE(emu_->AddFault("user/info:stall:300").ok());
  auto c = client();
  const auto start = std::chrono::steady_clock::now();
  Reply r = c.Api("user/info.cgi", "");
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::steady_clock::now() - start)
                      .count();
  EXPECT_EQ(r.status, 200);
  EXPECT_GE(ms, 290);
}

TEST_F(FaultTest, ListingLagHidesNewFile) {
  auto c = client();
  ASSERT_FALSE(c.UploadFile("new.txt", "n").empty());
  ASSERT_TRUE(emu_->AddFault("file/ls:lag:60000").ok());
  ASSERT_TRUE(emu_->AddFault("folder/ls:lag:60000").ok());
  EXPECT_EQ(Int(Json(c.Api("file/ls.cgi", "{}").body)["count"]), 0);
  Json folder(c.Api("folder/ls.cgi", R"({"files":1})").body);
  EXPECT_EQ(folder["items"].get_array().value().size(), 0u);
  EXPECT_EQ(Int(Json(c.Api("file/ls.cgi", "{}").body)["count"]), 1);
}

TEST_F(FaultTest, VisibilityDelayOption) {
  auto emu = StartOrDie({"--visibility-delay-ms", "2000"});
  ASSERT_NE(emu, nullptr);
  EmulatorClient c(*emu);
  ASSERT_FALSE(c.UploadFile("slow.txt", "s").empty());
  EXPECT_EQ(Int(Json(c.Api("file/ls.cgi", "{}").body)["count"]), 0);
  ASSERT_TRUE(emu->AdvanceClock(2.1).ok());  // the emulator's clock, not a sleep
  EXPECT_EQ(Int(Json(c.Api("file/ls.cgi", "{}").body)["count"]), 1);
}

TEST_F(FaultTest, ProbabilisticFaultsAreSeeded) {
  auto pattern = [](const std::string& seed) {
    auto emu = StartOrDie({"--fault", "*:status:500@40%", "--seed", seed});
    std::string out;
    if (emu == nullptr) return out;
    EmulatorClient c(*emu);
    for (int i = 0; i < 50; ++i) out.push_back(c.Api("folder/ls.cgi", "{}").status == 500 ? 'x' : '.');
    return out;
  };
  const std::string a = pattern("7");
  ASSERT_EQ(a.size(), 50u);
  const auto failures = std::count(a.begin(), a.end(), 'x');
  EXPECT_GT(failures, 5);
  EXPECT_LT(failures, 45);
  EXPECT_EQ(pattern("7"), a);
}

TEST_F(FaultTest, BadFaultSpecIsRefused) {
  EXPECT_FALSE(emu_->AddFault("file/ls:explode").ok());
  auto started = EmulatorProcess::Start({"--fault", "nope"});
  EXPECT_FALSE(started.ok());
}

TEST_F(FaultTest, FloodProtectionLocksThenRecovers) {
  auto emu = StartOrDie({"--rate-limit", "1/s", "--burst", "5", "--lock-seconds", "1"});
  ASSERT_NE(emu, nullptr);
  EmulatorClient c(*emu);
  int ok = 0;
  Reply first_flood;
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < 20; ++i) {
    Reply r = c.Api("folder/ls.cgi", "{}");
    if (r.status == 200) {
      ++ok;
    } else if (first_flood.status == 0) {
      first_flood = r;
    }
  }
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  // The burst, plus at most what refilled (1/s) before the lock hit.
  EXPECT_GE(ok, 5);
  EXPECT_LE(ok, 5 + static_cast<int>(elapsed) + 1);
  EXPECT_EQ(first_flood.status, 403);
  EXPECT_EQ(Str(Json(first_flood.body)["message"]), "Flood detected: IP Locked #374");
  // Upload nodes and download hosts are not limited.
  EXPECT_EQ(c.Get("/end.pl?xid=AAAAAAAAAA").status, 404);
  ASSERT_TRUE(emu->AdvanceClock(1.3).ok());  // past the lock on the emulator's clock
  EXPECT_EQ(c.Api("folder/ls.cgi", "{}").status, 200);
}

TEST_F(FaultTest, FolderListingLimitAtRunTime) {
  ASSERT_TRUE(emu_->SetRate(R"({"folder_list_interval":30,"flood_code":412})").ok());
  auto c = client();
  EXPECT_EQ(c.Api("file/ls.cgi", R"({"folder_id":0})").status, 200);
  Reply again = c.Api("file/ls.cgi", R"({"folder_id":0})");
  EXPECT_EQ(again.status, 403);
  EXPECT_EQ(Str(Json(again.body)["message"]), "Flood detected: IP Locked #412");
  ASSERT_TRUE(emu_->SetRate(R"({"folder_list_interval":0,"flood_code":374})").ok());
  EXPECT_EQ(c.Api("file/ls.cgi", R"({"folder_id":0})").status, 200);
}

}  // namespace
}  // namespace emulator::testing
