#include "backend/rest/http_dump.h"

#include <cctype>
#include <optional>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "base/string_views.h"

namespace backend::rest {
namespace {

// Names whose values are secrets, in headers, JSON fields and query parameters.
bool SecretName(std::string_view name) {
  std::string lower = absl::AsciiStrToLower(base::ToAbsl(name));
  return absl::StrContains(lower, "authorization") || absl::StrContains(lower, "key") ||
         absl::StrContains(lower, "pass") || absl::StrContains(lower, "token") ||
         absl::StrContains(lower, "secret") || absl::StrContains(lower, "cookie");
}

// "name<sep>value" as "name<glue>XXXX" when the name is a secret's; nullopt otherwise.
std::optional<std::string> RedactedPair(absl::string_view item, char sep, std::string_view glue) {
  size_t at = item.find(sep);
  if (at == absl::string_view::npos || !SecretName(base::ToStd(item.substr(0, at)))) {
    return std::nullopt;
  }
  return absl::StrCat(item.substr(0, at), base::ToAbsl(glue), "XXXX");
}

// Query values of secret parameters in a request line ("GET /x?apikey=1 HTTP/1.1").
std::string RedactQuery(std::string_view line) {
  size_t q = line.find('?');
  if (q == std::string_view::npos) return std::string(line);
  std::string out(line.substr(0, q + 1));
  size_t end = line.find(' ', q);
  std::string_view query = line.substr(q + 1, end == std::string_view::npos ? end : end - q - 1);
  std::vector<std::string> parts;
  for (absl::string_view kv : absl::StrSplit(base::ToAbsl(query), '&')) {
    parts.push_back(RedactedPair(kv, '=', "=").value_or(std::string(kv)));
  }
  absl::StrAppend(&out, absl::StrJoin(parts, "&"));
  if (end != std::string_view::npos) absl::StrAppend(&out, base::ToAbsl(line.substr(end)));
  return out;
}

using internal::DumpState;

void DumpBody(const DumpOptions& d, std::string_view title, const char* data, size_t size,
              size_t& dumped) {
  if (dumped >= kDumpBodyLimit) return;
  size_t take = std::min(size, kDumpBodyLimit - dumped);
  dumped += take;
  std::string text = RedactBody(std::string_view(data, take));
  if (take < size) absl::StrAppend(&text, "\n... (body cut after ", kDumpBodyLimit, " bytes)");
  d.sink(absl::StrCat(base::ToAbsl(title), "\n", text));
}

int DebugCallback(CURL*, curl_infotype type, char* data, size_t size, void* user) {
  auto* ex = static_cast<DumpState*>(user);
  const DumpOptions& d = *ex->dump;
  const bool req = d.requests || d.headers || d.bodies;
  const bool resp = d.responses || d.headers || d.bodies;
  const bool headers = d.headers || d.requests || d.responses;
  const bool bodies = d.bodies || d.requests || d.responses;
  switch (type) {
    case CURLINFO_HEADER_OUT:
      if (req && headers) {
        d.sink(absl::StrCat(">>>>>> HTTP REQUEST\n", RedactHeaders(std::string_view(data, size))));
      }
      break;
    case CURLINFO_HEADER_IN:
      if (resp && headers) {
        d.sink(absl::StrCat("<<<<<< HTTP RESPONSE ", RedactHeaders(std::string_view(data, size))));
      }
      break;
    case CURLINFO_DATA_OUT:
      if (req && bodies) DumpBody(d, ">>>>>> HTTP REQUEST BODY", data, size, ex->body_out);
      break;
    case CURLINFO_DATA_IN:
      if (resp && bodies) DumpBody(d, "<<<<<< HTTP RESPONSE BODY", data, size, ex->body_in);
      break;
    default:
      break;
  }
  return 0;
}

}  // namespace

std::string RedactHeaders(std::string_view text) {
  std::vector<std::string> lines;
  for (absl::string_view line : absl::StrSplit(base::ToAbsl(text), "\r\n")) {
    std::optional<std::string> secret = RedactedPair(line, ':', ": ");
    lines.push_back(secret ? *std::move(secret) : RedactQuery(base::ToStd(line)));
  }
  return absl::StrJoin(lines, "\n");
}

std::string RedactBody(std::string_view text) {
  // JSON "name": "value" pairs whose name is secret keep their name only.
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    size_t q = text.find('"', i);
    if (q == std::string_view::npos) break;
    size_t q2 = text.find('"', q + 1);
    if (q2 == std::string_view::npos) break;
    std::string_view name = text.substr(q + 1, q2 - q - 1);
    size_t colon = q2 + 1;
    while (colon < text.size() && std::isspace(static_cast<unsigned char>(text[colon]))) ++colon;
    out.append(text.substr(i, q2 + 1 - i));
    i = q2 + 1;
    if (colon < text.size() && text[colon] == ':' && SecretName(name)) {
      size_t v = colon + 1;
      while (v < text.size() && std::isspace(static_cast<unsigned char>(text[v]))) ++v;
      size_t vend = v;
      if (v < text.size() && text[v] == '"') {
        vend = v + 1;
        while (vend < text.size() && text[vend] != '"') vend += text[vend] == '\\' ? 2 : 1;
        vend = std::min(vend + 1, text.size());
      } else {
        while (vend < text.size() && text[vend] != ',' && text[vend] != '}') ++vend;
      }
      out.append(":\"XXXX\"");
      i = vend;
    }
  }
  if (i < text.size()) out.append(text.substr(i));
  return out;
}

namespace internal {

void ApplyDump(CURL* easy, DumpState& state) {
  if (state.dump == nullptr || !state.dump->enabled()) return;
  curl_easy_setopt(easy, CURLOPT_DEBUGFUNCTION, &DebugCallback);
  curl_easy_setopt(easy, CURLOPT_DEBUGDATA, &state);
  curl_easy_setopt(easy, CURLOPT_VERBOSE, 1L);
}

}  // namespace internal
}  // namespace backend::rest
