// The upload node (spec §5.2, §5.3): POST /upload.cgi?id=ID streams each multipart file part
// to disk while hashing it, then answers 302 to /end.pl?xid=ID, which reports the links.
#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <map>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "emulator/blob_writer.h"
#include "emulator/connection_stream.h"
#include "base/json_writer.h"
#include "emulator/multipart_parser.h"
#include "emulator/server_internal.h"

namespace emulator {
namespace {

constexpr size_t kMaxFieldSize = 64 << 10;
// Plain-HTTP bodies from this size on are read from the socket directly (ReadRestOfBody).
constexpr uint64_t kDirectReadMin = 1 << 20;
constexpr size_t kSocketRead = 256 << 10;  // stays in L2 until the parser has passed it on
constexpr absl::Duration kBodyReadTimeout = absl::Seconds(60);  // httplib's, set in server.cc

// One file part being received.
struct Part {
  std::unique_ptr<BlobWriter> writer;
  std::string filename;
};

// Account named by "Authorization: Bearer KEY", if any.
std::optional<int> IdentifiedAccount(Server::Impl& s, const httplib::Request& req) {
  const std::string header = req.get_header_value("Authorization");
  absl::string_view auth = absl::StripAsciiWhitespace(header);
  if (!absl::StartsWithIgnoreCase(auth, "Bearer ")) return std::nullopt;
  return s.store.AccountForKey(absl::StripAsciiWhitespace(auth.substr(7)));
}

// Reads the last `remaining` bytes of a request body straight from the connection's socket, in
// large reads, handing each to `sink`. httplib's reader takes 4 KiB per recv() with a poll()
// before each: half a million system calls per GiB, which cost more CPU than the parsing. False
// on a short body, a timeout, a stopping server, or when `sink` says stop.
bool ReadRestOfBody(Server::Impl& s, ConnectionStream& connection, uint64_t remaining,
                    const std::function<bool(const char*, size_t)>& sink) {
  const int fd = connection.socket();
  std::unique_ptr<char[]> buffer(new char[kSocketRead]);
  absl::Time deadline = absl::Now() + kBodyReadTimeout;
  while (remaining > 0) {
    const ssize_t n = ::recv(fd, buffer.get(), std::min<uint64_t>(kSocketRead, remaining),
                             MSG_DONTWAIT);
    if (n > 0) {
      remaining -= static_cast<uint64_t>(n);
      if (!sink(buffer.get(), static_cast<size_t>(n))) return false;
      if (!connection.Pace(static_cast<size_t>(n))) return false;
      deadline = absl::Now() + kBodyReadTimeout;
      continue;
    }
    if (n == 0) return false;  // the client closed early
    if (errno == EINTR) continue;
    if (errno != EAGAIN && errno != EWOULDBLOCK) return false;
    if (s.stopping.load() || absl::Now() > deadline) return false;
    pollfd p{fd, POLLIN, 0};
    ::poll(&p, 1, 250);  // short, so a stopping server is noticed
  }
  return true;
}

}  // namespace

void HandleUpload(Server::Impl& s, const httplib::Request& req, httplib::Response& res,
                  const httplib::ContentReader& reader) {
  s.stats.Count("/upload.cgi");
  auto fault = s.faults.Next("/upload.cgi");
  if (fault && fault->kind != FaultKind::kStall && fault->kind != FaultKind::kReset &&
      fault->kind != FaultKind::kTruncate && ApplyCommonFault(s, req, res, *fault, false)) {
    DrainBody(req, reader);
    return;
  }
  if (fault && fault->kind == FaultKind::kStall) ApplyCommonFault(s, req, res, *fault, false);

  const std::string id = req.get_param_value("id");
  if (!req.has_header("Content-Length")) {
    // The node wants the full size up front (spec §5.2); a chunked body is refused.
    SetHtml(res, 411, "Upload error", "Content-Length required");
    res.set_header("Connection", "close");
    return;
  }
  // A decimal within --max-request-size: RefuseBadRequest checked it.
  const uint64_t content_length = req.get_header_value<uint64_t>("Content-Length");
  auto begun = s.store.BeginUpload(id);
  if (!begun.ok()) {
    DrainBody(req, reader);
    NoteForLog(begun.status().message());
    if (begun.status().code() == absl::StatusCode::kNotFound) {
      SetHtml(res, 404, "Upload error", "Unknown upload id");
    } else {
      SetHtml(res, 409, "Upload error", "Upload id already used");
    }
    return;
  }
  if (!req.is_multipart_form_data()) {
    DrainBody(req, reader);
    s.store.AbortUpload(id);
    SetHtml(res, 400, "Upload error", "Pas de fichier");
    return;
  }
  const std::optional<int> identified = IdentifiedAccount(s, req);
  const int account = identified.value_or(s.store.anonymous_account());

  const std::string content_type = req.get_header_value("Content-Type");
  const std::optional<std::string> boundary = MultipartParser::BoundaryOf(content_type);
  if (!boundary) {
    DrainBody(req, reader);
    s.store.AbortUpload(id);
    SetHtml(res, 400, "Upload error", "Malformed multipart Content-Type");
    return;
  }

  std::vector<Part> parts;
  std::map<std::string, std::string> fields;
  Part* current = nullptr;
  std::string* current_field = nullptr;
  uint64_t file_bytes = 0;
  const int64_t reset_at = fault && fault->kind == FaultKind::kReset ? fault->arg : -1;
  bool reset = false;
  int fail_status = 0;
  std::string fail_text;
  auto fail = [&](int status, std::string text) {
    fail_status = status;
    fail_text = std::move(text);
    return false;
  };
  MultipartParser parser(
      *boundary,
      [&](const PartHeader& header) {
        current = nullptr;
        current_field = nullptr;
        if (header.name == "file[]" || header.name == "file" || header.has_filename) {
          if (static_cast<int>(parts.size()) >= s.options.max_files_per_upload) {
            return fail(413, "Too many files");
          }
          parts.push_back({std::make_unique<BlobWriter>(s.NewBlobPath(), s.options.direct_io), header.filename});
          current = &parts.back();
        } else {
          current_field = &fields[header.name];
          current_field->clear();
        }
        return true;
      },
      [&](const char* data, size_t n) {
        if (current != nullptr) {
          if (reset_at >= 0 && file_bytes + n >= static_cast<uint64_t>(reset_at)) {
            reset = true;
            return false;
          }
          file_bytes += n;
          if (current->writer->size() + n > s.options.max_file_size) {
            return fail(413, "File too large");
          }
          if (!current->writer->Append(data, n)) return fail(500, "Storage error");
        } else if (current_field != nullptr) {
          if (current_field->size() + n > kMaxFieldSize) return fail(400, "Field too large");
          current_field->append(data, n);
        }
        return true;
      });

  // httplib would run its own (slow) multipart parser on this body; relabel the request so it
  // hands us the raw bytes. The Request is a mutable local of httplib's connection loop.
  auto& headers = const_cast<httplib::Headers&>(req.headers);
  headers.erase("Content-Type");
  headers.emplace("Content-Type", "application/octet-stream");
  const std::function<bool(const char*, size_t)> feed = [&](const char* data, size_t n) {
    if (s.stopping.load()) return fail(503, "Server stopping");
    return parser.Feed(data, n);
  };
  // A large plain-HTTP body is read from the socket directly, after the first read through
  // httplib has emptied the connection's buffer (which may hold the start of the body). Not for
  // TLS, and not under a reset fault, which must cut the body at an exact byte count.
  ConnectionStream* connection =
      reset_at < 0 && content_length >= kDirectReadMin ? CurrentConnection() : nullptr;
  bool read_ok = false;
  if (connection != nullptr) {
    uint64_t first = 0;
    bool first_ok = false;
    reader([&](const char* data, size_t n) {
      first = n;
      first_ok = feed(data, n);
      return false;  // httplib stops reading here
    });
    read_ok = first_ok && first > 0 && first <= content_length &&
              connection->buffered() == 0 &&
              ReadRestOfBody(s, *connection, content_length - first, feed);
  } else {
    read_ok = reader(feed);
  }
  if (read_ok && !parser.done() && fail_status == 0) fail(400, "Truncated multipart body");

  if (reset || !read_ok || fail_status != 0) {
    for (Part& p : parts) p.writer->Abort();
    s.store.AbortUpload(id);
    if (reset) {
      NoteForLog(absl::StrCat("fault reset after ", file_bytes, " bytes"));
      if (!ResetConnection(req.remote_addr, req.remote_port, s.port)) {
        NoteForLog("socket not found for reset");
      }
      SetBrokenBody(res, 200, std::string(), "text/html", 0);
      return;
    }
    if (fail_text.empty()) fail_text = parser.error().empty() ? "Malformed upload" : parser.error();
    NoteForLog(fail_text);
    SetHtml(res, fail_status != 0 ? fail_status : 400, "Upload error", fail_text);
    res.set_header("Connection", "close");
    return;
  }
  std::vector<std::string> digests;
  for (Part& p : parts) {
    auto digest = p.writer->Finish();
    if (!digest.ok()) {
      for (Part& q : parts) q.writer->Abort();
      s.store.AbortUpload(id);
      SetHtml(res, 500, "Upload error", "Storage error");
      return;
    }
    digests.push_back(*std::move(digest));
  }

  // did is honoured only for an identified upload; an invalid one means the root (§5.2).
  int64_t folder = 0;
  if (identified) {
    if (auto it = fields.find("did"); it != fields.end()) {
      if (!absl::SimpleAtoi(absl::StripAsciiWhitespace(it->second), &folder)) folder = 0;
    }
  }
  std::string password;
  if (auto it = fields.find("dpass"); it != fields.end()) password = it->second;

  std::vector<UploadLink> links;
  bool any_file = false;
  for (size_t i = 0; i < parts.size(); ++i) {
    Part& p = parts[i];
    if (p.writer->size() == 0) {
      // A 0-byte part gets no link (spec §2.10 EMU): clients must refuse empty files first.
      if (!p.filename.empty()) any_file = true;
      ::unlink(p.writer->path().c_str());
      continue;
    }
    any_file = true;
    Store::NewFile nf;
    nf.account = account;
    nf.folder_id = folder;
    nf.name = p.filename.empty() ? "file" : p.filename;
    nf.blob = std::make_shared<Blob>(p.writer->path(), p.writer->size(), digests[i],
                                     p.writer->wrote_direct());
    nf.password = password;
    links.push_back(s.store.AddFile(std::move(nf)));
  }
  if (!any_file) {
    s.store.AbortUpload(id);
    SetHtml(res, 400, "Upload error", "Pas de fichier");
    return;
  }
  NoteForLog(absl::StrCat(links.size(), " file(s), ", file_bytes, " bytes"));
  s.store.FinishUpload(id, std::move(links));
  const std::string location = absl::StrCat("/end.pl?xid=", id);
  const std::string page = HtmlPage("Upload finished", "Upload finished");
  if (fault && fault->kind == FaultKind::kTruncate) {
    res.set_header("Location", location);
    SetBrokenBody(res, 302, page, "text/html; charset=utf-8", static_cast<size_t>(fault->arg));
    return;
  }
  res.status = 302;
  res.set_header("Location", location);
  res.set_content(page, "text/html; charset=utf-8");
}

void HandleEndPl(Server::Impl& s, const httplib::Request& req, httplib::Response& res) {
  s.stats.Count("/end.pl");
  auto fault = s.faults.Next("/end.pl");
  if (fault && ApplyCommonFault(s, req, res, *fault, false)) return;

  std::string xid = req.get_param_value("xid");
  // Format asked by header (rclone: "JSON: 1") or query (the transcription's reading).
  std::string json = req.get_header_value("JSON");
  if (json.empty()) json = req.get_param_value("JSON");
  if (json.empty()) json = req.get_param_value("json");
  std::string export_csv = req.get_header_value("EXPORT");
  if (export_csv.empty()) export_csv = req.get_param_value("Export");
  if (export_csv.empty()) export_csv = req.get_param_value("EXPORT");

  auto report = s.store.GetUploadReport(xid);
  if (!report || !report->finished) {
    SetHtml(res, 404, "Upload error", "Upload not found");
    return;
  }
  std::vector<UploadLink> links = std::move(report->links);
  if (fault) {
    switch (fault->kind) {
      case FaultKind::kNoLinks:
        NoteForLog("fault nolinks");
        links.clear();
        break;
      case FaultKind::kBadChecksum:
        NoteForLog("fault badsum");
        for (UploadLink& l : links) {
          if (!l.whirlpool.empty()) l.whirlpool.back() = l.whirlpool.back() == '0' ? '1' : '0';
        }
        break;
      case FaultKind::kBadSize:
        NoteForLog("fault badsize");
        for (UploadLink& l : links) ++l.size;
        break;
      default:
        break;
    }
  }

  std::string body;
  std::string content_type;
  if (json == "1" || json == "2") {
    base::JsonWriter w(/*pretty=*/json == "2");
    w.BeginObject().Field("incoming", 0).Key("links").BeginArray();
    for (const UploadLink& l : links) {
      w.BeginObject()
          .Field("download", l.download)
          .Field("filename", l.filename)
          .Field("remove", l.remove)
          .Field("size", absl::StrCat(l.size))  // a string on the wire (§5.3)
          .Field("whirlpool", l.whirlpool)
          .EndObject();
    }
    w.EndArray().EndObject();
    body = w.Take();
    content_type = "application/json";
  } else if (!export_csv.empty() && export_csv != "0") {
    for (const UploadLink& l : links) {
      const std::string file_id = l.download.substr(l.download.find('?') + 1);
      std::string removal;
      if (const size_t slash = l.remove.rfind('/'); slash != std::string::npos) {
        removal = l.remove.substr(slash + 1);
      }
      absl::StrAppend(&body, l.filename, ";", l.size, ";", file_id, ";", removal, ";0\n");
    }
    content_type = "text/plain; charset=utf-8";
  } else {
    body = "<!DOCTYPE html>\n<html><head><title>Upload finished</title></head><body>"
           "<h1>Upload finished</h1><table>";
    for (const UploadLink& l : links) {
      absl::StrAppend(&body, "<tr><td>", HtmlEscape(l.filename), "</td><td>", l.size,
                      "</td><td><a href=\"", l.download, "\">", l.download, "</a></td><td>",
                      l.remove.empty() ? "--" : l.remove, "</td></tr>");
    }
    body += "</table></body></html>\n";
    content_type = "text/html; charset=utf-8";
  }
  if (fault && (fault->kind == FaultKind::kReset || fault->kind == FaultKind::kTruncate)) {
    std::optional<ResetTarget> target;
    if (fault->kind == FaultKind::kReset) {
      target = ResetTarget{req.remote_addr, req.remote_port, s.port};
    }
    NoteForLog(absl::StrCat("fault broken body at ", fault->arg));
    SetBrokenBody(res, 200, std::move(body), content_type, static_cast<size_t>(fault->arg),
                  target);
    return;
  }
  res.status = 200;
  res.set_content(std::move(body), content_type);
}

}  // namespace emulator
