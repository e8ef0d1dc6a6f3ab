// Everything the emulator can be told at start. Defaults follow spec §16 and the EMU notes.
#ifndef FICHIER_EMULATOR_OPTIONS_H_
#define FICHIER_EMULATOR_OPTIONS_H_

#include <cstdint>
#include <string>
#include <vector>

namespace emulator {

struct ApiKey {
  std::string key;
  bool premium = true;
};

// How names with characters the real service seems to mangle are handled (§2.9).
enum class NamePolicy { kKeep, kStrip, kReject };

struct RateOptions {
  double calls_per_second = 0;  // 0 = flood protection off
  double burst = 3;
  double lock_seconds = 30;
  // Minimum spacing of two listings of one folder (file/ls, folder/ls); 0 = off.
  double folder_list_interval = 0;
  // Extra budgets from §4.5, applied only while flood protection is on.
  double user_info_interval = 60;
  double all_files_interval = 3600;
  int flood_code = 374;
};

struct Options {
  std::string listen_host = "127.0.0.1";
  int listen_port = 0;
  std::string tls_cert;
  std::string tls_key;
  // host[:port] put in upload-node answers and download URLs; empty = the listen address.
  std::string advertise_host;
  // Host of file URLs (https://<host>/?<id>) and share URLs; clients treat them as opaque ids.
  std::string file_url_host = "1fichier.com";
  std::vector<ApiKey> keys;
  std::string data_dir;  // empty = a fresh directory under $TMPDIR, removed at exit
  std::string admin_token;
  uint64_t seed = 0;
  bool seed_given = false;
  bool quiet = false;
  // Connections served at once (one thread each, started on demand); more wait their turn.
  int threads = 512;
  // A request line and headers must arrive within this (emulator clock, from the accept or the
  // request's first byte), and stay under max_head_bytes: else 408 / 431 and the connection
  // is closed.
  double header_timeout_seconds = 10;
  size_t max_head_bytes = 64 << 10;
  // Bytes per second per connection, each way (0 = no cap): --per-connection-rate.
  double per_connection_rate = 0;

  RateOptions rate;
  std::vector<std::string> faults;

  NamePolicy name_policy = NamePolicy::kKeep;
  bool allow_duplicate_folders = false;
  bool fixed_utc_plus_one = false;
  bool content_type_underscore = false;  // file/info.cgi: content_type instead of content-type
  double token_lifetime_seconds = 300;
  double visibility_delay_ms = 0;   // new files appear in listings after this delay
  uint64_t max_file_size = 300'000'000'000ULL;
  uint64_t max_request_size = 500'000'000'000ULL;
  int max_files_per_upload = 500;
  size_t listing_cap = 5000;
  uint64_t available_cold_storage = 109'951'162'777'600ULL;  // 100 TiB
  bool remote_any_host = false;  // remote upload may fetch non-loopback URLs
  // Large uploads bypass the page cache (O_DIRECT) where the file system allows it.
  bool direct_io = true;
};

}  // namespace emulator

#endif  // FICHIER_EMULATOR_OPTIONS_H_
