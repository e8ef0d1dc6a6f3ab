// The options of a `fichier` remote (rclone's names and meanings, spec/fichier-api.md section 15)
// and their parsing. Passwords arrive obscured, as rclone.conf stores them, and are revealed
// here once: the service needs the real password, and rclone's backend sends the obscured text
// by mistake (spec/rclone-conventions.md section 7).
#ifndef FICHIER_BACKEND_FICHIER_FICHIER_OPTIONS_H_
#define FICHIER_BACKEND_FICHIER_FICHIER_OPTIONS_H_

#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "backend/rest/http_client_options.h"
#include "base/clock.h"
#include "encoding/multi_encoder.h"
#include "vfs/config/option.h"
#include "vfs/global_options.h"
#include "vfs/registry.h"

namespace backend::fichier {

inline constexpr char kDefaultApiUrl[] = "https://api.1fichier.com/v1";

struct FichierOptions {
  std::string api_key;
  std::string shared_folder;    // id of a public shared folder: read-only mode
  std::string file_password;    // revealed
  std::string folder_password;  // revealed
  bool cdn = false;
  encoding::MultiEncoder encoder{encoding::kFichierDefaultMask};
  std::string api_url = kDefaultApiUrl;
  std::string ca_file;  // PEM bundle trusted for TLS; "" = the system store
  absl::Duration pacer_min_sleep = absl::Milliseconds(400);
  // Calls that may start together while the pacer is at its floor (rest::PacerOptions::burst):
  // 3, the service's stated calls per second; 1 spaces every call as rclone does.
  int pacer_burst = 3;
  // Hidden, for tests: the pacer's back-off ceiling, the first flood pause, and one bound for
  // a JSON exchange and for a stalled stream (0 = the HTTP client's defaults).
  absl::Duration pacer_max_sleep = absl::Seconds(5);
  absl::Duration flood_pause = absl::Seconds(30);
  absl::Duration http_timeout = absl::ZeroDuration();
  // Whole-file downloads are hashed as they stream and checked against the listing's size and
  // Whirlpool at the end (a mismatch is a data-loss error instead of a silent bad copy).
  bool download_verify = true;
  // How long a remote upload (copyurl) is followed before giving up.
  absl::Duration remote_upload_timeout = absl::Minutes(30);
  // Not an option: the time source of copyurl's polling (tests inject a FakeClock).
  base::Clock* clock = base::Clock::Real();
};

// The declarations registered with the backend.
vfs::Options FichierOptionDeclarations();

// https, or http to a loopback host only (127.0.0.0/8, ::1, localhost: the emulator and
// tests); anything else is refused before a key could be sent in clear.
absl::Status CheckApiUrl(std::string_view url);
// Reads and checks the values; errors name the option and never echo a secret (a control
// character in a key, password or the URL is refused).
absl::StatusOr<FichierOptions> ParseFichierOptions(const vfs::FsParams& params);

// The HTTP client settings of a remote: rclone's --timeout (idle) and --contimeout (connect)
// from the global options, unless the hidden http_timeout (tests) is set.
backend::rest::HttpClientOptions HttpOptionsFor(const FichierOptions& o,
                                                const vfs::GlobalOptions& g);

// Date strings of the service ("YYYY-MM-DD HH:MM:SS", Paris wall clock) <-> absl::Time.
// Unparsable -> nullopt.
std::optional<absl::Time> ParseFichierDate(const std::string& date);
std::string FormatFichierDate(absl::Time t);
inline std::string FormatFichierDateNow() { return FormatFichierDate(absl::Now()); }

}  // namespace backend::fichier

#endif  // FICHIER_BACKEND_FICHIER_FICHIER_OPTIONS_H_
