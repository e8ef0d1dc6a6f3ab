// libFuzzer target for the emulator's upload.cgi multipart parser: never crashes, never reads
// outside its input, and gives the same parts and bytes however the body is cut into reads.
// Input: byte 0 picks the read size (1-256), then a Content-Type line up to '\n', then the body.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "absl/strings/str_cat.h"
#include "base/string_views.h"
#include "emulator/multipart_parser.h"

namespace {

struct Outcome {
  std::string events;  // part headers and data, in order
  bool ok = true;
  bool done = false;
};

Outcome Parse(const std::string& boundary, std::string_view body, size_t step) {
  Outcome out;
  emulator::MultipartParser parser(
      boundary,
      [&](const emulator::PartHeader& h) {
        absl::StrAppend(&out.events, "\n[part name=", h.name, " file=", h.has_filename ? "1" : "0",
                        h.filename, " type=", h.content_type, "]");
        return true;
      },
      [&](const char* data, size_t n) {
        if (n == 0) std::abort();  // data callbacks always carry bytes
        out.events.append(data, n);
        return true;
      });
  for (size_t pos = 0; pos < body.size() && out.ok; pos += step) {
    const size_t n = std::min(step, body.size() - pos);
    out.ok = parser.Feed(body.data() + pos, n);
  }
  out.done = parser.done();
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const size_t step = 1 + data[0];
  std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  const size_t newline = rest.find('\n');
  const std::string_view content_type =
      newline == std::string_view::npos ? rest : rest.substr(0, newline);
  const std::string_view body =
      newline == std::string_view::npos ? std::string_view() : rest.substr(newline + 1);
  const std::optional<std::string> boundary = emulator::MultipartParser::BoundaryOf(base::ToAbsl(content_type));
  if (boundary && (boundary->empty() || boundary->size() > 200)) {
    std::fprintf(stderr, "emulator_multipart_fuzz: boundary of %zu bytes accepted\n",
                 boundary->size());
    std::abort();
  }
  const std::string b = boundary.value_or("fuzzboundary");
  const Outcome whole = Parse(b, body, body.empty() ? 1 : body.size());
  const Outcome pieces = Parse(b, body, step);
  // A well-formed body parses the same in any cut; a malformed one fails in both.
  if (whole.ok != pieces.ok || whole.done != pieces.done ||
      (whole.ok && whole.events != pieces.events)) {
    std::fprintf(stderr, "emulator_multipart_fuzz: reads of %zu bytes parse differently\n", step);
    std::abort();
  }
  return 0;
}
