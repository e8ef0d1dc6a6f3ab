#include "backend/fichier/fichier_options.h"

#include <arpa/inet.h>

#include <optional>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "vfs/config/control_chars.h"
#include "vfs/errors.h"
#include "vfs/log.h"

namespace backend::fichier {
namespace {

absl::TimeZone Paris() {
  static const absl::TimeZone tz = [] {
    absl::TimeZone zone;
    if (absl::LoadTimeZone("Europe/Paris", &zone)) return zone;
    return absl::FixedTimeZone(3600);  // no tz data: CET all year
  }();
  return tz;
}

}  // namespace

vfs::Options FichierOptionDeclarations() {
  auto hidden_ms = [](const char* name, const char* help, const char* value) {
    return vfs::Option{.name = name, .help = help, .default_value = value, .advanced = true,
                       .hidden = true};
  };
  return {
      vfs::Option{.name = "api_key",
                  .help = "Your API Key, get it from https://1fichier.com/console/params.pl.",
                  .default_value = "",
                  .sensitive = true},
      vfs::Option{.name = "shared_folder",
                  .help = "If you want to download a shared folder, add this parameter.",
                  .default_value = "",
                  .advanced = true,
                  .sensitive = true},
      vfs::Option{.name = "file_password",
                  .help = "If you want to download a shared file that is password protected, "
                          "add this parameter.",
                  .default_value = "",
                  .advanced = true,
                  .secret = true},
      vfs::Option{.name = "folder_password",
                  .help = "If you want to list the files in a shared folder that is password "
                          "protected, add this parameter.",
                  .default_value = "",
                  .advanced = true,
                  .secret = true},
      vfs::Option{.name = "cdn",
                  .help = "Set if you wish to use CDN download links.",
                  .default_value = "false",
                  .advanced = true},
      vfs::Option{.name = "encoding",
                  .help = "The encoding for the backend.\n\n"
                          "See the [encoding section in the overview](/overview/#encoding) "
                          "for more info.",
                  .default_value = encoding::MultiEncoder(encoding::kFichierDefaultMask).ToString(),
                  .advanced = true},
      vfs::Option{.name = "api_url",
                  .help = "Base URL of the API (tests point it at the emulator).",
                  .default_value = kDefaultApiUrl,
                  .advanced = true,
                  .hidden = true},
      vfs::Option{.name = "ca_file",
                  .help = "PEM file of CA certificates trusted for TLS (default: the system "
                          "store).",
                  .default_value = "",
                  .advanced = true,
                  .hidden = true},
      vfs::Option{.name = "pacer_min_sleep",
                  .help = "Minimum time between API calls, in milliseconds (tests shorten it).",
                  .default_value = "400",
                  .advanced = true,
                  .hidden = true},
      vfs::Option{.name = "pacer_burst",
                  .help = "API calls that may start together when the service is not pushing "
                          "back (at most this many in any burst x pacer_min_sleep); 1 spaces "
                          "every call by pacer_min_sleep as rclone does.",
                  .default_value = "3",
                  .advanced = true,
                  .hidden = true},
      hidden_ms("pacer_max_sleep", "Longest back-off between API calls, in milliseconds.", "5000"),
      hidden_ms("flood_pause", "First pause after a flood answer, in milliseconds.", "30000"),
      hidden_ms("http_timeout",
                "Bound of a JSON exchange and of a stalled transfer, in milliseconds (0 = the "
                "defaults: 120 s and 300 s).",
                "0"),
      hidden_ms("remote_upload_timeout",
                "How long copyurl follows a remote upload job, in milliseconds.", "1800000"),
      vfs::Option{.name = "download_verify",
                  .help = "Check the Whirlpool and size of every whole-file download against "
                          "the listing at the end of the stream.",
                  .default_value = "true",
                  .advanced = true},
  };
}

rest::HttpClientOptions HttpOptionsFor(const FichierOptions& o, const vfs::GlobalOptions& g) {
  rest::HttpClientOptions http;
  http.ca_file = o.ca_file;
  http.connect_timeout = g.connect_timeout;  // --contimeout
  http.idle_timeout = g.timeout;             // --timeout
  if (http.ca_file.empty()) http.ca_file = g.ca_cert;  // --ca-cert (the remote's own wins)
  if (!g.user_agent.empty()) http.user_agent = g.user_agent;
  http.verify_tls = !g.no_check_certificate;
  http.extra_headers = g.headers;
  http.download_headers = g.download_headers;
  http.upload_headers = g.upload_headers;
  http.disable_http2 = g.disable_http2;
  http.bind_address = g.bind_address;
  http.tps_limit = g.tpslimit;
  http.tps_burst = g.tpslimit_burst;
  if (g.dump.any_http()) {
    http.dump = {g.dump.headers, g.dump.bodies, g.dump.requests, g.dump.responses,
                 [](std::string_view text) { vfs::Log(vfs::LogLevel::kDebug, "", text); }};
  }
  if (o.http_timeout > absl::ZeroDuration()) {
    // The hidden test option bounds everything, as before the global flags existed.
    http.request_timeout = o.http_timeout;
    http.idle_timeout = o.http_timeout;
  }
  return http;
}

namespace {

// The host of an http(s) URL, without port or IPv6 brackets, lower case.
std::string UrlHost(std::string_view url) {
  size_t start = url.find("://");
  start = start == std::string_view::npos ? 0 : start + 3;
  std::string_view rest = url.substr(start);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (rest.find('@') != std::string_view::npos) return "";  // user info: no host we can trust
  std::string_view host = rest;
  if (!rest.empty() && rest[0] == '[') {
    host = rest.substr(1, rest.find(']') == std::string_view::npos ? rest.size() - 1
                                                                    : rest.find(']') - 1);
  } else if (size_t colon = rest.find(':'); colon != std::string_view::npos) {
    host = rest.substr(0, colon);
  }
  return absl::AsciiStrToLower(absl::string_view(host.data(), host.size()));
}

bool IsLoopbackHost(const std::string& host) {
  if (host == "localhost" || host == "::1") return true;
  in_addr v4;  // a real dotted quad: "127.0.0.1.example.com" is no loopback
  return ::inet_pton(AF_INET, host.c_str(), &v4) == 1 && absl::StartsWith(host, "127.");
}

}  // namespace

absl::Status CheckApiUrl(std::string_view url) {
  const std::string lower = absl::AsciiStrToLower(absl::string_view(url.data(), url.size()));
  if (absl::StartsWith(lower, "https://")) return absl::OkStatus();
  if (absl::StartsWith(lower, "http://")) {
    // The Bearer key would cross the network in clear; only a server on this machine (the
    // emulator, tests) may be spoken to without TLS.
    if (IsLoopbackHost(UrlHost(url))) return absl::OkStatus();
    return vfs::BadInput("api_url", "plain http is refused (the API key would travel in clear); "
                                    "use https, or http only to a loopback address "
                                    "(127.0.0.0/8, ::1, localhost)");
  }
  return vfs::BadInput("api_url", "must start with https:// (or http:// to a loopback address)");
}

absl::StatusOr<FichierOptions> ParseFichierOptions(const vfs::FsParams& params) {
  FichierOptions o;
  o.api_key = params.Get("api_key");
  o.shared_folder = params.Get("shared_folder");
  // Secret options arrive revealed: the config resolver reveals them once on the way out of
  // rclone.conf, connection strings and the environment (revealing again here would garble them).
  o.file_password = params.Get("file_password");
  o.folder_password = params.Get("folder_password");
  // These go into headers or request bodies: a CR/LF would inject headers of its own.
  for (const char* name : {"api_key", "file_password", "folder_password", "shared_folder"}) {
    absl::Status clean = vfs::CheckNoControlChars(name, params.Get(name));
    if (!clean.ok()) return vfs::BadInput(name, std::string(clean.message()));
  }
  absl::StatusOr<bool> cdn = params.GetBool("cdn");
  if (!cdn.ok()) return vfs::BadInput("cdn", std::string(cdn.status().message()));
  o.cdn = *cdn;
  std::string enc = params.Get("encoding");
  if (!enc.empty()) {
    absl::StatusOr<encoding::MultiEncoder> parsed = encoding::MultiEncoder::Parse(enc);
    if (!parsed.ok()) return vfs::BadInput("encoding", std::string(parsed.status().message()));
    o.encoder = *parsed;
  }
  if (std::string url = params.Get("api_url"); !url.empty()) {
    while (!url.empty() && url.back() == '/') url.pop_back();
    absl::Status clean = vfs::CheckNoControlChars("api_url", url);
    if (!clean.ok()) return vfs::BadInput("api_url", std::string(clean.message()));
    if (absl::Status scheme = CheckApiUrl(url); !scheme.ok()) return scheme;
    o.api_url = url;
  }
  o.ca_file = params.Get("ca_file");
  if (std::string ms = params.Get("pacer_min_sleep"); !ms.empty()) {
    int64_t value = 0;
    if (!absl::SimpleAtoi(ms, &value) || value < 0) {
      return vfs::BadInput("pacer_min_sleep", "expects a number of milliseconds");
    }
    o.pacer_min_sleep = absl::Milliseconds(value);
  }
  if (std::string burst = params.Get("pacer_burst"); !burst.empty()) {
    if (!absl::SimpleAtoi(burst, &o.pacer_burst) || o.pacer_burst < 1 || o.pacer_burst > 10) {
      return vfs::BadInput("pacer_burst", "expects a whole number from 1 to 10");
    }
  }
  struct Ms {
    const char* name;
    absl::Duration* out;
  };
  for (const Ms& ms : {Ms{"pacer_max_sleep", &o.pacer_max_sleep}, Ms{"flood_pause", &o.flood_pause},
                       Ms{"http_timeout", &o.http_timeout},
                       Ms{"remote_upload_timeout", &o.remote_upload_timeout}}) {
    std::string text = params.Get(ms.name);
    if (text.empty()) continue;
    int64_t value = 0;
    if (!absl::SimpleAtoi(text, &value) || value < 0) {
      return vfs::BadInput(ms.name, "expects a number of milliseconds");
    }
    *ms.out = absl::Milliseconds(value);
  }
  if (o.pacer_max_sleep < o.pacer_min_sleep) o.pacer_max_sleep = o.pacer_min_sleep;
  if (!params.Get("download_verify").empty()) {  // unset = the default (on)
    absl::StatusOr<bool> verify = params.GetBool("download_verify");
    if (!verify.ok()) return verify.status();
    o.download_verify = *verify;
  }
  if (o.api_key.empty() && o.shared_folder.empty()) {
    return vfs::BadInput("api_key", "is required (or shared_folder for a read-only remote)");
  }
  return o;
}

std::optional<absl::Time> ParseFichierDate(const std::string& date) {
  absl::Time t;
  std::string err;
  if (!absl::ParseTime("%Y-%m-%d %H:%M:%S", date, Paris(), &t, &err)) return std::nullopt;
  return t;
}

std::string FormatFichierDate(absl::Time t) {
  return absl::FormatTime("%Y-%m-%d %H:%M:%S", t, Paris());
}

}  // namespace backend::fichier
