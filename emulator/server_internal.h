// Shared by the server's handler files only: the state every handler needs and the httplib
// types. Never included outside emulator/*.cc (httplib.h is heavy).
#ifndef FICHIER_EMULATOR_SERVER_INTERNAL_H_
#define FICHIER_EMULATOR_SERVER_INTERNAL_H_

#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include "absl/strings/string_view.h"
#include <thread>

#include "absl/synchronization/mutex.h"
#include "emulator/api.h"
#include "emulator/call_stats.h"
#include "emulator/connection_stats.h"
#include "emulator/fault_injector.h"
#include "emulator/id_generator.h"
#include "emulator/options.h"
#include "emulator/paris_clock.h"
#include "base/clock.h"
#include "emulator/rate_limiter.h"
#include "emulator/remote_fetcher.h"
#include "emulator/server.h"
#include "emulator/store.h"
#include "httplib.h"

namespace emulator {

struct Server::Impl {
  explicit Impl(Options o);

  Options options;
  IdGenerator ids;
  ParisClock clock;         // dates as the service writes them
  base::OffsetClock time;   // the one time source: store and rate limiter (/_emulator/clock)
  Store store;
  RateLimiter limiter;
  FaultInjector faults;
  CallStats stats;
  ConnectionStats connections;
  std::atomic<double> per_connection_rate{0};  // bytes/s; the admin path may change it
  Api api;
  std::unique_ptr<httplib::Server> http;
  std::unique_ptr<RemoteFetcher> fetcher;
  std::thread listen_thread;
  int port = 0;
  std::string scheme = "http";
  std::string data_dir;
  bool own_data_dir = false;
  std::atomic<uint64_t> next_blob{0};
  std::atomic<bool> stopping{false};
  absl::Mutex stop_mu;
  bool stop_requested ABSL_GUARDED_BY(stop_mu) = false;
  bool stopped ABSL_GUARDED_BY(stop_mu) = false;

  // A fresh path in the data directory for an upload's bytes.
  std::string NewBlobPath();
  // Sleeps up to `ms` of the emulator's clock, waking early when the server stops.
  void Stall(int64_t ms);
};

// Per-request log context (one line per request, written by the httplib logger).
void NoteForLog(absl::string_view note);

// Small HTML pages: upload nodes, download hosts and the web site answer HTML, not JSON.
std::string HtmlEscape(absl::string_view s);
std::string HtmlPage(absl::string_view title, absl::string_view text);
void SetHtml(httplib::Response& res, int status, absl::string_view title, absl::string_view text);

// The peer's and the local address and port of a socket; false when it has none.
bool PeerOf(int fd, std::string& ip, int& port);
bool LocalAddressOf(int fd, std::string& ip, int& port);
// The descriptor of the connection with these addresses (the request's socket), or -1.
int ConnectionSocket(const std::string& remote_addr, int remote_port, int local_port);
// Resets the TCP connection of a request now (the client sees ECONNRESET). Returns false when
// its socket could not be found.
bool ResetConnection(const std::string& remote_addr, int remote_port, int local_port);
// An answer whose body stops after `bytes` of `body` and then drops the connection: cleanly,
// or with a reset when `reset` is given.
struct ResetTarget {
  std::string remote_addr;
  int remote_port = -1;
  int local_port = -1;
};
void SetBrokenBody(httplib::Response& res, int status, std::string body, std::string content_type,
                   size_t bytes, std::optional<ResetTarget> reset = std::nullopt);
// Reads and discards whatever body the client is still sending, so a keep-alive connection
// stays in sync after an early error answer. False when it ended early (short, bad chunks).
bool DrainBody(const httplib::Request& req, const httplib::ContentReader& reader);

// Request bodies of everything but upload.cgi stay under this.
inline constexpr uint64_t kMaxApiBody = 16 << 20;
// Answers `status` with an HTML page and closes the connection after it (the request's body,
// if any, was not read).
void RefuseAndClose(httplib::Response& res, int status, absl::string_view title,
                    absl::string_view text);
// Before routing: ends the request head, and refuses (true) a request whose body is badly
// framed (400), missing its length (411) or over the endpoint's limit (413).
bool RefuseBadRequest(Server::Impl& s, const httplib::Request& req, httplib::Response& res);
// For answers httplib made itself: a 400 caused by an oversized header line becomes 431.
void ExplainRefusedHead(const httplib::Request& req, httplib::Response& res);

// Handlers, one file each.
void HandleUpload(Server::Impl& s, const httplib::Request& req, httplib::Response& res,
                  const httplib::ContentReader& reader);
void HandleEndPl(Server::Impl& s, const httplib::Request& req, httplib::Response& res);
void HandleDownload(Server::Impl& s, const httplib::Request& req, httplib::Response& res,
                    absl::string_view token);
void HandleSharedFolder(Server::Impl& s, const httplib::Request& req, httplib::Response& res,
                        absl::string_view share_id, absl::string_view form_body);
void HandleAdmin(Server::Impl& s, const httplib::Request& req, httplib::Response& res,
                 absl::string_view body);
// Applies a fault that is the same for every endpoint (status, flood, html, reset, truncate,
// stall). Returns true when the request has been answered.
bool ApplyCommonFault(Server::Impl& s, const httplib::Request& req, httplib::Response& res,
                      const FaultAction& fault, bool json_endpoint);

}  // namespace emulator

#endif  // FICHIER_EMULATOR_SERVER_INTERNAL_H_
