// Checks every request gets before a handler sees it, and the answers to requests httplib
// refused itself: a body must be framed so that it can be read to its end (one decimal
// Content-Length, or chunked, never both), fit the endpoint's limit, and be announced where
// one is required (upload.cgi, PUT, PATCH). A refused request is answered at once and its
// connection closed, since its body (if any) was never read.
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "emulator/connection_stream.h"
#include "emulator/server_internal.h"

namespace emulator {
namespace {

// The decimal Content-Length, or nullopt for anything else ("-1", "1e3", "0x10", " ", 20
// digits...).
std::optional<uint64_t> ContentLength(const std::string& text) {
  if (text.empty() || text.size() > 19) return std::nullopt;
  for (char c : text) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return std::nullopt;
  }
  uint64_t n = 0;
  if (!absl::SimpleAtoi(text, &n)) return std::nullopt;
  return n;
}

bool IsHttpMethod(const std::string& m) {
  for (const char* known :
       {"GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH", "PRI"}) {
    if (m == known) return true;
  }
  return false;
}

}  // namespace

void RefuseAndClose(httplib::Response& res, int status, absl::string_view title,
                    absl::string_view text) {
  NoteForLog(text);
  SetHtml(res, status, title, text);
  res.set_header("Connection", "close");
  if (ConnectionStream* c = CurrentConnection()) c->CloseAfterAnswer();
}

bool RefuseBadRequest(Server::Impl& s, const httplib::Request& req, httplib::Response& res) {
  if (ConnectionStream* c = CurrentConnection()) {
    c->EndHead();
    c->SetPaced(!absl::StartsWith(req.path, "/_emulator/"));
  }
  const bool has_length = req.has_header("Content-Length");
  const bool has_encoding = req.has_header("Transfer-Encoding");
  if (req.get_header_value_count("Content-Length") > 1 ||
      req.get_header_value_count("Transfer-Encoding") > 1) {
    RefuseAndClose(res, 400, "Bad Request", "Repeated Content-Length or Transfer-Encoding");
    return true;
  }
  if (has_encoding) {
    const std::string encoding = req.get_header_value("Transfer-Encoding");
    if (!absl::EqualsIgnoreCase(absl::StripAsciiWhitespace(encoding), "chunked")) {
      RefuseAndClose(res, 400, "Bad Request", "Only the chunked Transfer-Encoding is understood");
      return true;
    }
    if (has_length) {
      RefuseAndClose(res, 400, "Bad Request", "Both Content-Length and Transfer-Encoding");
      return true;
    }
  }
  std::optional<uint64_t> length;
  if (has_length) {
    length = ContentLength(req.get_header_value("Content-Length"));
    if (!length) {
      RefuseAndClose(res, 400, "Bad Request", "Content-Length is not a decimal byte count");
      return true;
    }
  }
  // A request with neither header has no body (RFC 9112 §6.3): an API call answers it as an
  // empty one (ReadBody), but an upload must announce its size.
  const bool needs_body =
      (req.method == "POST" && req.path == "/upload.cgi") || req.method == "PUT" ||
      req.method == "PATCH";
  if (needs_body && !has_length && !has_encoding) {
    RefuseAndClose(res, 411, "Length Required", "Content-Length required");
    return true;
  }
  const uint64_t limit = req.path == "/upload.cgi" ? s.options.max_request_size : kMaxApiBody;
  if (length && *length > limit) {
    RefuseAndClose(res, 413, "Request too large", "The request body is too large.");
    return true;
  }
  return false;
}

void ExplainRefusedHead(const httplib::Request& req, httplib::Response& res) {
  const ConnectionStream* c = CurrentConnection();
  // httplib answers 400 both to a bad request line and to a header line over its 8 KiB limit;
  // with a well-formed request line, it was the headers.
  if (c == nullptr || c->routed() || res.status != 400 || !IsHttpMethod(req.method) ||
      (req.version != "HTTP/1.1" && req.version != "HTTP/1.0")) {
    return;
  }
  res.status = 431;
  res.set_content("431 Request Header Fields Too Large\n", "text/plain");
}

}  // namespace emulator
