// libFuzzer target for what comes back in HTTP headers: the header-line parser fed to libcurl
// (status lines, folded and malformed lines), FindHeader, and the end.pl Location whose `xid`
// query value becomes the next request's upload id (it must pass IsAlnum before use, so a
// value with '/', '?', CR/LF can never reach a URL). Input: header lines separated by '\n'.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "backend/fichier/url_parts.h"
#include "backend/rest/curl_util.h"
#include "backend/rest/http_types.h"
#include "tests/fuzz/fuzz_require.h"

using fuzz_support::Require;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace backend;  // NOLINT: a fuzz target
  std::string text(reinterpret_cast<const char*>(data), size);
  rest::internal::HeaderSink sink;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(pos, end - pos) + "\r\n";
    Require(rest::internal::HeaderCallback(line.data(), 1, line.size(), &sink) == line.size(),
            "the header callback did not take a whole line");
    pos = end + 1;
  }
  for (const auto& [name, value] : sink.headers) {
    Require(name.find(':') == std::string::npos, "a header name holds ':'");
  }
  std::string location(rest::FindHeader(sink.headers, "location").value_or(""));
  std::string xid = fichier::QueryParam(location, "xid");
  if (fichier::IsAlnum(xid)) {
    for (char c : xid) Require(c != '/' && c != '?' && c != '\r' && c != '\n', "xid check");
  }
  std::string node(rest::FindHeader(sink.headers, "x-node").value_or(""));
  if (fichier::IsHostPort(node)) Require(node.find('/') == std::string::npos, "node check");
  std::string encoded = fichier::UrlEncode(text);
  Require(encoded.find_first_of("&=?# \r\n") == std::string::npos, "UrlEncode leaves a separator");
  return 0;
}
