// The API stub over HTTP: builds each request, sends it once through the shared HttpClient,
// checks the answer's Content-Type, parses it once and maps it to a status. No retries, no
// sleeping, no caching; every request sent is counted.
#ifndef FICHIER_BACKEND_FICHIER_REST_API_H_
#define FICHIER_BACKEND_FICHIER_REST_API_H_

#include <memory>
#include <string>

#include "backend/fichier/api.h"
#include "backend/fichier/api_error.h"
#include "backend/fichier/api_json.h"
#include "backend/fichier/call_counter.h"
#include "backend/rest/http_client.h"

namespace backend::fichier {

struct RestApiOptions {
  // The hidden `api_url` option; tests point it at the emulator.
  std::string api_url = "https://api.1fichier.com/v1";
  // Sent only as `Authorization: Bearer`, never logged or put in a message.
  std::string api_key;
  // Upload nodes come back as bare host[:port]; this scheme is put in front.
  std::string node_scheme = "https";
  // Public shared folders: <shared_folder_url><id>?json=1
  std::string shared_folder_url = "https://1fichier.com/dir/";
  // Bytes of an error page read to classify it.
  size_t max_error_body = 64 << 10;
};

class RestApi : public Api {
 public:
  RestApi(std::shared_ptr<rest::HttpClient> client, RestApiOptions options,
          std::shared_ptr<CallCounter> counter = nullptr);

  const CallCounter& counter() const { return *counter_; }
  std::shared_ptr<CallCounter> shared_counter() const { return counter_; }

  FICHIER_API_OVERRIDES

 private:
  template <typename T>
  using Parser = absl::Status (*)(std::string_view, Envelope&, T&);

  // POST <api_url>/<endpoint> with a JSON body.
  template <typename T>
  absl::StatusOr<T> PostJson(Endpoint endpoint, const absl::StatusOr<std::string>& body,
                             Parser<T> parse);
  // Turns an answer into T or the status StatusFromAnswer gives.
  template <typename T>
  absl::StatusOr<T> Interpret(Endpoint endpoint, const rest::HttpResponse& response,
                              Parser<T> parse);
  rest::HttpHeaders AuthHeaders(bool json) const;
  absl::StatusOr<std::string> NodeUrl(const std::string& node, std::string_view path) const;

  std::shared_ptr<rest::HttpClient> client_;
  RestApiOptions options_;
  std::shared_ptr<CallCounter> counter_;
};

// Content-Type (and, where it is missing or vague, the first byte) decides whether an answer
// is JSON; a page is reported as such instead of as a parse error.
AnswerFormat DetectAnswerFormat(std::string_view content_type, std::string_view body);

}  // namespace backend::fichier

#endif  // FICHIER_BACKEND_FICHIER_REST_API_H_
