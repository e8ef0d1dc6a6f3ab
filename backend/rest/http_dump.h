// --dump headers,bodies,requests,responses for the libcurl client: each exchange's headers
// and/or bodies handed to a log sink, with secrets redacted (Authorization and other key or
// token headers, key/password/token fields of JSON bodies and query strings). Bodies are cut
// after kDumpBodyLimit bytes per exchange so an upload does not copy a file into the log.
#ifndef FICHIER_BACKEND_REST_HTTP_DUMP_H_
#define FICHIER_BACKEND_REST_HTTP_DUMP_H_

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include <curl/curl.h>

namespace backend::rest {

struct DumpOptions {
  bool headers = false;
  bool bodies = false;
  bool requests = false;   // request headers and body only
  bool responses = false;  // response headers and body only
  std::function<void(std::string_view)> sink;
  bool enabled() const { return sink && (headers || bodies || requests || responses); }
};

inline constexpr size_t kDumpBodyLimit = 16 << 10;

// Redacts one header line ("Authorization: Bearer x" -> "Authorization: XXXX") or a body.
std::string RedactHeaders(std::string_view text);
std::string RedactBody(std::string_view text);

namespace internal {
// One exchange's dump: what it asks for and how much body was shown. Lives as long as the
// transfer, next to its error buffer.
struct DumpState {
  const DumpOptions* dump = nullptr;
  size_t body_out = 0;
  size_t body_in = 0;
};
// Turns on libcurl's debug callback for `easy` when the dump asks for anything.
void ApplyDump(CURL* easy, DumpState& state);
}  // namespace internal

}  // namespace backend::rest

#endif  // FICHIER_BACKEND_REST_HTTP_DUMP_H_
