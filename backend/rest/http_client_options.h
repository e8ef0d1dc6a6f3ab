// Options of the shared HTTP client. Defaults are safe for the public internet: TLS verified
// against the system store, bounded waits everywhere.
#ifndef FICHIER_BACKEND_REST_HTTP_CLIENT_OPTIONS_H_
#define FICHIER_BACKEND_REST_HTTP_CLIENT_OPTIONS_H_

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include "absl/time/time.h"
#include "backend/rest/http_dump.h"
#include "backend/rest/http_types.h"
#include "base/clock.h"

namespace backend::rest {

struct HttpClientOptions {
  // PEM bundle of trusted CAs; empty = the system store. Lets tests trust a local test CA
  // without ever turning verification off.
  std::string ca_file;
  // rclone's --contimeout default (1m); backends take the run's value (vfs::GlobalOptions).
  absl::Duration connect_timeout = absl::Minutes(1);
  // Whole exchange of a buffered request (JSON calls). Streams use idle_timeout instead, since
  // a large transfer legitimately takes hours.
  absl::Duration request_timeout = absl::Seconds(120);
  // A stream (upload or download) is aborted when fewer than one byte per second moved for this
  // long: a stalled peer becomes a retryable error instead of a hang. rclone's --timeout (5m).
  absl::Duration idle_timeout = absl::Seconds(300);
  // Buffered answers larger than this fail (the APIs we talk to answer a few KiB; this guards
  // memory against a misbehaving server).
  size_t max_response_bytes = 64u << 20;
  // Bytes a download may hold before it pauses the transfer until the reader catches up.
  size_t download_buffer_bytes = 256u << 10;
  // libcurl's receive buffer for downloads (CURLOPT_BUFFERSIZE; libcurl caps it at 512 KiB).
  size_t download_chunk_bytes = 256u << 10;
  std::string user_agent = "fichier/0.1";  // --user-agent replaces it
  // --no-check-certificate turns verification off (the host warns loudly); never by default.
  bool verify_tls = true;
  // --dump headers,bodies,requests,responses (redacted; see http_dump.h).
  DumpOptions dump;
  // --header on every request, --header-download on downloads, --header-upload on uploads.
  HttpHeaders extra_headers;
  HttpHeaders download_headers;
  HttpHeaders upload_headers;
  // --disable-http2: HTTP/1.1 even where TLS would negotiate HTTP/2.
  bool disable_http2 = false;
  // --bind: the local address (IP or host name) outgoing connections are made from.
  std::string bind_address;
  // --tpslimit / --tpslimit-burst: transactions per second (0 = none), one bucket per process.
  double tps_limit = 0;
  int tps_burst = 1;
  base::Clock* clock = base::Clock::Real();  // what --tpslimit waits on
  size_t max_idle_handles = 16;
  // Receives one line per request (method, URL without query, status, size, time). Never
  // headers or bodies, so credentials cannot reach a log through it.
  std::function<void(std::string_view)> debug_log;
};

}  // namespace backend::rest

#endif  // FICHIER_BACKEND_REST_HTTP_CLIENT_OPTIONS_H_
