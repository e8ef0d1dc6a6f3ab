// fichier-emulator: a local stand-in for the 1fichier API. See emulator/README.md.
#include <signal.h>

#include <cstdio>
#include <thread>

#include "CLI/CLI.hpp"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "base/enum_names.h"
#include "emulator/admin_values.h"
#include "emulator/fault_injector.h"
#include "emulator/options.h"
#include "emulator/secrets.h"
#include "emulator/server.h"

namespace {

constexpr char kFooter[] = R"(
Keys and the admin token: anything given on the command line (--key, --free-key, --admin-token)
is visible to every user of the machine in ps. Prefer files (one key per line, blank lines and
lines starting with # ignored; keep them chmod 600) or the environment:
  FICHIER_EMULATOR_KEYS=K1,K2   FICHIER_EMULATOR_FREE_KEYS=K3   FICHIER_EMULATOR_ADMIN_TOKEN=T
Keys from every source are accepted together; each key is its own account.

Fault specs (--fault, repeatable; also POST /_emulator/faults):
  ENDPOINT:ACTION[:ARG][@WHEN]
  ENDPOINT  /v1/file/ls.cgi (or file/ls), /upload.cgi, /end.pl, download, /dir, or *
  ACTION    status:CODE      answer HTTP CODE (4xx: KO JSON on /v1; else an HTML page)
            flood            403 "Flood detected: IP Locked #374"
            html             200 with an HTML page instead of JSON
            nolinks          end.pl: JSON with an empty links array
            badsum           end.pl: wrong whirlpool
            badsize          end.pl: size one larger than stored
            reset[:BYTES]    TCP reset after BYTES of upload data read / of the answer written
            truncate:BYTES   clean close after BYTES of the answer body
            stall:MS         wait MS ms, then answer normally
            lag[:MS]         listings hide files younger than MS ms (default 5000)
  WHEN      N (next N calls, default 1) | S+N (skip S calls, then N) | P% (probability)
  e.g. --fault end.pl:html@1 --fault file/ls:status:503@2 --fault download:truncate:1000@5%

Admin (header X-Admin-Token when --admin-token is set):
  POST /_emulator/reset   POST /_emulator/stats/reset   GET /_emulator/stats   GET /_emulator/tree
  GET|POST /_emulator/faults   POST /_emulator/faults/clear   GET|POST /_emulator/rate
  POST /_emulator/clock {"advance_seconds": N}   GET /_emulator/connections
  POST /_emulator/rate also takes "per_connection_rate" (bytes/s); values out of range are 400.

Connections (plain HTTP): a request line and headers must arrive within --header-timeout (408)
and stay under 64 KiB (431); a body must be announced by a decimal Content-Length or chunked
(400), stay under the endpoint's limit (413), and arrive whole before anything is done with it.
)";

bool IsLoopback(const std::string& host) {
  return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

// A secret's option and its -file twin. The inline form shows in ps, which its help says.
template <typename T>
void AddSecretOptions(CLI::App& app, const std::string& name, T& value, const std::string& help,
                      T& file_value, const std::string& file_help) {
  app.add_option(name, value, help + "; visible to other users in ps, prefer " + name + "-file");
  app.add_option(name + "-file", file_value, file_help);
}

}  // namespace

int main(int argc, char** argv) {
  emulator::Options o;
  std::string listen = "127.0.0.1:0";
  emulator::SecretFlags secrets;
  std::string rate = "0";
  std::string name_policy = "keep";

  CLI::App app{"fichier-emulator: a local emulator of the 1fichier.com API"};
  app.footer(kFooter);
  app.add_option("--listen", listen, "HOST:PORT to listen on (loopback only; port 0 = any free)")
      ->capture_default_str();
  AddSecretOptions(app, "--key", secrets.keys, "accepted premium API key (repeatable)",
                   secrets.key_files,
                   "file of premium API keys, one per line, # comments (repeatable)");
  AddSecretOptions(app, "--free-key", secrets.free_keys,
                   "accepted non-premium API key (repeatable)", secrets.free_key_files,
                   "file of non-premium API keys, one per line (repeatable)");
  app.add_option("--data-dir", o.data_dir, "where file bodies are stored (default: a temp dir)");
  app.add_option("--tls-cert", o.tls_cert, "PEM certificate: serve HTTPS");
  app.add_option("--tls-key", o.tls_key, "PEM private key for --tls-cert");
  app.add_option("--advertise-host", o.advertise_host,
                 "NAME[:PORT] given for upload nodes and download URLs (default: listen address)");
  app.add_option("--file-url-host", o.file_url_host, "host of file URLs https://HOST/?id")
      ->capture_default_str();
  AddSecretOptions(app, "--admin-token", secrets.admin_token,
                   "token required in X-Admin-Token for /_emulator/", secrets.admin_token_file,
                   "file holding the admin token (one line)");
  app.add_option("--rate-limit", rate, "flood protection: N/s calls per key and per IP (0 = off)")
      ->capture_default_str();
  app.add_option("--burst", o.rate.burst, "flood protection burst")->capture_default_str();
  app.add_option("--lock-seconds", o.rate.lock_seconds, "lock time after a flood")
      ->capture_default_str();
  app.add_option("--folder-list-interval", o.rate.folder_list_interval,
                 "min seconds between two listings of one folder (0 = off)")
      ->capture_default_str();
  app.add_option("--user-info-interval", o.rate.user_info_interval,
                 "min seconds between user/info calls per IP, with --rate-limit")
      ->capture_default_str();
  app.add_option("--all-files-interval", o.rate.all_files_interval,
                 "min seconds between file/ls of folder -1, with --rate-limit")
      ->capture_default_str();
  app.add_option("--flood-code", o.rate.flood_code, "code of the flood message (374 or 412)")
      ->capture_default_str();
  app.add_option("--fault", o.faults, "fault spec (repeatable; syntax below)");
  app.add_option("--seed", o.seed, "seed for ids and probabilistic faults");
  app.add_option("--name-policy", name_policy, "keep | strip | reject names with \\<>\"'$`")
      ->capture_default_str();
  app.add_flag("--allow-duplicate-folders", o.allow_duplicate_folders,
               "let folder/mkdir create a second folder with an existing name");
  app.add_flag("--utc-plus-one", o.fixed_utc_plus_one, "dates in fixed UTC+1, not Europe/Paris");
  app.add_flag("--content-type-underscore", o.content_type_underscore,
               "file/info.cgi says content_type instead of content-type");
  app.add_option("--token-lifetime", o.token_lifetime_seconds, "download token lifetime, s")
      ->capture_default_str();
  app.add_option("--visibility-delay-ms", o.visibility_delay_ms,
                 "new files appear in listings after this delay")
      ->capture_default_str();
  app.add_option("--max-file-size", o.max_file_size, "bytes per uploaded file")
      ->capture_default_str();
  app.add_option("--max-request-size", o.max_request_size, "bytes per upload request")
      ->capture_default_str();
  app.add_option("--max-files-per-upload", o.max_files_per_upload, "file parts per upload")
      ->capture_default_str();
  app.add_option("--listing-cap", o.listing_cap, "max items per listing")->capture_default_str();
  app.add_option("--available-storage", o.available_cold_storage,
                 "user/info available_cold_storage, bytes")
      ->capture_default_str();
  app.add_flag("--remote-any-host", o.remote_any_host,
               "remote upload may fetch non-loopback URLs (default: loopback only)");
  app.add_option("--threads", o.threads,
                 "most connections served at once (a thread each, started on demand; more wait "
                 "their turn)")
      ->capture_default_str()
      ->check(CLI::Range(2, 100000));
  app.add_option("--header-timeout", o.header_timeout_seconds,
                 "seconds a request line and its headers may take to arrive (else 408 and the "
                 "connection is closed; on the emulator clock)")
      ->capture_default_str()
      ->check(CLI::Range(0.001, emulator::kMaxHeaderTimeout));
  std::string per_connection_rate = "0";
  app.add_option("--per-connection-rate", per_connection_rate,
                 "BYTES/s cap per TCP connection, each way (e.g. 20M, 512K; 0 = none; plain "
                 "HTTP only; paced on the emulator clock)")
      ->capture_default_str();
  bool buffered_io = false;
  app.add_flag("--buffered-io", buffered_io,
               "store uploads through the page cache, not with O_DIRECT (for disks slower than "
               "about 1 GB/s)");
  app.add_flag("--quiet", o.quiet, "no per-request log lines");
  CLI11_PARSE(app, argc, argv);

  o.seed_given = app.count("--seed") > 0;
  o.direct_io = !buffered_io;
  const size_t colon = listen.rfind(':');
  if (colon == std::string::npos || !absl::SimpleAtoi(listen.substr(colon + 1), &o.listen_port) ||
      o.listen_port < 0 || o.listen_port > 65535) {
    std::fprintf(stderr, "--listen wants HOST:PORT, got %s\n", listen.c_str());
    return 2;
  }
  o.listen_host = std::string(absl::StripSuffix(absl::StripPrefix(listen.substr(0, colon), "["), "]"));
  if (!IsLoopback(o.listen_host)) {
    std::fprintf(stderr, "--listen: only loopback addresses are allowed\n");
    return 2;
  }
  absl::string_view rate_view = rate;
  absl::ConsumeSuffix(&rate_view, "/s");
  if (!absl::SimpleAtod(rate_view, &o.rate.calls_per_second) || o.rate.calls_per_second < 0) {
    std::fprintf(stderr, "--rate-limit wants N/s, got %s\n", rate.c_str());
    return 2;
  }
  if (absl::Status st = emulator::CheckRateOptions(o.rate); !st.ok()) {
    std::fprintf(stderr, "fichier-emulator: %s\n", std::string(st.message()).c_str());
    return 2;
  }
  if (auto r = emulator::ParseByteRate(per_connection_rate); r.ok()) {
    o.per_connection_rate = *r;
  } else {
    std::fprintf(stderr, "--per-connection-rate: %s\n", std::string(r.status().message()).c_str());
    return 2;
  }
  static constexpr base::EnumName<emulator::NamePolicy> kNamePolicies[] = {
      {emulator::NamePolicy::kKeep, "keep"},
      {emulator::NamePolicy::kStrip, "strip"},
      {emulator::NamePolicy::kReject, "reject"},
  };
  if (std::optional<emulator::NamePolicy> policy = base::ValueOf(kNamePolicies, name_policy)) {
    o.name_policy = *policy;
  } else {
    std::fprintf(stderr, "--name-policy: keep, strip or reject\n");
    return 2;
  }
  secrets.admin_token_given = app.count("--admin-token") > 0;
  std::vector<std::string> warnings;
  if (absl::Status s = emulator::CollectSecrets(secrets, o, warnings); !s.ok()) {
    std::fprintf(stderr, "fichier-emulator: %s\n", std::string(s.message()).c_str());
    return 2;
  }
  for (const std::string& w : warnings) std::fprintf(stderr, "fichier-emulator: %s\n", w.c_str());
  for (const std::string& spec : o.faults) {
    if (auto rule = emulator::ParseFaultSpec(spec); !rule.ok()) {
      std::fprintf(stderr, "%s\n", std::string(rule.status().message()).c_str());
      return 2;
    }
  }

  // Signals go to one watcher thread: block them before any other thread exists.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  signal(SIGPIPE, SIG_IGN);

  emulator::Server server(std::move(o));
  if (auto status = server.Start(); !status.ok()) {
    std::fprintf(stderr, "fichier-emulator: %s\n", std::string(status.message()).c_str());
    return 1;
  }
  std::printf("listening on %s\n", server.base_url().c_str());
  std::fflush(stdout);

  std::thread watcher([&] {
    int sig = 0;
    sigwait(&signals, &sig);
    std::fprintf(stderr, "fichier-emulator: signal %d, stopping\n", sig);
    server.Stop();
  });
  server.Wait();
  watcher.join();
  return 0;
}
