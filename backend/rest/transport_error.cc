#include "backend/rest/transport_error.h"

#include <curl/curl.h>

#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"
#include "base/string_views.h"

namespace backend::rest {
namespace {

constexpr absl::string_view kNotSentPayload = "backend.rest/not-sent";

enum class Kind { kRetryableNotSent, kRetryable, kCertificate, kBadInput, kOther };

Kind Classify(CURLcode code) {
  switch (code) {
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
    case CURLE_SSL_CONNECT_ERROR:
      return Kind::kRetryableNotSent;
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
    case CURLE_HTTP3:
    case CURLE_QUIC_CONNECT_ERROR:
    case CURLE_SEND_FAIL_REWIND:
    case CURLE_SSL_SHUTDOWN_FAILED:
      return Kind::kRetryable;
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_SSL_CRL_BADFILE:
      return Kind::kCertificate;
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
    case CURLE_BAD_FUNCTION_ARGUMENT:
    case CURLE_UNKNOWN_OPTION:
      return Kind::kBadInput;
    default:
      return Kind::kOther;
  }
}

}  // namespace

absl::Status OversizedAnswer(std::string_view what, size_t max_bytes) {
  return absl::OutOfRangeError(absl::StrCat(base::ToAbsl(what), ": bad answer: larger than ", max_bytes,
                                            " bytes"));
}

absl::Status TransportStatus(int curl_code, std::string_view what, std::string_view detail) {
  const auto code = static_cast<CURLcode>(curl_code);
  std::string message = absl::StrCat(base::ToAbsl(what), ": ", curl_easy_strerror(code));
  if (!detail.empty()) absl::StrAppend(&message, " (", base::ToAbsl(detail), ")");
  absl::StrAppend(&message, " [curl ", curl_code, "]");
  switch (Classify(code)) {
    case Kind::kRetryableNotSent: {
      absl::Status status = absl::UnavailableError(message);
      MarkNotSent(status);
      return status;
    }
    case Kind::kRetryable:
      return absl::UnavailableError(message);
    case Kind::kCertificate:
      return absl::FailedPreconditionError(absl::StrCat("TLS verification failed: ", message));
    case Kind::kBadInput:
      return absl::InvalidArgumentError(message);
    case Kind::kOther:
      break;
  }
  return absl::InternalError(message);
}

bool WasNotSent(const absl::Status& status) {
  return status.GetPayload(kNotSentPayload).has_value();
}

void MarkNotSent(absl::Status& status) {
  if (!status.ok()) status.SetPayload(kNotSentPayload, absl::Cord("1"));
}

bool IsRetryableHttpStatus(int http_status) {
  switch (http_status) {
    case 408:
    case 425:
    case 429:
    case 500:
    case 502:
    case 503:
    case 504:
    case 509:
      return true;
    default:
      return false;
  }
}

}  // namespace backend::rest
