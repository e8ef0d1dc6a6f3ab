#include "serve/http_server.h"

#include <httplib.h>

#include <algorithm>
#include <optional>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "base/constant_time.h"
#include "base/json_writer.h"
#include "base/mime_type.h"
#include "base/string_views.h"
#include "hash/hash_type.h"
#include "serve/htpasswd.h"
#include "vfs/log.h"
#include "vfs/path.h"

namespace serve {
namespace {

constexpr size_t kBlock = 256 * 1024;

std::string HttpDate(absl::Time t) {
  return absl::FormatTime("%a, %d %b %Y %H:%M:%S GMT", t, absl::UTCTimeZone());
}

std::string HtmlEscape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

// Percent-encodes a name for an href (everything but unreserved characters).
std::string UrlEscape(std::string_view s) {
  std::string out;
  for (unsigned char c : s) {
    if (absl::ascii_isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      absl::StrAppend(&out, "%", absl::Hex(c, absl::kZeroPad2));
    }
  }
  return out;
}

// The one range of a "bytes=a-b" / "bytes=a-" / "bytes=-n" header against `size`: false when
// it cannot be satisfied. Several ranges are left to httplib (multipart answer).
bool Satisfiable(std::string_view header, int64_t size) {
  absl::string_view spec = base::ToAbsl(header);
  if (!absl::ConsumePrefix(&spec, "bytes=")) return true;  // httplib answers malformed ones
  if (absl::StrContains(spec, ',')) return true;
  size_t dash = spec.find('-');
  if (dash == absl::string_view::npos) return true;
  int64_t first = 0;
  int64_t suffix = 0;
  if (dash == 0) return absl::SimpleAtoi(spec.substr(1), &suffix) && suffix > 0 && size > 0;
  if (!absl::SimpleAtoi(spec.substr(0, dash), &first)) return true;
  return first < size;
}

std::string ListingJson(std::string_view dir,
                        const std::vector<std::pair<std::string, mount::Attr>>& entries) {
  base::JsonWriter w;
  w.BeginArray();
  for (const auto& [name, attr] : entries) {
    w.BeginObject()
        .Field("Path", vfs::JoinPath(dir, name))
        .Field("Name", name)
        .Field("Size", attr.is_dir ? int64_t{-1} : attr.size)
        .Field("ModTime", absl::FormatTime(absl::RFC3339_full, attr.mod_time, absl::UTCTimeZone()))
        .Key("IsDir")
        .Raw(attr.is_dir ? "true" : "false")
        .EndObject();
  }
  w.EndArray();
  return w.Take();
}

std::string ListingHtml(std::string_view dir,
                        const std::vector<std::pair<std::string, mount::Attr>>& entries) {
  const std::string title = HtmlEscape(absl::StrCat("/", base::ToAbsl(dir)));
  std::string html = absl::StrCat(
      "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>Directory listing of ",
      title, "</title>\n</head>\n<body>\n<h1>Directory listing of ", title,
      "</h1>\n<table>\n<tr><th>Name</th><th>Size</th><th>Modified</th></tr>\n");
  if (!dir.empty()) html += "<tr><td><a href=\"../\">../</a></td><td></td><td></td></tr>\n";
  for (const auto& [name, attr] : entries) {
    const std::string shown = attr.is_dir ? name + "/" : name;
    absl::StrAppend(&html, "<tr><td><a href=\"", UrlEscape(name), attr.is_dir ? "/" : "", "\">",
                    HtmlEscape(shown), "</a></td><td>", attr.is_dir ? "-" : absl::StrCat(attr.size),
                    "</td><td>",
                    absl::FormatTime("%Y-%m-%d %H:%M:%S", attr.mod_time, absl::UTCTimeZone()),
                    "</td></tr>\n");
  }
  html += "</table>\n</body>\n</html>\n";
  return html;
}

int HttpStatusFor(const absl::Status& st) {
  switch (mount::ErrnoFor(st)) {
    case ENOENT: return 404;
    case EACCES: return 403;
    case EINVAL: return 400;
    default: return 500;
  }
}

}  // namespace

struct HttpServer::Impl {
  mount::Vfs* vfs;
  HttpOptions options;
  std::unique_ptr<httplib::Server> server;  // an SSLServer with --cert/--key
  std::string host;
  int port = 0;
  std::string expected_auth;  // "Basic <base64(user:pass)>", "" = no auth
  std::string prefix;         // "/rclone" for --baseurl rclone, "" = the root
  std::optional<Htpasswd> users;  // --htpasswd

  bool Authorized(const httplib::Request& req, httplib::Response& res) const {
    if (expected_auth.empty() && !users) return true;
    const std::string& got = req.get_header_value("Authorization");
    if (users ? KnownUser(got) : base::SameInConstantTime(got, expected_auth)) return true;
    res.status = 401;
    res.set_header("WWW-Authenticate", absl::StrCat("Basic realm=\"", options.realm, "\""));
    res.set_content("Unauthorized\n", "text/plain; charset=utf-8");
    return false;
  }

  // "Basic <base64(user:password)>" of a user of the htpasswd file.
  bool KnownUser(std::string_view header) const {
    absl::string_view encoded = base::ToAbsl(header);
    if (!absl::ConsumePrefix(&encoded, "Basic ")) return false;
    std::string decoded;
    if (!absl::Base64Unescape(encoded, &decoded)) return false;
    const size_t colon = decoded.find(':');
    if (colon == std::string::npos) return false;
    return users->Check(std::string_view(decoded).substr(0, colon),
                        std::string_view(decoded).substr(colon + 1));
  }

  void Fail(httplib::Response& res, const absl::Status& st, std::string_view path) {
    res.status = HttpStatusFor(st);
    if (res.status == 500) vfs::Log(vfs::LogLevel::kError, path, std::string(st.message()));
    res.set_content(absl::StrCat(res.status == 404 ? "Not Found" : "Error", "\n"),
                    "text/plain; charset=utf-8");
  }

  void Handle(const httplib::Request& req, httplib::Response& res) {
    if (!Authorized(req, res)) return;
    std::string_view wanted = req.path;
    if (!prefix.empty()) {
      if (!wanted.starts_with(prefix + "/")) {
        return Fail(res, absl::NotFoundError("outside --baseurl"), req.path);
      }
      wanted.remove_prefix(prefix.size());
    }
    absl::StatusOr<std::string> path = vfs::CleanPath(wanted);
    if (!path.ok()) {
      res.status = 400;
      res.set_content("Bad path\n", "text/plain; charset=utf-8");
      return;
    }
    absl::StatusOr<mount::Attr> attr = vfs->Stat(*path);
    if (!attr.ok()) return Fail(res, attr.status(), *path);
    if (attr->is_dir) return Directory(req, res, *path);
    File(req, res, *path, *attr);
  }

  void Directory(const httplib::Request& req, httplib::Response& res, const std::string& dir) {
    auto entries = vfs->ReadDir(dir);
    if (!entries.ok()) return Fail(res, entries.status(), dir);
    if (absl::StrContains(req.get_header_value("Accept"), "application/json")) {
      res.set_content(ListingJson(dir, *entries), "application/json");
      return;
    }
    if (!dir.empty() && !absl::EndsWith(req.path, "/")) {
      // Relative links in the listing need the trailing slash.
      res.set_redirect(req.path + "/", 301);
      return;
    }
    res.set_content(ListingHtml(dir, *entries), "text/html; charset=utf-8");
  }

  void File(const httplib::Request& req, httplib::Response& res, const std::string& path,
            const mount::Attr& attr) {
    res.set_header("Last-Modified", HttpDate(attr.mod_time));
    res.set_header("Accept-Ranges", "bytes");
    std::string etag;
    if (absl::StatusOr<vfs::ObjectPtr> object = vfs->Object(path); object.ok() && *object) {
      absl::StatusOr<std::string> h = (*object)->Hash(hash::HashType::kWhirlpool);
      if (h.ok() && !h->empty()) etag = absl::StrCat("\"", *h, "\"");
    }
    if (etag.empty()) {
      etag = absl::StrCat("\"", absl::Hex(attr.size), "-",
                          absl::Hex(absl::ToUnixSeconds(attr.mod_time)), "\"");
    }
    res.set_header("ETag", etag);
    const std::string range = req.get_header_value("Range");
    if (!range.empty() && !Satisfiable(range, attr.size)) {
      res.status = 416;
      res.set_header("Content-Range", absl::StrCat("bytes */", attr.size));
      return;
    }
    const std::string type = base::MimeTypeFromName(vfs::Leaf(path));
    if (req.method == "HEAD") {
      // httplib sends no body for HEAD; the length still tells the size.
      res.set_content_provider(static_cast<size_t>(attr.size), type,
                               [](size_t, size_t, httplib::DataSink&) { return false; });
      return;
    }
    absl::StatusOr<mount::Handle> h = vfs->Open(path, O_RDONLY);
    if (!h.ok()) return Fail(res, h.status(), path);
    mount::Vfs* v = vfs;
    const mount::Handle handle = *h;
    res.set_content_provider(
        static_cast<size_t>(attr.size), type,
        [v, handle, path](size_t offset, size_t length, httplib::DataSink& sink) {
          std::string block(std::min(length, kBlock), '\0');
          absl::StatusOr<size_t> n = v->Read(
              handle, static_cast<int64_t>(offset),
              std::span<uint8_t>(reinterpret_cast<uint8_t*>(block.data()), block.size()));
          if (!n.ok() || *n == 0) {
            vfs::Log(vfs::LogLevel::kError, path,
                     absl::StrCat("read failed: ", n.ok() ? "unexpected end" : n.status().message()));
            return false;
          }
          return sink.write(block.data(), *n);
        },
        [v, handle](bool) { (void)v->Release(handle); });
  }
};

absl::StatusOr<std::unique_ptr<HttpServer>> HttpServer::Bind(mount::Vfs* vfs,
                                                             HttpOptions options) {
  auto impl = std::make_unique<Impl>();
  impl->vfs = vfs;
  size_t colon = options.addr.rfind(':');
  int port = -1;
  if (colon == std::string::npos || !absl::SimpleAtoi(options.addr.substr(colon + 1), &port) ||
      port < 0 || port > 65535) {
    return absl::InvalidArgumentError(
        absl::StrCat("invalid --addr \"", options.addr, "\": want host:port"));
  }
  impl->host = options.addr.substr(0, colon);
  if (impl->host.empty()) impl->host = "0.0.0.0";
  if (impl->host.size() > 2 && impl->host.front() == '[') {
    impl->host = impl->host.substr(1, impl->host.size() - 2);
  }
  if (!options.htpasswd.empty()) {
    absl::StatusOr<Htpasswd> users = Htpasswd::Load(options.htpasswd);
    if (!users.ok()) return users.status();
    impl->users = *std::move(users);
  } else if (!options.user.empty() || !options.pass.empty()) {
    impl->expected_auth =
        absl::StrCat("Basic ", absl::Base64Escape(absl::StrCat(options.user, ":", options.pass)));
  }
  const std::string base(absl::StripSuffix(absl::StripPrefix(options.baseurl, "/"), "/"));
  if (!base.empty()) impl->prefix = "/" + base;
  if (options.cert.empty() != options.key.empty()) {
    return absl::InvalidArgumentError("--cert and --key go together");
  }
  if (!options.cert.empty()) {
    impl->server = std::make_unique<httplib::SSLServer>(options.cert.c_str(), options.key.c_str());
    if (!impl->server->is_valid()) {
      return absl::InvalidArgumentError(absl::StrCat("can't use --cert ", options.cert, " and --key ",
                                                     options.key, " (unreadable, or not PEM)"));
    }
  } else {
    impl->server = std::make_unique<httplib::Server>();
  }
  impl->options = std::move(options);
  Impl* raw = impl.get();
  impl->server->Get(".*", [raw](const httplib::Request& req, httplib::Response& res) {
    raw->Handle(req, res);
  });
  if (port == 0) {
    impl->port = impl->server->bind_to_any_port(impl->host);
  } else if (impl->server->bind_to_port(impl->host, port)) {
    impl->port = port;
  } else {
    impl->port = -1;
  }
  if (impl->port < 0) {
    return absl::FailedPreconditionError(
        absl::StrCat("can't listen on ", impl->options.addr, " (in use, or not a local address)"));
  }
  return std::unique_ptr<HttpServer>(new HttpServer(std::move(impl)));
}

HttpServer::HttpServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
HttpServer::~HttpServer() = default;

std::string HttpServer::url() const {
  const std::string& h = impl_->host;
  const bool v6 = absl::StrContains(h, ':');
  const char* scheme = impl_->options.cert.empty() ? "http://" : "https://";
  return absl::StrCat(scheme, v6 ? "[" : "", h, v6 ? "]" : "", ":", impl_->port,
                      impl_->prefix, "/");
}

absl::Status HttpServer::Serve() {
  if (!impl_->server->listen_after_bind()) return absl::InternalError("the HTTP server failed");
  return absl::OkStatus();
}

void HttpServer::Stop() { impl_->server->stop(); }

}  // namespace serve
