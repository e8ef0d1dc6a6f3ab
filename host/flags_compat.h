// rclone flags fclone takes so scripts written for rclone run unchanged: sync's extra flags
// (--backup-dir, --suffix, --track-renames, --compare-dest, --check-first, --order-by, ...),
// HTTP ones (--tpslimit, --dump, --user-agent, --ca-cert, --no-check-certificate, --header,
// --header-download, --header-upload, --disable-http2, --bind), --disable, logging
// (--use-json-log, --log-format), stats (--stats-unit, --stats-file-name-length), -i and
// --fast-list. global_flags.cc registers them (values that reach the operations are bound into
// vfs::operations::Options); here they are checked and applied.
#ifndef FICHIER_HOST_FLAGS_COMPAT_H_
#define FICHIER_HOST_FLAGS_COMPAT_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "host/flags.h"
#include "vfs/global_options.h"
#include "vfs/operations/options.h"

namespace fclone {

struct CompatFlags {
  bool fast_list = false;  // whole-tree listings through Fs::ListR where a backend has it
  std::string backup_dir;
  std::vector<std::string> compare_dest;
  std::vector<std::string> copy_dest;
  double tpslimit = 0;  // HTTP transactions per second, 0 = off
  int tpslimit_burst = 1;
  vfs::DumpFlags dump;
  std::string user_agent;
  std::string ca_cert;
  bool no_check_certificate = false;
  std::vector<std::string> headers;
  std::vector<std::string> download_headers;
  std::vector<std::string> upload_headers;
  bool disable_http2 = false;
  std::string bind_address;
  std::string disable;  // --disable: comma-separated feature names, or "help"
  bool use_json_log = false;
  bool log_systemd = false;
  std::string log_format = "date,time";
  std::string stats_unit = "bytes";
  int stats_file_name_length = 45;
};

// Checks the values no parser checked and copies those that reach backends into `global`
// (a loud warning for --no-check-certificate). Errors are usage errors.
absl::Status ApplyCompatFlags(const CompatFlags& c, vfs::GlobalOptions& global);

// `--disable help` (exactly that, as rclone): the line listing rclone's feature names, without
// its date; the caller logs it as a fatal error (exit 1). Empty for any other value.
std::string DisableHelp(const CompatFlags& c);

}  // namespace fclone

#endif  // FICHIER_HOST_FLAGS_COMPAT_H_
