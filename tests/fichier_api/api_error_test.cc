#include "backend/fichier/api_error.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace backend::fichier {
namespace {

using ::testing::HasSubstr;

absl::Status Ko(int http, std::string_view message) {
  Answer a;
  a.endpoint = "file/ls.cgi";
  a.http_status = http;
  a.has_status = true;
  a.status = "KO";
  a.message = message;
  return StatusFromAnswer(a);
}

TEST(ApiErrorTest, SuccessNeeds2xxJsonAndOkOrNoStatus) {
  Answer a;
  a.endpoint = "end.pl";
  a.http_status = 200;
  EXPECT_TRUE(StatusFromAnswer(a).ok());  // no status key (end.pl, get_upload_server)
  a.has_status = true;
  a.status = "OK";
  EXPECT_TRUE(StatusFromAnswer(a).ok());
  a.status = "KO";
  EXPECT_FALSE(StatusFromAnswer(a).ok());
  a.status = "OK";
  a.http_status = 500;
  EXPECT_EQ(StatusFromAnswer(a).code(), absl::StatusCode::kUnavailable);
}

TEST(ApiErrorTest, FloodCodesAreRateLimits) {
  for (auto message : {"Flood detected: IP Locked #374", "Flood detected: IP Locked #38",
                       "Flood detected #412", "Flood detected: User Locked #223",
                       "Flood detected: User APK Locked", "#412", "Something #223"}) {
    absl::Status s = Ko(403, message);
    EXPECT_EQ(s.code(), absl::StatusCode::kResourceExhausted) << message;
  }
  EXPECT_EQ(FichierErrorCode(Ko(403, "Flood detected: IP Locked #374")).value_or(0), 374);
}

TEST(ApiErrorTest, CredentialAndAccountProblemsArePermanent) {
  absl::Status bad_key = Ko(401, "Not authenticated #247");
  EXPECT_EQ(bad_key.code(), absl::StatusCode::kUnauthenticated);
  EXPECT_THAT(bad_key.message(), HasSubstr("api_key"));
  EXPECT_EQ(Ko(403, "No such user #93").code(), absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(Ko(200, "#93").code(), absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(Ko(403, "Error #186").code(), absl::StatusCode::kPermissionDenied);
  for (auto message : {"Must be a customer (Premium, Access) #200",
                       "Must be a customer (Premium, Access) #236"}) {
    absl::Status s = Ko(403, message);
    EXPECT_EQ(s.code(), absl::StatusCode::kPermissionDenied) << message;
    EXPECT_THAT(s.message(), HasSubstr("Premium or Access"));
  }
  EXPECT_EQ(Ko(403, "Resource not allowed #631").code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(Ko(403, "Invalid password. Resource not allowed #631").code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(Ko(403, "Owner locked #620").code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(Ko(403, "Only 1 location allowed at a time #887").code(),
            absl::StatusCode::kPermissionDenied);
}

// One KO answer (HTTP status, message) and the status code it maps to.
struct KoCase {
  int http;
  const char* message;
  absl::StatusCode code;
};

class KoCodeTest : public ::testing::TestWithParam<KoCase> {};

TEST_P(KoCodeTest, MapsToTheStatusCode) {
  EXPECT_EQ(Ko(GetParam().http, GetParam().message).code(), GetParam().code);
}

// Not found, exists, not empty and bad input by their messages; then unknown messages, which
// fall back on the HTTP status.
INSTANTIATE_TEST_SUITE_P(
    Messages, KoCodeTest,
    ::testing::Values(KoCase{404, "Resource not found #469", absl::StatusCode::kNotFound},
                      KoCase{403, "Folder already exists #999", absl::StatusCode::kAlreadyExists},
                      KoCase{403, "Folder not empty #998", absl::StatusCode::kFailedPrecondition},
                      KoCase{400, "Bad request #1", absl::StatusCode::kInvalidArgument},
                      KoCase{403, "No file has been renamed #312",
                             absl::StatusCode::kInvalidArgument},
                      KoCase{401, "whatever", absl::StatusCode::kUnauthenticated},
                      KoCase{403, "whatever", absl::StatusCode::kPermissionDenied},
                      KoCase{410, "whatever", absl::StatusCode::kNotFound},
                      KoCase{429, "whatever", absl::StatusCode::kResourceExhausted},
                      KoCase{502, "whatever", absl::StatusCode::kUnavailable},
                      KoCase{200, "whatever", absl::StatusCode::kUnknown}));

TEST(ApiErrorTest, UnknownMessageIsQuotedWithItsEndpointAndStatus) {
  absl::Status s = Ko(403, "whatever #777");
  EXPECT_THAT(s.message(), HasSubstr("file/ls.cgi"));
  EXPECT_THAT(s.message(), HasSubstr("\"whatever #777\""));
  EXPECT_THAT(s.message(), HasSubstr("HTTP 403"));
  EXPECT_EQ(FichierErrorCode(s).value_or(0), 777);
}

TEST(ApiErrorTest, HtmlAnswersAreTheirOwnKind) {
  Answer a;
  a.endpoint = "end.pl";
  a.format = AnswerFormat::kHtml;
  a.http_status = 200;
  absl::Status s = StatusFromAnswer(a);
  EXPECT_EQ(s.code(), absl::StatusCode::kUnavailable);  // end.pl glitch: poll again
  EXPECT_TRUE(IsHtmlAnswer(s));
  EXPECT_THAT(s.message(), HasSubstr("HTML"));
  a.http_status = 404;
  EXPECT_EQ(StatusFromAnswer(a).code(), absl::StatusCode::kNotFound);
  a.http_status = 403;
  EXPECT_EQ(StatusFromAnswer(a).code(), absl::StatusCode::kPermissionDenied);
  a.http_status = 503;
  EXPECT_EQ(StatusFromAnswer(a).code(), absl::StatusCode::kUnavailable);
  a.format = AnswerFormat::kMalformed;
  a.http_status = 200;
  absl::Status m = StatusFromAnswer(a);
  EXPECT_EQ(m.code(), absl::StatusCode::kUnavailable);
  EXPECT_FALSE(IsHtmlAnswer(m));
}

TEST(ApiErrorTest, ParsesTheLastCode) {
  EXPECT_EQ(ParseErrorCode("Flood detected: IP Locked #374").value_or(0), 374);
  EXPECT_EQ(ParseErrorCode("a #1 b #22").value_or(0), 22);
  EXPECT_EQ(ParseErrorCode("trailing # and #5 then #").value_or(0), 5);
  EXPECT_FALSE(ParseErrorCode("no code").has_value());
  EXPECT_FALSE(ParseErrorCode("#").has_value());
}

}  // namespace
}  // namespace backend::fichier
