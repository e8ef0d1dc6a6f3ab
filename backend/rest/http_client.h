// The libcurl client shared by HTTP backends. One instance per remote: every call made through
// it shares DNS answers, TLS sessions and open connections. Safe to use from many threads.
#ifndef FICHIER_BACKEND_REST_HTTP_CLIENT_H_
#define FICHIER_BACKEND_REST_HTTP_CLIENT_H_

#include <memory>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "backend/rest/download_stream.h"
#include "backend/rest/http_client_options.h"
#include "backend/rest/http_types.h"
#include "backend/rest/tps_limiter.h"

namespace backend::rest {

namespace internal {
class CurlContext;
}

class HttpClient {
 public:
  // Fails with InvalidArgument when options.ca_file is set but unreadable, so a typo in a
  // config shows up at once rather than as a TLS error on the first call.
  static absl::StatusOr<std::unique_ptr<HttpClient>> Create(HttpClientOptions options);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // A buffered exchange. Any HTTP status is a successful result; errors are transport
  // failures (see transport_error.h) and answers over max_response_bytes.
  absl::StatusOr<HttpResponse> Send(const HttpRequest& request) const;

  // POST multipart/form-data, pulling each file part from its source while sending; nothing
  // holds a whole file. Sizes must be exact so Content-Length is known up front. Redirects are
  // not followed (an upload node answers 302 to its report page). A failing source aborts the
  // request with the source's status.
  absl::StatusOr<HttpResponse> PostMultipart(const MultipartRequest& request) const;

  // GET with an optional Range; returns once the final headers are in. The caller reads the
  // body from the stream at its own pace. Redirects are followed.
  absl::StatusOr<std::unique_ptr<DownloadStream>> Download(
      const std::string& url, const HttpHeaders& headers,
      std::optional<ByteRange> range = std::nullopt) const;

  const HttpClientOptions& options() const { return options_; }

 private:
  explicit HttpClient(HttpClientOptions options);
  void Log(std::string_view what, int status, size_t bytes, absl::Time start) const;

  HttpClientOptions options_;
  std::shared_ptr<internal::CurlContext> context_;
  std::shared_ptr<TpsLimiter> tps_;  // --tpslimit, null when off
};

}  // namespace backend::rest

#endif  // FICHIER_BACKEND_REST_HTTP_CLIENT_H_
