// Unit tests of the emulator's pieces that need no server: fault specs, JSON in and out, the
// flood limiter.
#include <cmath>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/time/clock.h"
#include "base/clock.h"
#include "emulator/admin_values.h"
#include "emulator/fault_injector.h"
#include "emulator/multipart_parser.h"
#include "emulator/rate_limiter.h"
#include "emulator/request_json.h"
#include "gtest/gtest.h"

namespace emulator {
namespace {

TEST(FaultSpecTest, ParsesEveryForm) {
  auto r = ParseFaultSpec("file/ls:status:503@2");
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->endpoint, "/v1/file/ls.cgi");
  EXPECT_EQ(r->action.kind, FaultKind::kStatus);
  EXPECT_EQ(r->action.arg, 503);
  EXPECT_FALSE(r->probabilistic);
  EXPECT_EQ(r->remaining, 2);

  r = ParseFaultSpec("end.pl:html");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->endpoint, "/end.pl");
  EXPECT_EQ(r->remaining, 1);

  r = ParseFaultSpec("/upload.cgi:reset:262144@3+1");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->endpoint, "/upload.cgi");
  EXPECT_EQ(r->action.arg, 262144);
  EXPECT_EQ(r->skip, 3);
  EXPECT_EQ(r->remaining, 1);

  r = ParseFaultSpec("download:truncate:10@12.5%");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->probabilistic);
  EXPECT_DOUBLE_EQ(r->percent, 12.5);

  r = ParseFaultSpec("/v1/folder/ls.cgi:lag");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->action.arg, 5000);
}

TEST(FaultSpecTest, RejectsBadSpecs) {
  for (const char* bad : {"", "file/ls", "file/ls:explode", "file/ls:status", "file/ls:status:99",
                          "file/ls:html:3", "file/ls:stall:x", "file/ls:flood@0",
                          "file/ls:flood@101%", "file/ls:flood@-1+2", "file/ls:status:500:1",
                          "file/ls:flood@nan%", "file/ls:flood@inf%"}) {
    EXPECT_FALSE(ParseFaultSpec(bad).ok()) << bad;
  }
}

TEST(FaultInjectorTest, ScriptedRulesQueueAndSkip) {
  FaultInjector f(1);
  f.Add(*ParseFaultSpec("end.pl:html@1"));
  f.Add(*ParseFaultSpec("end.pl:nolinks@1"));
  f.Add(*ParseFaultSpec("file/ls:flood@2+1"));
  EXPECT_EQ(f.Next("/end.pl")->kind, FaultKind::kHtml);
  EXPECT_EQ(f.Next("/end.pl")->kind, FaultKind::kNoLinks);
  EXPECT_FALSE(f.Next("/end.pl").has_value());
  EXPECT_FALSE(f.Next("/v1/file/ls.cgi").has_value());
  EXPECT_FALSE(f.Next("/v1/file/ls.cgi").has_value());
  EXPECT_EQ(f.Next("/v1/file/ls.cgi")->kind, FaultKind::kFlood);
  EXPECT_FALSE(f.Next("/v1/file/ls.cgi").has_value());
  EXPECT_TRUE(f.Describe().empty());
}

TEST(FaultInjectorTest, ProbabilisticIsSeededAndRoughlyRight) {
  auto run = [](uint64_t seed) {
    FaultInjector f(seed);
    f.Add(*ParseFaultSpec("*:status:500@25%"));
    int hits = 0;
    std::string pattern;
    for (int i = 0; i < 4000; ++i) {
      const bool hit = f.Next("/v1/file/ls.cgi").has_value();
      hits += hit;
      if (i < 64) pattern.push_back(hit ? '1' : '0');
    }
    return std::make_pair(hits, pattern);
  };
  auto [hits, pattern] = run(42);
  EXPECT_GT(hits, 800);
  EXPECT_LT(hits, 1200);
  EXPECT_EQ(run(42).second, pattern);
  EXPECT_NE(run(43).second, pattern);
}

TEST(RequestJsonTest, ToleranceRules) {
  auto j = RequestJson::Parse(R"({"a":"12","b":3,"c":null,"d":"x","e":[1],"f":["u","v"]})");
  ASSERT_TRUE(j.ok());
  EXPECT_EQ(**j->root().Int("a"), 12);
  EXPECT_EQ(**j->root().Int("b"), 3);
  EXPECT_FALSE(j->root().Int("c")->has_value());
  EXPECT_FALSE(j->root().Int("missing")->has_value());
  EXPECT_FALSE(j->root().Int("d").ok());
  EXPECT_FALSE(j->root().Int("e").ok());
  EXPECT_FALSE(j->root().StringArray("e").ok());
  EXPECT_EQ((*j->root().StringArray("f"))->size(), 2u);
  EXPECT_FALSE(j->root().String("b").ok());
  EXPECT_TRUE(RequestJson::Parse("").ok());
  EXPECT_TRUE(RequestJson::Parse("  \n").ok());
  EXPECT_FALSE(RequestJson::Parse("[]").ok());
  EXPECT_FALSE(RequestJson::Parse("{").ok());
  EXPECT_FALSE(RequestJson::Parse("{\"a\":\"\xff\"}").ok());
  // Out of int64 range: an error, never an undefined conversion.
  auto big = RequestJson::Parse(R"({"a":1e308,"b":-1e19,"c":9.3e18,"d":-9223372036854775808.0})");
  ASSERT_TRUE(big.ok());
  EXPECT_FALSE(big->root().Int("a").ok());
  EXPECT_FALSE(big->root().Int("b").ok());
  EXPECT_FALSE(big->root().Int("c").ok());
  EXPECT_EQ(**big->root().Int("d"), INT64_MIN);
}

TEST(AdminValuesTest, ByteRatesAndRanges) {
  EXPECT_EQ(*ParseByteRate("20M"), 20.0 * 1024 * 1024);
  EXPECT_EQ(*ParseByteRate("512k/s"), 512.0 * 1024);
  EXPECT_EQ(*ParseByteRate("1.5G"), 1.5 * 1024 * 1024 * 1024);
  EXPECT_EQ(*ParseByteRate("100"), 100.0);
  EXPECT_EQ(*ParseByteRate("0"), 0.0);
  for (const char* bad : {"", "M", "-1M", "20X", "nan", "inf", "1e300", "2T2"}) {
    EXPECT_FALSE(ParseByteRate(bad).ok()) << bad;
  }
  RateOptions r;
  EXPECT_TRUE(CheckRateOptions(r).ok());
  for (auto change : std::vector<std::function<void(RateOptions&)>>{
           [](RateOptions& o) { o.calls_per_second = -1; },
           [](RateOptions& o) { o.burst = std::nan(""); },
           [](RateOptions& o) { o.lock_seconds = 1e308; },
           [](RateOptions& o) { o.folder_list_interval = -0.5; },
           [](RateOptions& o) { o.flood_code = 375; }}) {
    RateOptions bad;
    change(bad);
    EXPECT_FALSE(CheckRateOptions(bad).ok());
  }
  EXPECT_EQ(CheckRange("advance_seconds", 1e308, 0, kMaxAdvanceSeconds).message(),
            "advance_seconds must be a number from 0 to 315360000, got 1e+308");
}

constexpr char kLs[] = "/v1/file/ls.cgi";

RateOptions Budget(double calls_per_second, double burst) {
  RateOptions o;
  o.calls_per_second = calls_per_second;
  o.burst = burst;
  o.lock_seconds = 60;
  return o;
}

TEST(RateLimiterTest, BurstThenLock) {
  base::FakeClock clock;
  RateLimiter r(Budget(1, 3), &clock);
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(r.Admit("1.2.3.4", "k", kLs).ok());
  auto s = r.Admit("1.2.3.4", "k", kLs);
  EXPECT_EQ(s.message(), "Flood detected: IP Locked #374");
  // Locked: the key is refused even from another IP.
  EXPECT_FALSE(r.Admit("5.6.7.8", "k", kLs).ok());
  EXPECT_TRUE(r.Admit("5.6.7.8", "other", kLs).ok());
  r.Reset();
  EXPECT_TRUE(r.Admit("1.2.3.4", "k", kLs).ok());
}

TEST(RateLimiterTest, TokensRefillAndTheLockEnds) {
  base::FakeClock clock;
  RateLimiter r(Budget(2, 2), &clock);
  EXPECT_TRUE(r.Admit("ip", "k", kLs).ok());
  EXPECT_TRUE(r.Admit("ip", "k", kLs).ok());
  clock.Advance(absl::Milliseconds(500));  // one token back at 2/s
  EXPECT_TRUE(r.Admit("ip", "k", kLs).ok());
  EXPECT_FALSE(r.Admit("ip", "k", kLs).ok()) << "over budget: locked";
  clock.Advance(absl::Seconds(59));
  EXPECT_FALSE(r.Admit("ip", "k", kLs).ok()) << "still locked, although tokens are back";
  clock.Advance(absl::Seconds(1));
  EXPECT_TRUE(r.Admit("ip", "k", kLs).ok());
  EXPECT_EQ(clock.sleeps(), 0);
}

TEST(RateLimiterTest, FolderListingInterval) {
  base::FakeClock clock;
  RateOptions o;
  o.folder_list_interval = 30;
  RateLimiter r(o, &clock);
  EXPECT_TRUE(r.AdmitListing("k", kLs, 5).ok());
  EXPECT_TRUE(r.AdmitListing("k", kLs, 6).ok());
  EXPECT_TRUE(r.AdmitListing("k", "/v1/folder/ls.cgi", 5).ok());
  EXPECT_FALSE(r.AdmitListing("k", kLs, 5).ok());
  clock.Advance(absl::Seconds(29));
  EXPECT_FALSE(r.AdmitListing("k", kLs, 5).ok());
  clock.Advance(absl::Seconds(1));
  EXPECT_TRUE(r.AdmitListing("k", kLs, 5).ok()) << "30 s after the last listing";
}

struct ParsedPart {
  PartHeader header;
  std::string data;
};

// Feeds `body` in pieces of `step` bytes, so delimiters straddle chunk edges.
std::vector<ParsedPart> ParseInSteps(const std::string& body, size_t step, bool* ok, bool* done) {
  std::vector<ParsedPart> parts;
  MultipartParser p(
      "XyZ",
      [&](const PartHeader& h) {
        parts.push_back({h, ""});
        return true;
      },
      [&](const char* d, size_t n) {
        parts.back().data.append(d, n);
        return true;
      });
  *ok = true;
  for (size_t i = 0; i < body.size() && *ok; i += step) {
    *ok = p.Feed(body.data() + i, std::min(step, body.size() - i));
  }
  *done = p.done();
  return parts;
}

TEST(MultipartParserTest, PartsSurviveAnyChunking) {
  // Prefixes of the delimiter inside the data must not end the part.
  const std::string file = "line1\r\n--Xy not quite\r\n-XyZ\r\n--X\r\n\r\nend";
  const std::string body =
      "preamble\r\n--XyZ\r\nContent-Disposition: form-data; name=\"did\"\r\n\r\n42\r\n"
      "--XyZ\r\nContent-Disposition: form-data; name=\"file[]\"; filename=\"a \\\"q\\\".txt\"\r\n"
      "Content-Type: application/octet-stream\r\n\r\n" +
      file + "\r\n--XyZ--\r\nepilogue";
  for (size_t step : {1u, 2u, 3u, 7u, 64u, 100000u}) {
    bool ok = false, done = false;
    auto parts = ParseInSteps(body, step, &ok, &done);
    ASSERT_TRUE(ok) << step;
    EXPECT_TRUE(done) << step;
    ASSERT_EQ(parts.size(), 2u) << step;
    EXPECT_EQ(parts[0].header.name, "did");
    EXPECT_FALSE(parts[0].header.has_filename);
    EXPECT_EQ(parts[0].data, "42");
    EXPECT_EQ(parts[1].header.name, "file[]");
    EXPECT_EQ(parts[1].header.filename, "a \"q\".txt");
    EXPECT_EQ(parts[1].header.content_type, "application/octet-stream");
    EXPECT_EQ(parts[1].data, file) << step;
  }
}

TEST(MultipartParserTest, TruncatedAndMalformedBodies) {
  bool ok = false, done = false;
  ParseInSteps("--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nabc", 4, &ok, &done);
  EXPECT_TRUE(ok);
  EXPECT_FALSE(done);  // no closing delimiter: the caller must refuse the upload
  ParseInSteps("--XyZ\r\n\r\nabc\r\n--XyZ--", 100, &ok, &done);
  EXPECT_FALSE(ok);  // a part without Content-Disposition
  EXPECT_EQ(MultipartParser::BoundaryOf("multipart/form-data; boundary=\"a b\"").value_or(""), "a b");
  EXPECT_EQ(MultipartParser::BoundaryOf("multipart/form-data; boundary=abc").value_or(""), "abc");
  EXPECT_FALSE(MultipartParser::BoundaryOf("application/json").has_value());
  EXPECT_FALSE(MultipartParser::BoundaryOf("multipart/form-data").has_value());
}

}  // namespace
}  // namespace emulator
