// The download host (spec §6.2): GET /<token> streams the stored bytes from disk, honouring one
// Range, and applies the single-use and lifetime rules of the token.
#include <charconv>
#include <memory>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/strip.h"
#include "emulator/blob_reader.h"
#include "emulator/server_internal.h"

namespace emulator {
namespace {

struct ByteRange {
  uint64_t begin = 0;
  uint64_t end = 0;  // exclusive
};

enum class RangeResult { kNone, kRange, kUnsatisfiable };

bool ParseU64(absl::string_view s, uint64_t& out) {
  if (s.empty()) return false;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && ptr == s.data() + s.size();
}

// One "bytes=a-b" range. Several ranges or a malformed header are ignored (full answer), which
// RFC 9110 allows; the real service's multi-range support is unknown (§18.12).
RangeResult ParseRange(absl::string_view header, uint64_t size, ByteRange& out) {
  if (!absl::ConsumePrefix(&header, "bytes=")) return RangeResult::kNone;
  if (header.find(',') != absl::string_view::npos) return RangeResult::kNone;
  const size_t dash = header.find('-');
  if (dash == absl::string_view::npos) return RangeResult::kNone;
  const absl::string_view first = header.substr(0, dash);
  const absl::string_view last = header.substr(dash + 1);
  uint64_t a = 0, b = 0;
  if (first.empty()) {  // suffix: the last b bytes
    if (!ParseU64(last, b)) return RangeResult::kNone;
    if (b == 0 || size == 0) return RangeResult::kUnsatisfiable;
    out.begin = b >= size ? 0 : size - b;
    out.end = size;
    return RangeResult::kRange;
  }
  if (!ParseU64(first, a)) return RangeResult::kNone;
  if (last.empty()) {
    b = size == 0 ? 0 : size - 1;
  } else if (!ParseU64(last, b) || b < a) {
    return RangeResult::kNone;
  }
  if (a >= size) return RangeResult::kUnsatisfiable;
  out.begin = a;
  out.end = std::min(b, size - 1) + 1;
  return RangeResult::kRange;
}

}  // namespace

void HandleDownload(Server::Impl& s, const httplib::Request& req, httplib::Response& res,
                    absl::string_view token) {
  s.stats.Count("download");
  auto fault = s.faults.Next("download");
  if (fault && ApplyCommonFault(s, req, res, *fault, false)) return;
  auto target = s.store.OpenToken(token);
  if (!target.ok()) {
    NoteForLog(target.status().message());
    if (target.status().code() == absl::StatusCode::kNotFound) {
      SetHtml(res, 404, "File not found", "This link does not exist.");
    } else {
      SetHtml(res, 410, "Link expired", "This download link has expired or was already used.");
    }
    return;
  }
  std::shared_ptr<const Blob> blob = target->blob;
  const uint64_t size = blob->size();
  // We answer Range ourselves; httplib must not apply it a second time. The Request object is
  // a mutable local of httplib's connection loop, so dropping its parsed ranges is safe.
  const_cast<httplib::Request&>(req).ranges.clear();
  ByteRange range{0, size};
  int status = 200;
  const std::string range_header = req.get_header_value("Range");
  switch (ParseRange(range_header, size, range)) {
    case RangeResult::kNone:
      range = {0, size};
      break;
    case RangeResult::kRange:
      status = 206;
      res.set_header("Content-Range",
                     absl::StrCat("bytes ", range.begin, "-", range.end - 1, "/", size));
      break;
    case RangeResult::kUnsatisfiable:
      res.status = 416;
      res.set_header("Content-Range", absl::StrCat("bytes */", size));
      res.set_content(HtmlPage("Range Not Satisfiable", "Requested range not satisfiable"),
                      "text/html; charset=utf-8");
      return;
  }
  res.set_header("Accept-Ranges", "bytes");
  const std::string quoted = absl::StrReplaceAll(target->filename, {{"\"", "'"}, {"\\", "_"}});
  res.set_header("Content-Disposition", absl::StrCat(target->inline_ ? "inline" : "attachment",
                                                     "; filename=\"", quoted, "\""));
  const std::string content_type =
      target->content_type.empty() ? "application/octet-stream" : target->content_type;

  const uint64_t length = range.end - range.begin;
  res.status = status;
  if (length == 0) {
    res.set_content("", content_type);
    return;
  }
  std::shared_ptr<BlobReader> file = BlobReader::Open(*blob, range.begin, range.end);
  if (file == nullptr) {
    SetHtml(res, 500, "Error", "Storage error");
    return;
  }
  // Bytes to deliver before breaking the connection, for truncate/reset faults.
  uint64_t limit = length;
  std::optional<ResetTarget> reset;
  if (fault && (fault->kind == FaultKind::kTruncate || fault->kind == FaultKind::kReset)) {
    limit = std::min<uint64_t>(length, static_cast<uint64_t>(fault->arg));
    if (fault->kind == FaultKind::kReset) {
      reset = ResetTarget{req.remote_addr, req.remote_port, s.port};
    }
    NoteForLog(absl::StrCat("fault ", fault->kind == FaultKind::kReset ? "reset" : "truncate",
                            " after ", limit, " bytes"));
  }
  const uint64_t begin = range.begin;
  Server::Impl* server = &s;
  res.set_content_provider(
      length, content_type,
      [file, blob, begin, limit, length, server, reset](size_t offset, size_t want,
                                                        httplib::DataSink& sink) {
        auto cut = [&] {
          if (reset) ResetConnection(reset->remote_addr, reset->remote_port, reset->local_port);
          return false;
        };
        if (offset >= limit) return cut();
        if (server->stopping.load()) return false;
        const char* data = nullptr;
        const ssize_t got = file->Read(begin + offset, std::min<uint64_t>(want, limit - offset),
                                       &data);
        if (got <= 0) return false;
        if (!sink.write(data, static_cast<size_t>(got))) return false;
        // A fault that cuts the body exactly at the end of this chunk: stop here.
        if (offset + static_cast<size_t>(got) >= limit && limit < length) return cut();
        return true;
      });
}

}  // namespace emulator
