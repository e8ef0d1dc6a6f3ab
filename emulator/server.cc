#include "emulator/server.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <random>

#include "absl/strings/match.h"
#include "emulator/connection_stream.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/time/clock.h"
#include "emulator/api_error.h"
#include "emulator/connection_pool.h"
#include "emulator/guarded_server.h"
#include "emulator/server_internal.h"

namespace emulator {
namespace {

// One log line per request: filled by the handler, printed by httplib's logger once the answer
// is written (same thread), so the duration covers streaming too.
struct LogContext {
  absl::Time start;
  std::string note;
  bool active = false;
};
thread_local LogContext log_context;

void BeginLog() {
  log_context.start = absl::Now();
  log_context.note.clear();
  log_context.active = true;
}

uint64_t PickSeed(const Options& o) {
  if (o.seed_given) return o.seed;
  std::random_device rd;
  return (static_cast<uint64_t>(rd()) << 32) ^ rd();
}

enum class BodyRead { kOk, kTooLarge, kIncomplete };

// Reads a whole (small) request body: never acted upon unless it arrived to its last byte.
BodyRead ReadBody(const httplib::Request& req, const httplib::ContentReader* reader,
                  std::string& body, size_t limit) {
  if (reader == nullptr) {
    body = req.body;
    return body.size() <= limit ? BodyRead::kOk : BodyRead::kTooLarge;
  }
  if (!req.has_header("Content-Length") && !req.has_header("Transfer-Encoding")) {
    // No body (httplib would read until the client closes). Bytes the client may send anyway
    // must not be taken for a next request.
    if (ConnectionStream* c = CurrentConnection()) c->CloseAfterAnswer();
    return BodyRead::kOk;
  }
  if (req.is_multipart_form_data()) {
    return DrainBody(req, *reader) ? BodyRead::kOk : BodyRead::kIncomplete;
  }
  bool too_big = false;
  const bool complete = (*reader)([&](const char* data, size_t n) {
    if (body.size() + n > limit) {
      too_big = true;
      return false;
    }
    body.append(data, n);
    return true;
  });
  if (too_big) return BodyRead::kTooLarge;
  return complete ? BodyRead::kOk : BodyRead::kIncomplete;
}

}  // namespace

void NoteForLog(absl::string_view note) {
  if (note.empty()) return;
  if (!log_context.note.empty()) log_context.note += "; ";
  absl::StrAppend(&log_context.note, note);
}

std::string HtmlEscape(absl::string_view s) {
  return absl::StrReplaceAll(s, {{"&", "&amp;"}, {"<", "&lt;"}, {">", "&gt;"}, {"\"", "&quot;"}});
}

std::string HtmlPage(absl::string_view title, absl::string_view text) {
  return absl::StrCat("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>",
                      HtmlEscape(title), "</title></head><body><h1>", HtmlEscape(title),
                      "</h1><p>", HtmlEscape(text), "</p></body></html>\n");
}

void SetHtml(httplib::Response& res, int status, absl::string_view title, absl::string_view text) {
  res.status = status;
  res.set_content(HtmlPage(title, text), "text/html; charset=utf-8");
}

bool ApplyCommonFault(Server::Impl& s, const httplib::Request& req, httplib::Response& res,
                      const FaultAction& fault, bool json_endpoint) {
  (void)req;
  switch (fault.kind) {
    case FaultKind::kStall:
      NoteForLog(absl::StrCat("fault stall ", fault.arg, "ms"));
      s.Stall(fault.arg);
      return false;
    case FaultKind::kStatus: {
      NoteForLog(absl::StrCat("fault status ", fault.arg));
      const int code = static_cast<int>(fault.arg);
      if (json_endpoint && code < 500) {
        std::string message;
        switch (code) {
          case 401:
            message = std::string(NotAuthenticated().message());
            break;
          case 403:
            message = std::string(Flood(s.limiter.options().flood_code).message());
            break;
          case 404:
            message = std::string(ResourceNotFound().message());
            break;
          default:
            message = absl::StrCat("Emulated error #", code);
        }
        res.status = code;
        res.set_content(KoBody(message), "application/json");
      } else {
        // Gateways and upload/download hosts answer errors with HTML pages.
        SetHtml(res, code, absl::StrCat("Error ", code),
                "The server could not handle the request.");
      }
      return true;
    }
    case FaultKind::kFlood:
      NoteForLog("fault flood");
      res.status = 403;
      res.set_content(KoBody(Flood(s.limiter.options().flood_code).message()),
                      "application/json");
      return true;
    case FaultKind::kHtml:
      NoteForLog("fault html");
      SetHtml(res, 200, "1fichier.com: Cloud Storage",
              "Please wait while your request is being processed.");
      return true;
    default:
      return false;
  }
}

Server::Impl::Impl(Options o)
    : options(std::move(o)),
      ids(PickSeed(options)),
      clock(options.fixed_utc_plus_one),
      store(options, &ids, &time),
      limiter(options.rate, &time),
      faults(ids.Below(~0ULL)),
      api(options, &store, &limiter, &clock) {}

std::string Server::Impl::NewBlobPath() {
  return absl::StrCat(data_dir, "/blob-", getpid(), "-", next_blob.fetch_add(1));
}

void Server::Impl::Stall(int64_t ms) {
  // On the emulator's clock, so a test can end a long stall with /_emulator/clock; checked every
  // 20 ms (real time), which also notices a stopping server.
  const absl::Time until = time.Now() + absl::Milliseconds(ms);
  connections.StallStarted();
  while (!stopping.load() && time.Now() < until) {
    absl::SleepFor(std::min(absl::Milliseconds(20), until - time.Now()));
  }
  connections.StallEnded();
}

namespace {

void HandleApi(Server::Impl& s, const httplib::Request& req, httplib::Response& res,
               absl::string_view body) {
  s.stats.Count(req.path);
  auto fault = s.faults.Next(req.path);
  if (fault && ApplyCommonFault(s, req, res, *fault, /*json_endpoint=*/true)) return;
  ApiRequest r;
  r.endpoint = req.path;
  const std::string authorization = req.get_header_value("Authorization");
  r.authorization = authorization;
  r.client_ip = req.remote_addr;
  r.body = body;
  r.is_get = req.method == "GET";
  r.fault = fault;
  ApiReply reply = s.api.Handle(r);
  NoteForLog(reply.note);
  if (fault && (fault->kind == FaultKind::kReset || fault->kind == FaultKind::kTruncate)) {
    const bool reset = fault->kind == FaultKind::kReset;
    NoteForLog(absl::StrCat("fault ", reset ? "reset" : "truncate", " at ", fault->arg));
    std::optional<ResetTarget> target;
    if (reset) target = ResetTarget{req.remote_addr, req.remote_port, s.port};
    SetBrokenBody(res, reply.status, std::move(reply.body), reply.content_type,
                  static_cast<size_t>(fault->arg), target);
    return;
  }
  res.status = reply.status;
  res.set_content(std::move(reply.body), reply.content_type);
}

void Route(Server::Impl& s, const httplib::Request& req, httplib::Response& res,
           const httplib::ContentReader* reader) {
  const std::string& path = req.path;
  if (path == "/upload.cgi") {
    if (reader != nullptr && req.method == "POST") {
      HandleUpload(s, req, res, *reader);
    } else {
      s.stats.Count(path);
      SetHtml(res, 400, "Upload error", "Pas de fichier");
    }
    return;
  }
  std::string body;
  switch (ReadBody(req, reader, body, kMaxApiBody)) {
    case BodyRead::kOk:
      break;
    case BodyRead::kTooLarge:
      return RefuseAndClose(res, 413, "Request too large", "The request body is too large.");
    case BodyRead::kIncomplete:
      return RefuseAndClose(res, 400, "Bad Request",
                            "The request body ended before its announced length.");
  }
  if (absl::StartsWith(path, "/_emulator/")) {
    HandleAdmin(s, req, res, body);
  } else if (absl::StartsWith(path, "/v1/")) {
    HandleApi(s, req, res, body);
  } else if (path == "/end.pl") {
    HandleEndPl(s, req, res);
  } else if (absl::StartsWith(path, "/dir/")) {
    HandleSharedFolder(s, req, res, absl::string_view(path).substr(5), body);
  } else if ((req.method == "GET" || req.method == "HEAD") && path.size() > 1 &&
             path.find('/', 1) == std::string::npos) {
    HandleDownload(s, req, res, absl::string_view(path).substr(1));
  } else {
    SetHtml(res, 404, "Not Found", "The requested URL was not found on this server.");
  }
}

}  // namespace

Server::Server(Options options) : impl_(std::make_unique<Impl>(std::move(options))) {}

Server::~Server() { Stop(); }

absl::Status Server::Start() {
  Impl& s = *impl_;
  const Options& o = s.options;
  if (!o.tls_cert.empty() || !o.tls_key.empty()) {
    if (o.tls_cert.empty() || o.tls_key.empty()) {
      return absl::InvalidArgumentError("--tls-cert and --tls-key go together");
    }
    s.http = std::make_unique<httplib::SSLServer>(o.tls_cert.c_str(), o.tls_key.c_str());
    s.scheme = "https";
  } else {
    GuardConfig guard;
    guard.clock = &s.time;
    guard.limits.header_timeout = absl::Seconds(o.header_timeout_seconds);
    guard.limits.max_head_bytes = o.max_head_bytes;
    guard.limits.quiet = o.quiet;
    guard.stats = &s.connections;
    guard.rate = &s.per_connection_rate;
    guard.stopping = &s.stopping;
    s.http = std::make_unique<GuardedServer>(guard);
  }
  s.per_connection_rate = o.per_connection_rate;
  if (!s.http->is_valid()) {
    return absl::InvalidArgumentError("cannot set up the server (bad TLS certificate or key?)");
  }

  // Data directory for the bodies.
  if (o.data_dir.empty()) {
    const char* tmp = getenv("TMPDIR");
    std::string pattern = absl::StrCat(tmp && *tmp ? tmp : "/tmp", "/fichier-emulator-XXXXXX");
    if (mkdtemp(pattern.data()) == nullptr) {
      return absl::InternalError(absl::StrCat("cannot create a data directory in ", pattern));
    }
    s.data_dir = pattern;
    s.own_data_dir = true;
  } else {
    s.data_dir = o.data_dir;
    std::error_code ec;
    std::filesystem::create_directories(s.data_dir, ec);
    if (ec) return absl::InvalidArgumentError(absl::StrCat("--data-dir: ", ec.message()));
  }

  httplib::Server& http = *s.http;
  // One thread per connection, started on demand (see connection_pool.h): slow clients hold
  // a thread each, and there are far more than such clients can take in a test.
  const size_t threads = static_cast<size_t>(std::max(2, o.threads));
  base::Clock* clock = &s.time;
  http.new_task_queue = [threads, clock] { return new ConnectionPool(threads, clock); };
  // Real servers keep connections for many requests; httplib's default (5) would make every
  // benchmark measure connection setup.
  http.set_keep_alive_max_count(1000000);
  http.set_keep_alive_timeout(30);
  http.set_read_timeout(60);
  http.set_write_timeout(60);
  http.set_payload_max_length(static_cast<size_t>(-1));
  http.set_tcp_nodelay(true);

  auto with_reader = [&s](const httplib::Request& req, httplib::Response& res,
                          const httplib::ContentReader& reader) { Route(s, req, res, &reader); };
  auto without_reader = [&s](const httplib::Request& req, httplib::Response& res) {
    Route(s, req, res, nullptr);
  };
  // Every method that may carry a body gets the reader, so no body is read before the checks
  // of RefuseBadRequest.
  http.Get(".*", without_reader);
  http.Post(".*", with_reader);
  http.Put(".*", with_reader);
  http.Patch(".*", with_reader);
  http.Delete(".*", with_reader);
  http.Delete(".*", without_reader);
  http.set_pre_routing_handler([&s](const httplib::Request& req, httplib::Response& res) {
    BeginLog();
    return RefuseBadRequest(s, req, res) ? httplib::Server::HandlerResponse::Handled
                                         : httplib::Server::HandlerResponse::Unhandled;
  });
  const httplib::Server::HandlerWithResponse on_error = [](const httplib::Request& req,
                                                           httplib::Response& res) {
    ExplainRefusedHead(req, res);
    return httplib::Server::HandlerResponse::Unhandled;
  };
  http.set_error_handler(on_error);
  const bool quiet = o.quiet;
  http.set_logger([quiet](const httplib::Request& req, const httplib::Response& res) {
    const bool had_context = log_context.active;
    log_context.active = false;
    if (quiet) return;
    const double ms =
        had_context ? absl::ToDoubleMilliseconds(absl::Now() - log_context.start) : 0.0;
    // The path only: never headers (the API key travels in Authorization).
    std::fprintf(stderr, "%s %s %d %.2fms%s%s\n", req.method.c_str(), req.path.c_str(),
                 res.status, ms, log_context.note.empty() ? "" : " ",
                 log_context.note.c_str());
  });

  s.port = o.listen_port == 0 ? http.bind_to_any_port(o.listen_host)
                              : (http.bind_to_port(o.listen_host, o.listen_port)
                                     ? o.listen_port
                                     : -1);
  if (s.port <= 0) {
    return absl::UnavailableError(
        absl::StrCat("cannot listen on ", o.listen_host, ":", o.listen_port));
  }
  if (auto* guarded = dynamic_cast<GuardedServer*>(s.http.get())) guarded->DeepenAcceptQueue();
  const std::string advertised =
      o.advertise_host.empty() ? absl::StrCat(o.listen_host, ":", s.port) : o.advertise_host;
  s.api.SetPublicHost(advertised, s.scheme);
  s.fetcher = std::make_unique<RemoteFetcher>(&s.store, o.remote_any_host,
                                              [&s] { return s.NewBlobPath(); });
  s.api.SetRemoteJobListener([&s] { s.fetcher->Wake(); });
  for (const std::string& spec : o.faults) {
    auto rule = ParseFaultSpec(spec);
    if (!rule.ok()) return rule.status();
    s.faults.Add(*std::move(rule));
  }
  s.listen_thread = std::thread([&http] { http.listen_after_bind(); });
  return absl::OkStatus();
}

int Server::port() const { return impl_->port; }

std::string Server::base_url() const {
  return absl::StrCat(impl_->scheme, "://", impl_->options.listen_host, ":", impl_->port);
}

void Server::Stop() {
  Impl& s = *impl_;
  {
    absl::MutexLock lock(&s.stop_mu);
    if (s.stop_requested) {
      // Another thread (the signal watcher) is stopping: wait until it is done.
      s.stop_mu.Await(absl::Condition(&s.stopped));
      return;
    }
    s.stop_requested = true;
  }
  s.stopping = true;
  if (s.http) s.http->stop();
  if (s.listen_thread.joinable()) s.listen_thread.join();
  s.fetcher.reset();
  s.store.Reset();  // drops every blob, which unlinks its file
  if (s.own_data_dir) {
    std::error_code ec;
    std::filesystem::remove_all(s.data_dir, ec);
  }
  absl::MutexLock lock(&s.stop_mu);
  s.stopped = true;
}

void Server::Wait() {
  Impl& s = *impl_;
  absl::MutexLock lock(&s.stop_mu);
  s.stop_mu.Await(absl::Condition(&s.stopped));
}

}  // namespace emulator
