#include "backend/rest/transport_error.h"

#include <curl/curl.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace backend::rest {
namespace {

using ::testing::HasSubstr;

TEST(TransportErrorTest, ConnectFailuresAreRetryableAndNotSent) {
  for (CURLcode code : {CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_SSL_CONNECT_ERROR}) {
    absl::Status s = TransportStatus(code, "POST https://api.example/v1/x", "");
    EXPECT_EQ(s.code(), absl::StatusCode::kUnavailable) << code;
    EXPECT_TRUE(WasNotSent(s)) << code;
  }
}

TEST(TransportErrorTest, MidRequestFailuresAreRetryableButMaybeSent) {
  for (CURLcode code : {CURLE_OPERATION_TIMEDOUT, CURLE_SEND_ERROR, CURLE_RECV_ERROR,
                        CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE}) {
    absl::Status s = TransportStatus(code, "POST https://up/upload.cgi", "reset by peer");
    EXPECT_EQ(s.code(), absl::StatusCode::kUnavailable) << code;
    EXPECT_FALSE(WasNotSent(s)) << code;
    EXPECT_THAT(s.message(), HasSubstr("POST https://up/upload.cgi"));
    EXPECT_THAT(s.message(), HasSubstr("reset by peer"));
  }
}

TEST(TransportErrorTest, CertificateAndInputProblemsAreNotRetryable) {
  EXPECT_EQ(TransportStatus(CURLE_PEER_FAILED_VERIFICATION, "GET x", "").code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(TransportStatus(CURLE_URL_MALFORMAT, "GET x", "").code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(TransportStatus(CURLE_OUT_OF_MEMORY, "GET x", "").code(),
            absl::StatusCode::kInternal);
}

TEST(TransportErrorTest, RetryableHttpStatuses) {
  for (int code : {408, 425, 429, 500, 502, 503, 504, 509}) EXPECT_TRUE(IsRetryableHttpStatus(code));
  for (int code : {200, 302, 400, 401, 403, 404, 410, 501}) EXPECT_FALSE(IsRetryableHttpStatus(code));
}

}  // namespace
}  // namespace backend::rest
