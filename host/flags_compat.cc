#include "host/flags_compat.h"

#include <tuple>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "base/string_views.h"
#include "base/word_flags.h"
#include "host/logger.h"
#include "vfs/config/control_chars.h"
#include "vfs/features.h"

namespace fclone {
namespace {

// --dump: rclone's comma-separated items.
absl::StatusOr<vfs::DumpFlags> ParseDump(std::string_view v) {
  vfs::DumpFlags d;
  // goroutines, openfiles, mapper: Go runtime dumps, nothing of the kind in fclone.
  std::optional<std::string> unknown = base::SetWordFlags(v, {{"headers", &d.headers},
                                                              {"bodies", &d.bodies},
                                                              {"requests", &d.requests},
                                                              {"responses", &d.responses},
                                                              {"auth", &d.auth},
                                                              {"filters", &d.filters},
                                                              {"goroutines", nullptr},
                                                              {"openfiles", nullptr},
                                                              {"mapper", nullptr}});
  if (unknown) {
    return absl::InvalidArgumentError(absl::StrCat("unknown dump flag \"", *unknown, "\""));
  }
  return d;
}

absl::StatusOr<double> ParseFloat(std::string_view v) {
  double d = 0;
  if (!absl::SimpleAtod(base::ToAbsl(v), &d)) {
    return absl::InvalidArgumentError(
        absl::StrCat("strconv.ParseFloat: parsing \"", std::string(v), "\": invalid syntax"));
  }
  return d;
}

// "Name: Value" (rclone's header flags): the name is trimmed, the value's spaces too; a line
// break anywhere would smuggle in headers of its own.
absl::StatusOr<std::pair<std::string, std::string>> ParseHeader(std::string_view text) {
  const size_t colon = text.find(':');
  if (colon == std::string_view::npos) return absl::InvalidArgumentError("want \"Name: Value\"");
  std::string name(absl::StripAsciiWhitespace(base::ToAbsl(text.substr(0, colon))));
  std::string value(absl::StripAsciiWhitespace(base::ToAbsl(text.substr(colon + 1))));
  if (name.empty() || name.find_first_of(" \t") != std::string::npos) {
    return absl::InvalidArgumentError("want \"Name: Value\" (a name without spaces)");
  }
  if (vfs::HasControlChars(text)) {
    return absl::InvalidArgumentError("control characters are not allowed");
  }
  return std::pair{std::move(name), std::move(value)};
}

}  // namespace

void AddCompatFlags(FlagSet& f, CompatFlags& c, vfs::operations::Options& o) {
  // Sync.
  f.Bool("fast-list", 0, &c.fast_list,  // listings use Fs::ListR where a backend has one
         "Use recursive list if available; uses more memory but fewer transactions", true);
  f.Bool("no-traverse", 0, &o.no_traverse, "Don't traverse destination file system on copy",
         true);
  f.Bool("no-check-dest", 0, &o.no_check_dest,
         "Don't check the destination, copy regardless", true);
  f.Bool("check-first", 0, &o.check_first, "Do all the checks before starting transfers", true);
  f.String("order-by", 0, &o.order_by,
           "Instructions on how to order the transfers, e.g. 'size,descending'", true);
  f.Bool("immutable", 0, &o.immutable,
         "Do not modify files, fail if existing files have been modified", true);
  f.StringList("compare-dest", 0, &c.compare_dest,
               "Include additional comma separated server-side paths during comparison", true);
  f.StringList("copy-dest", 0, &c.copy_dest,
               "Implies --compare-dest but also copies files from paths into destination", true);
  f.String("backup-dir", 0, &c.backup_dir,
           "Make backups into hierarchy based in DIR", true);
  f.String("suffix", 0, &o.suffix, "Suffix to add to changed files", true);
  f.Bool("suffix-keep-extension", 0, &o.suffix_keep_extension,
         "Preserve the extension when using --suffix", true);
  f.Bool("track-renames", 0, &o.track_renames,
         "When synchronizing, track file renames and do a server-side move if possible", true);
  f.String("track-renames-strategy", 0, &o.track_renames_strategy,
           "Strategies to use when synchronizing using track-renames hash|modtime|leaf", true);
  f.Bool("interactive", 'i', &o.interactive, "Enable interactive mode", true);
  // HTTP.
  f.Typed("tpslimit", 0, "float", "", &c.tpslimit, ParseFloat,
          "Limit HTTP transactions per second to this", true);
  f.Int("tpslimit-burst", 0, &c.tpslimit_burst, "Max burst of transactions for --tpslimit", true);
  f.Typed("dump", 0, "DumpFlags", "", &c.dump, ParseDump,
          "List of items to dump from: headers,bodies,requests,responses,auth,filters", true);
  f.String("user-agent", 0, &c.user_agent,
           "Set the user-agent to a specified string (default \"fclone/v1.60.1\")", true);
  f.String("ca-cert", 0, &c.ca_cert, "CA certificate used to verify servers", true);
  f.Bool("no-check-certificate", 0, &c.no_check_certificate,
         "Do not verify the server SSL certificate (insecure)", true);
  f.StringList("header", 0, &c.headers, "Set HTTP header for all transactions", true);
  f.StringList("header-download", 0, &c.download_headers,
               "Set HTTP header for download transactions", true);
  f.StringList("header-upload", 0, &c.upload_headers,
               "Set HTTP header for upload transactions", true);
  f.Bool("disable-http2", 0, &c.disable_http2,
         "Disable HTTP/2 in the global transport", true);
  f.String("bind", 0, &c.bind_address,
           "Local address to bind to for outgoing connections, IPv4, IPv6 or name", true);
  f.String("disable", 0, &c.disable,
           "Disable a comma separated list of features (use --disable help to see a list)", true);
  // Logging and stats.
  f.Bool("use-json-log", 0, &c.use_json_log, "Use json log format", true);
  f.Bool("log-systemd", 0, &c.log_systemd, "Activate systemd integration for the logger", true);
  f.String("log-format", 0, &c.log_format,
           "Comma separated list of log format options (default \"date,time\")", true);
  f.String("stats-unit", 0, &c.stats_unit,
           "Show data rate in stats as either 'bits' or 'bytes' per second (default \"bytes\")",
           true);
  f.Int("stats-file-name-length", 0, &c.stats_file_name_length,
        "Max file name length in stats (0 for no limit)", true);
}

absl::Status ApplyCompatFlags(const CompatFlags& c, vfs::GlobalOptions& global) {
  for (auto [flag, texts, out] :
       {std::tuple{"header", &c.headers, &global.headers},
        std::tuple{"header-download", &c.download_headers, &global.download_headers},
        std::tuple{"header-upload", &c.upload_headers, &global.upload_headers}}) {
    for (const std::string& text : *texts) {
      absl::StatusOr<std::pair<std::string, std::string>> header = ParseHeader(text);
      if (!header.ok()) {
        return absl::InvalidArgumentError(
            absl::StrCat("--", flag, " \"", text, "\": ", header.status().message()));
      }
      out->push_back(*std::move(header));
    }
  }
  global.disable_http2 = c.disable_http2;
  global.bind_address = c.bind_address;
  global.disabled_features.clear();
  for (absl::string_view name : absl::StrSplit(c.disable, ',', absl::SkipWhitespace())) {
    global.disabled_features.emplace_back(absl::StripAsciiWhitespace(name));
  }
  LogFormat format = ParseLogFormat(c.log_format);
  format.json = c.use_json_log;
  format.systemd = c.log_systemd;
  Logger::Get().SetFormat(format);
  global.fast_list = c.fast_list;
  global.tpslimit = c.tpslimit > 0 ? c.tpslimit : 0;  // rclone: 0 or less is off
  global.tpslimit_burst = c.tpslimit_burst < 1 ? 1 : c.tpslimit_burst;
  global.dump = c.dump;
  if (!c.user_agent.empty()) global.user_agent = c.user_agent;
  global.ca_cert = c.ca_cert;
  global.no_check_certificate = c.no_check_certificate;
  if (c.no_check_certificate) {
    Logger::Get().Log(vfs::LogLevel::kError, "",
                      "--no-check-certificate is set: server certificates are NOT verified; "
                      "anyone on the network path can read and change the traffic, API keys "
                      "included");
  }
  return absl::OkStatus();
}

std::string DisableHelp(const CompatFlags& c) {
  if (c.disable != "help") return "";
  std::string list;
  for (const auto& [name, has] : vfs::Features().ByRcloneName()) {
    absl::StrAppend(&list, list.empty() ? "" : ", ", base::ToAbsl(name));
  }
  return "Possible backend features are: " + list;
}

}  // namespace fclone
