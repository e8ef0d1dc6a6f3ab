#include "backend/rest/curl_util.h"

#include <cstdlib>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "base/string_views.h"
#include "backend/rest/transport_error.h"

namespace backend::rest::internal {

void HeaderList::Add(std::string_view line) {
  curl_slist* next = curl_slist_append(list_, std::string(line).c_str());
  if (next == nullptr) std::abort();
  list_ = next;
}

void HeaderList::AddAll(const HttpHeaders& headers) {
  for (const auto& [name, value] : headers) {
    // "Name;" is libcurl's way to send a header with an empty value.
    Add(value.empty() ? absl::StrCat(name, ";") : absl::StrCat(name, ": ", value));
  }
}

size_t HeaderCallback(char* data, size_t size, size_t count, void* sink_ptr) {
  auto* sink = static_cast<HeaderSink*>(sink_ptr);
  const size_t n = size * count;
  absl::string_view line = absl::StripTrailingAsciiWhitespace(absl::string_view(data, n));
  if (absl::StartsWith(line, "HTTP/")) {
    sink->headers.clear();
    sink->complete = false;
    sink->last_status = 0;
    const size_t space = line.find(' ');
    if (space != std::string_view::npos) {
      int code = 0;
      if (absl::SimpleAtoi(line.substr(space + 1, 3), &code)) sink->last_status = code;
    }
    return n;
  }
  if (line.empty()) {
    if (sink->last_status >= 200) sink->complete = true;
    return n;
  }
  const size_t colon = line.find(':');
  if (colon == std::string_view::npos) return n;  // folded or malformed line: ignore
  std::string name = absl::AsciiStrToLower(line.substr(0, colon));
  std::string value(absl::StripAsciiWhitespace(line.substr(colon + 1)));
  sink->headers.emplace_back(std::move(name), std::move(value));
  return n;
}

namespace {

int AbortWhenCancelled(void* cancel, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  return static_cast<const base::Cancel*>(cancel)->triggered() ? 1 : 0;
}

}  // namespace

void ApplyCommonOptions(CURL* easy, const HttpClientOptions& options, char* error_buffer,
                        const base::Cancel* cancel) {
  error_buffer[0] = '\0';
  curl_easy_setopt(easy, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(easy, CURLOPT_XFERINFOFUNCTION, &AbortWhenCancelled);
  curl_easy_setopt(easy, CURLOPT_XFERINFODATA, const_cast<base::Cancel*>(cancel));
  curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, error_buffer);
  curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(easy, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, options.verify_tls ? 1L : 0L);
  curl_easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, options.verify_tls ? 2L : 0L);
  if (!options.ca_file.empty()) curl_easy_setopt(easy, CURLOPT_CAINFO, options.ca_file.c_str());
  curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(absl::ToInt64Milliseconds(options.connect_timeout)));
  curl_easy_setopt(easy, CURLOPT_USERAGENT, options.user_agent.c_str());
  if (options.disable_http2) curl_easy_setopt(easy, CURLOPT_HTTP_VERSION, CURL_HTTP_VERSION_1_1);
  if (!options.bind_address.empty()) {
    // "host!": an address or a name to bind to, never taken for an interface name.
    const std::string interface = absl::StrCat("host!", options.bind_address);
    curl_easy_setopt(easy, CURLOPT_INTERFACE, interface.c_str());  // libcurl copies it
  }
  curl_easy_setopt(easy, CURLOPT_TCP_KEEPALIVE, 1L);
  // Never verbose on stderr: libcurl's own output would print the Authorization header; --dump
  // goes through a redacting callback instead (ApplyDump).
  curl_easy_setopt(easy, CURLOPT_VERBOSE, 0L);
}

absl::Status FailedTransfer(int curl_code, std::string_view what, const char* error_buffer,
                            const base::Cancel& cancel) {
  if (cancel.triggered()) return cancel.status();
  return TransportStatus(curl_code, what, error_buffer);
}

std::string Describe(std::string_view method, std::string_view url) {
  const size_t cut = url.find_first_of("?#");
  return absl::StrCat(base::ToAbsl(method), " ", base::ToAbsl(url.substr(0, cut)));
}

}  // namespace backend::rest::internal
