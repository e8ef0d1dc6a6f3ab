// Plain request/response values of the HTTP client.
#ifndef FICHIER_BACKEND_REST_HTTP_TYPES_H_
#define FICHIER_BACKEND_REST_HTTP_TYPES_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/time/time.h"
#include "backend/rest/byte_source.h"

namespace backend::rest {

// Header names are kept as received for requests and lower-cased for responses, so lookups in
// answers need no case folding.
using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

// First value of a response header (name given in lower case), or nullopt.
std::optional<std::string_view> FindHeader(const HttpHeaders& headers, std::string_view lower_name);

enum class HttpMethod { kGet, kPost };

struct HttpRequest {
  HttpMethod method = HttpMethod::kGet;
  std::string url;
  HttpHeaders headers;
  std::string body;  // sent as is (POST); empty body on POST = Content-Length: 0
  bool follow_redirects = false;
  // Overrides HttpClientOptions::request_timeout for this call when set.
  std::optional<absl::Duration> timeout;
};

struct HttpResponse {
  int status_code = 0;
  HttpHeaders headers;  // names lower-cased, of the final response only
  std::string body;

  std::string_view content_type() const;  // "" when absent
};

// Inclusive byte range, as in `Range: bytes=first-last`. `last` absent = to the end.
struct ByteRange {
  int64_t first = 0;
  std::optional<int64_t> last;
};

// One part of a multipart/form-data body. A text field has `value`; a file part has a
// `filename` and a `source` streamed while the request is sent.
struct MultipartPart {
  std::string name;
  std::string value;                 // text fields
  std::string filename;              // file parts (non-empty marks a file part)
  std::string content_type;          // file parts; default application/octet-stream
  ByteSource* source = nullptr;      // file parts; not owned, read once, front to back
  int64_t size = -1;                 // file parts; exact byte count (needed for Content-Length)

  static MultipartPart Field(std::string name, std::string value);
  static MultipartPart File(std::string name, std::string filename, ByteSource* source,
                            int64_t size);
};

struct MultipartRequest {
  std::string url;
  HttpHeaders headers;
  std::vector<MultipartPart> parts;
};

}  // namespace backend::rest

#endif  // FICHIER_BACKEND_REST_HTTP_TYPES_H_
