// Pieces shared by the buffered requests and the download stream. Internal to backend/rest.
#ifndef FICHIER_BACKEND_REST_CURL_UTIL_H_
#define FICHIER_BACKEND_REST_CURL_UTIL_H_

#include <curl/curl.h>

#include <string>
#include <string_view>

#include "backend/rest/http_client_options.h"
#include "backend/rest/http_types.h"
#include "base/cancel.h"

namespace backend::rest::internal {

// Owns a curl_slist.
class HeaderList {
 public:
  HeaderList() = default;
  ~HeaderList() { curl_slist_free_all(list_); }
  HeaderList(const HeaderList&) = delete;
  HeaderList& operator=(const HeaderList&) = delete;
  void Add(std::string_view line);
  void AddAll(const HttpHeaders& headers);
  curl_slist* get() const { return list_; }

 private:
  curl_slist* list_ = nullptr;
};

// Collects the headers of the final response: a status line resets what was gathered, so
// redirects and `100 Continue` leave nothing behind.
struct HeaderSink {
  HttpHeaders headers;
  int last_status = 0;
  bool complete = false;  // blank line after a final (non-1xx) status line
};
size_t HeaderCallback(char* data, size_t size, size_t count, void* sink);

// Options every transfer gets: TLS verification, timeouts, protocols, error buffer, and a
// progress callback that aborts the transfer (CURLE_ABORTED_BY_CALLBACK) once `cancel` is
// triggered; libcurl calls it at least once a second, even on a stalled connection. `cancel`
// must outlive the transfer.
void ApplyCommonOptions(CURL* easy, const HttpClientOptions& options, char* error_buffer,
                        const base::Cancel* cancel);

// The status of a failed transfer: the stop's reason when `cancel` was triggered (the failure
// is its consequence, and must not look like a retryable network error), else curl's error.
absl::Status FailedTransfer(int curl_code, std::string_view what, const char* error_buffer,
                            const base::Cancel& cancel);

// "POST https://host/path" with the query dropped: queries may carry tokens, and logs and
// error messages should not.
std::string Describe(std::string_view method, std::string_view url);

}  // namespace backend::rest::internal

#endif  // FICHIER_BACKEND_REST_CURL_UTIL_H_
