// rclone's global options that reach into backends (rclone's fs.Config): how hard a backend
// retries one call, how long its connections may stall, where it keeps local state. The host
// sets them once from its flags before opening remotes; an embedding program sets its own.
// Backends read them when an Fs is made.
#ifndef FICHIER_VFS_GLOBAL_OPTIONS_H_
#define FICHIER_VFS_GLOBAL_OPTIONS_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/time/time.h"

namespace vfs {

// --dump: what the HTTP client logs for each exchange (headers, bodies, or both for requests
// or responses only). Authorization and API keys are always redacted (`auth` is accepted for
// rclone's sake and changes nothing). `filters` is the host's own dump.
struct DumpFlags {
  bool headers = false;
  bool bodies = false;
  bool requests = false;
  bool responses = false;
  bool auth = false;
  bool filters = false;
  bool any_http() const { return headers || bodies || requests || responses; }
};

struct GlobalOptions {
  // --low-level-retries: attempts of one backend call (rclone's default 10).
  int low_level_retries = 10;
  // --timeout: an idle connection (no byte either way) fails after this (rclone: 5m).
  absl::Duration timeout = absl::Minutes(5);
  // --contimeout: connecting (TCP + TLS) fails after this (rclone: 1m).
  absl::Duration connect_timeout = absl::Minutes(1);
  // --cache-dir: local state of backends (upload journals...). "" = the default location,
  // $XDG_CACHE_HOME/fclone or ~/.cache/fclone (see DefaultCacheDir()).
  std::string cache_dir;
  // --tpslimit / --tpslimit-burst: HTTP transactions per second (0 = no limit), shared by
  // every client of the process, paced through the injected clock.
  double tpslimit = 0;
  int tpslimit_burst = 1;
  DumpFlags dump;
  // --user-agent ("" = the client's own), --ca-cert (PEM file, "" = system store),
  // --no-check-certificate (TLS not verified; the host warns loudly).
  std::string user_agent;
  std::string ca_cert;
  bool no_check_certificate = false;
  // --fast-list: listings of a whole tree use Fs::ListR where the backend has it.
  bool fast_list = false;
  // --header "Name: Value" on every HTTP request, --header-download on downloads,
  // --header-upload on uploads; --disable-http2; --bind (local address of connections).
  std::vector<std::pair<std::string, std::string>> headers;
  std::vector<std::pair<std::string, std::string>> download_headers;
  std::vector<std::pair<std::string, std::string>> upload_headers;
  bool disable_http2 = false;
  std::string bind_address;
  // --temp-dir: where streams of unknown length are spooled ("" = $TMPDIR, else /tmp).
  std::string temp_dir;
  // --disable: features every Fs made through vfs::NewFs has turned off (rclone's names).
  std::vector<std::string> disabled_features;
};

// The options in effect (defaults until someone sets them). Thread-safe.
GlobalOptions GetGlobalOptions();
void SetGlobalOptions(const GlobalOptions& options);

// --temp-dir's value, or $TMPDIR, or /tmp (rclone's os.TempDir).
std::string TempDir();
// This user's folder for spool files under TempDir() (the temp dir may be shared by users).
std::string SpoolDir();

// --cache-dir's value, or rclone's default: $XDG_CACHE_HOME/fclone, else $HOME/.cache/fclone
// ("" when neither variable is set).
std::string CacheDir();

}  // namespace vfs

#endif  // FICHIER_VFS_GLOBAL_OPTIONS_H_
