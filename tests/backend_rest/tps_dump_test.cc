// --tpslimit's token bucket on a fake clock, and --dump's redaction of secrets.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "backend/rest/http_dump.h"
#include "backend/rest/tps_limiter.h"
#include "base/clock.h"

namespace backend::rest {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(TpsLimiterTest, PacesTransactionsAfterTheBurst) {
  base::FakeClock clock;
  TpsLimiter limiter(/*rate=*/4, /*burst=*/2, &clock);
  const absl::Time start = clock.Now();
  for (int i = 0; i < 6; ++i) ASSERT_TRUE(limiter.Wait().ok());
  // Two at once, then one every 250 ms.
  EXPECT_EQ(clock.Now() - start, absl::Seconds(1));
  EXPECT_EQ(clock.sleeps(), 4);
}

TEST(TpsLimiterTest, QuietSpellRefillsUpToTheBurst) {
  base::FakeClock clock;
  TpsLimiter limiter(1, 3, &clock);
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(limiter.Wait().ok());
  EXPECT_EQ(clock.sleeps(), 0);
  clock.Advance(absl::Seconds(100));
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(limiter.Wait().ok());
  EXPECT_EQ(clock.sleeps(), 0);  // the bucket holds 3, not 100
  ASSERT_TRUE(limiter.Wait().ok());
  EXPECT_EQ(clock.sleeps(), 1);
}

TEST(TpsLimiterTest, SharedBucketIsOnePerSetting) {
  base::FakeClock clock;
  auto a = TpsLimiter::Shared(10, 1, &clock);
  auto b = TpsLimiter::Shared(10, 1, &clock);
  EXPECT_EQ(a.get(), b.get());
  EXPECT_NE(TpsLimiter::Shared(5, 1, &clock).get(), a.get());
}

TEST(HttpDumpTest, HeadersLoseTheirSecrets) {
  std::string out = RedactHeaders(
      "POST /v1/file/ls.cgi?apikey=SECRET&x=1 HTTP/1.1\r\nHost: h\r\n"
      "Authorization: Bearer SECRET\r\nX-Api-Key: SECRET\r\nCookie: s=SECRET\r\n\r\n");
  EXPECT_THAT(out, Not(HasSubstr("SECRET")));
  EXPECT_THAT(out, HasSubstr("Authorization: XXXX"));
  EXPECT_THAT(out, HasSubstr("?apikey=XXXX&x=1 HTTP/1.1"));
  EXPECT_THAT(out, HasSubstr("Host: h"));
}

TEST(HttpDumpTest, JsonBodiesLoseTheirSecrets) {
  std::string out = RedactBody(
      R"({"folder_id":3,"pass": "SEC\"RET","api_key":"SECRET","token":12345,"name":"ok"})");
  EXPECT_THAT(out, Not(HasSubstr("SEC")));
  EXPECT_THAT(out, Not(HasSubstr("12345")));
  EXPECT_THAT(out, HasSubstr(R"("folder_id":3)"));
  EXPECT_THAT(out, HasSubstr(R"("name":"ok")"));
  EXPECT_THAT(out, HasSubstr(R"("pass":"XXXX")"));
}

}  // namespace
}  // namespace backend::rest
