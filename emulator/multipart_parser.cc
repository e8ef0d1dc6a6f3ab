#include "emulator/multipart_parser.h"

#include <string.h>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace emulator {
namespace {

constexpr size_t kMaxHeaderBlock = 16 << 10;

// The value of `param` in a header value such as `form-data; name="file[]"; filename="a b"`.
std::optional<std::string> Param(absl::string_view value, absl::string_view param) {
  size_t pos = 0;
  while (pos < value.size()) {
    // Find "param=" at a parameter start (after ';' and spaces).
    size_t semi = value.find(';', pos);
    if (semi == absl::string_view::npos) return std::nullopt;
    size_t start = semi + 1;
    while (start < value.size() && value[start] == ' ') ++start;
    pos = start;
    if (!absl::StartsWithIgnoreCase(value.substr(start), param) ||
        start + param.size() >= value.size() || value[start + param.size()] != '=') {
      continue;
    }
    size_t v = start + param.size() + 1;
    if (v < value.size() && value[v] == '"') {
      // Quoted: up to the next unescaped quote; browsers escape '"' as %22, curl as \".
      std::string out;
      for (size_t i = v + 1; i < value.size(); ++i) {
        if (value[i] == '\\' && i + 1 < value.size()) {
          out.push_back(value[++i]);
        } else if (value[i] == '"') {
          return out;
        } else {
          out.push_back(value[i]);
        }
      }
      return std::nullopt;
    }
    size_t end = value.find(';', v);
    return std::string(absl::StripAsciiWhitespace(value.substr(v, end - v)));
  }
  return std::nullopt;
}

}  // namespace

MultipartParser::MultipartParser(std::string boundary, OnPart on_part, OnData on_data)
    : dash_boundary_("--" + boundary),
      delimiter_("\r\n--" + boundary),
      on_part_(std::move(on_part)),
      on_data_(std::move(on_data)) {}

std::optional<std::string> MultipartParser::BoundaryOf(absl::string_view content_type) {
  if (!absl::StartsWithIgnoreCase(absl::StripAsciiWhitespace(content_type), "multipart/")) {
    return std::nullopt;
  }
  auto b = Param(content_type, "boundary");
  if (!b || b->empty() || b->size() > 200) return std::nullopt;
  return b;
}

bool MultipartParser::Fail(std::string why) {
  error_ = std::move(why);
  return false;
}

bool MultipartParser::ParseHeaders(absl::string_view block) {
  PartHeader h;
  bool disposition = false;
  for (absl::string_view line : absl::StrSplit(block, "\r\n")) {
    const size_t colon = line.find(':');
    if (colon == absl::string_view::npos) continue;
    const absl::string_view name = absl::StripAsciiWhitespace(line.substr(0, colon));
    const absl::string_view value = absl::StripAsciiWhitespace(line.substr(colon + 1));
    if (absl::EqualsIgnoreCase(name, "Content-Disposition")) {
      disposition = true;
      h.name = Param(value, "name").value_or("");
      if (auto f = Param(value, "filename")) {
        h.filename = *f;
        h.has_filename = true;
      }
    } else if (absl::EqualsIgnoreCase(name, "Content-Type")) {
      h.content_type = std::string(value);
    }
  }
  if (!disposition) return Fail("part without Content-Disposition");
  return on_part_(h) || Fail("stopped");
}

// How much of the next input is joined to bytes left over from the previous Feed: enough for a
// whole header block, so every turn of Feed makes progress.
constexpr size_t kJoinSlice = 2 * kMaxHeaderBlock;

bool MultipartParser::Feed(const char* data, size_t size) {
  bool ok = true;
  // Left-over bytes (a possible delimiter prefix, an incomplete header block) are joined with a
  // bounded slice of the new input; once they are used up, the rest is parsed where it lies,
  // without a copy.
  while (ok && !buffer_.empty() && size > 0) {
    const size_t take = std::min(size, kJoinSlice);
    buffer_.append(data, take);
    data += take;
    size -= take;
    buffer_.erase(0, Consume(buffer_, ok));
  }
  if (ok && size > 0) {
    const size_t used = Consume(absl::string_view(data, size), ok);
    buffer_.assign(data + used, size - used);
  }
  return ok;
}

size_t MultipartParser::PossibleDelimiterStart(absl::string_view rest) const {
  // The longest suffix of `rest` that is a proper prefix of the delimiter: those bytes may be
  // the start of a delimiter completed by the next input. Usually there is none.
  const size_t window = std::min(rest.size(), delimiter_.size() - 1);
  for (size_t start = rest.size() - window; start < rest.size(); ++start) {
    if (rest[start] != '\r') continue;
    if (absl::StartsWith(delimiter_, rest.substr(start))) return start;
  }
  return rest.size();
}

size_t MultipartParser::Consume(absl::string_view input, bool& ok) {
  size_t pos = 0;  // consumed prefix of input
  // Each turn either consumes bytes or returns for more input, so the loop is bounded.
  while (ok) {
    const absl::string_view rest = input.substr(pos);
    if (state_ == State::kPreamble) {
      const void* hit = memmem(rest.data(), rest.size(), dash_boundary_.data(), dash_boundary_.size());
      if (hit == nullptr) {
        // Keep only what could be the start of the first delimiter.
        if (rest.size() >= dash_boundary_.size()) pos += rest.size() - dash_boundary_.size() + 1;
        break;
      }
      pos += static_cast<const char*>(hit) - rest.data() + dash_boundary_.size();
      state_ = State::kAfterDelimiter;
    } else if (state_ == State::kAfterDelimiter) {
      if (rest.size() < 2) break;
      if (rest.substr(0, 2) == "--") {
        state_ = State::kDone;
        pos = input.size();
        break;
      }
      // Transport padding (spaces/tabs, nothing else) may precede the CRLF.
      const size_t crlf = rest.find("\r\n");
      absl::string_view padding = rest.substr(0, crlf);
      if (crlf == absl::string_view::npos) absl::ConsumeSuffix(&padding, "\r");
      if (padding.find_first_not_of(" \t") != absl::string_view::npos || padding.size() > 256) {
        ok = Fail("garbage after boundary");
        break;
      }
      if (crlf == absl::string_view::npos) break;
      pos += crlf + 2;
      state_ = State::kHeaders;
    } else if (state_ == State::kHeaders) {
      // A part with no header at all starts with the blank line directly (checked first, so
      // that the answer does not depend on how much of the body has arrived).
      if (absl::StartsWith(rest, "\r\n")) {
        ok = Fail("part without Content-Disposition");
        break;
      }
      const size_t end = rest.find("\r\n\r\n");
      if (end == absl::string_view::npos) {
        if (rest.size() > kMaxHeaderBlock) ok = Fail("part headers too long");
        break;
      }
      ok = ParseHeaders(rest.substr(0, end));
      pos += end + 4;
      state_ = State::kBody;
    } else if (state_ == State::kBody) {
      const void* hit = memmem(rest.data(), rest.size(), delimiter_.data(), delimiter_.size());
      if (hit == nullptr) {
        // Everything except a possible delimiter prefix at the end is part data.
        const size_t n = PossibleDelimiterStart(rest);
        if (n > 0) ok = on_data_(rest.data(), n) || Fail("stopped");
        pos += n;
        break;
      }
      const size_t n = static_cast<const char*>(hit) - rest.data();
      if (n > 0) ok = on_data_(rest.data(), n) || Fail("stopped");
      pos += n + delimiter_.size();
      state_ = State::kAfterDelimiter;
    } else {  // kDone: ignore the epilogue
      pos = input.size();
      break;
    }
  }
  return pos;
}

}  // namespace emulator
