#include "host/global_flags.h"

#include <optional>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "base/string_views.h"
#include "base/word_flags.h"
#include "vfs/registry.h"

namespace fclone {
namespace {

namespace ops = vfs::operations;

// --min-age / --max-age: rclone's Duration values ("off", 1h30m, 2d, a date...).
absl::StatusOr<std::optional<absl::Duration>> ParseAgeNow(std::string_view v) {
  return ops::ParseAge(v, absl::Now());
}

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

// rclone's filter flags, into FilterFlags (filter_flags.h builds the Filter from them).
void AddFilterFlags(FlagSet& f, FilterFlags& flags, ops::Options& o) {
  ops::FilterOptions& fo = flags.options;
  f.Bool("delete-excluded", 0, &o.delete_excluded, "Delete files on dest excluded from sync", true);
  f.StringList("include", 0, &fo.include, "Include files matching pattern", true);
  f.StringList("include-from", 0, &fo.include_from,
               "Read include patterns from file (use - to read from stdin)", true);
  f.StringList("exclude", 0, &fo.exclude, "Exclude files matching pattern", true);
  f.StringList("exclude-from", 0, &fo.exclude_from,
               "Read exclude patterns from file (use - to read from stdin)", true);
  f.String("exclude-if-present", 0, &fo.exclude_if_present,
           "Exclude directories if filename is present", true);
  f.StringList("filter", 'f', &fo.filter, "Add a file-filtering rule", true);
  f.StringList("filter-from", 0, &fo.filter_from,
               "Read filtering patterns from a file (use - to read from stdin)", true);
  f.StringList("files-from", 0, &fo.files_from,
               "Read list of source-file names from file (use - to read from stdin)", true);
  f.StringList("files-from-raw", 0, &fo.files_from_raw,
               "Read list of source-file names from file without any processing of lines (use "
               "- to read from stdin)",
               true);
  f.Bool("ignore-case", 0, &fo.ignore_case, "Ignore case in filters (case insensitive)", true);
  f.Size("min-size", 0, &fo.min_size,
         "Only transfer files bigger than this in KiB or suffix B|K|M|G|T|P", true);
  f.Size("max-size", 0, &fo.max_size,
         "Only transfer files smaller than this in KiB or suffix B|K|M|G|T|P", true);
  f.Typed("min-age", 0, "Duration", "off", &fo.min_age, ParseAgeNow,
          "Only transfer files older than this in s or suffix ms|s|m|h|d|w|M|y", true);
  f.Typed("max-age", 0, "Duration", "off", &fo.max_age, ParseAgeNow,
          "Only transfer files younger than this in s or suffix ms|s|m|h|d|w|M|y", true);
}

// rclone flags taken so that scripts written for rclone run unchanged (flags_compat.h).
void AddCompatFlags(FlagSet& f, CompatFlags& c, vfs::operations::Options& o) {
  // Sync.
  f.Bool("fast-list", 0, &c.fast_list,  // listings use Fs::ListR where a backend has one
         "Use recursive list if available; uses more memory but fewer transactions", true);
  f.Bool("no-traverse", 0, &o.no_traverse, "Don't traverse destination file system on copy", true);
  f.Bool("no-check-dest", 0, &o.no_check_dest, "Don't check the destination, copy regardless",
         true);
  f.Bool("check-first", 0, &o.check_first, "Do all the checks before starting transfers", true);
  f.String("order-by", 0, &o.order_by,
           "Instructions on how to order the transfers, e.g. 'size,descending'", true);
  f.Bool("immutable", 0, &o.immutable,
         "Do not modify files, fail if existing files have been modified", true);
  f.StringList("compare-dest", 0, &c.compare_dest,
               "Include additional comma separated server-side paths during comparison", true);
  f.StringList("copy-dest", 0, &c.copy_dest,
               "Implies --compare-dest but also copies files from paths into destination", true);
  f.String("backup-dir", 0, &c.backup_dir, "Make backups into hierarchy based in DIR", true);
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
  f.StringList("header-upload", 0, &c.upload_headers, "Set HTTP header for upload transactions",
               true);
  f.Bool("disable-http2", 0, &c.disable_http2, "Disable HTTP/2 in the global transport", true);
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

}  // namespace

// Global flags, registered on every command's flag set.
void AddGlobalFlags(FlagSet& f, GlobalFlags& g, std::set<std::string>* backend_flag_names) {
  vfs::operations::Options& o = g.ops;
  f.Count("verbose", 'v', &g.verbose, "Print lots more stuff (repeat for more)", true);
  f.Bool("quiet", 'q', &g.quiet, "Print as little stuff as possible", true);
  f.String("log-level", 0, &g.log_level, "Log level DEBUG|INFO|NOTICE|ERROR", true);
  f.String("log-file", 0, &g.log_file, "Log everything to this file", true);
  f.String("config", 0, &g.config, "Config file", true);
  f.Bool("progress", 'P', &g.progress, "Show progress during transfer", true);
  f.Bool("progress-terminal-title", 0, &g.progress_terminal_title,
         "Show progress on the terminal title (requires -P/--progress)", true);
  f.Duration("stats", 0, &g.stats,
             "Interval between printing stats, e.g. 500ms, 60s, 5m (0 to "
             "disable) (default 1m0s)",
             true);
  f.Bool("stats-one-line", 0, &g.stats_one_line, "Make the stats fit on one line", true);
  f.Bool("stats-one-line-date", 0, &g.stats_one_line_date,
         "Enable --stats-one-line and add current date/time prefix", true);
  f.String("stats-one-line-date-format", 0, &g.stats_one_line_date_format,
           "Enable --stats-one-line-date and use custom formatted date: Enclose date string in "
           "double quotes (\"), see https://golang.org/pkg/time/#Time.Format",
           true);
  f.String("stats-log-level", 0, &g.stats_log_level,
           "Log level to show --stats output DEBUG|INFO|NOTICE|ERROR", true);
  f.Int("retries", 0, &g.retries, "Retry operations this many times if they fail", true);
  f.Duration("retries-sleep", 0, &g.retries_sleep,
             "Interval between retrying operations if they fail, e.g. 500ms, 60s, 5m (0 to "
             "disable)",
             true);
  f.Int("low-level-retries", 0, &o.low_level_retries, "Number of low level retries to do", true);
  f.Duration("timeout", 0, &g.timeout, "IO idle timeout (default 5m0s)", true);
  f.Duration("contimeout", 0, &g.contimeout, "Connect timeout (default 1m0s)", true);
  if (g.cache_dir.empty()) g.cache_dir = vfs::CacheDir();  // shown as the default in help
  f.String("cache-dir", 0, &g.cache_dir, "Directory rclone will use for caching", true);
  if (g.temp_dir.empty()) g.temp_dir = vfs::TempDir();  // shown as the default in help
  f.String("temp-dir", 0, &g.temp_dir, "Directory rclone will use for temporary files", true);
  f.String("password-command", 0, &g.password_command,
           "Command for supplying password for encrypted configuration", true);
  f.Bool("ask-password", 0, &g.ask_password,
         "Allow prompt for password for encrypted configuration (default true)", true);
  f.Int("transfers", 0, &o.transfers, "Number of file transfers to run in parallel", true);
  f.Int("checkers", 0, &o.checkers, "Number of checkers to run in parallel", true);
  f.Size("multi-thread-cutoff", 0, &o.multi_thread_cutoff,
         "Use multi-thread downloads for files above this size", true);
  f.Int("multi-thread-streams", 0, &o.multi_thread_streams,
        "Max number of streams to use for multi-thread downloads", true);
  f.Bool("dry-run", 'n', &o.dry_run, "Do a trial run with no permanent changes", true);
  f.Bool("checksum", 'c', &o.checksum,
         "Skip based on checksum (if available) & size, not mod-time "
         "& size",
         true);
  f.Bool("size-only", 0, &o.size_only, "Skip based on size only, not mod-time or checksum", true);
  f.Bool("ignore-existing", 0, &o.ignore_existing, "Skip all files that exist on destination",
         true);
  f.Bool("ignore-times", 'I', &o.ignore_times,
         "Don't skip files that match size and time - transfer all files", true);
  f.Bool("update", 'u', &o.update, "Skip files that are newer on the destination", true);
  f.Bool("ignore-size", 0, &o.ignore_size, "Ignore size when skipping use mod-time or checksum",
         true);
  f.Bool("ignore-checksum", 0, &o.ignore_checksum, "Skip post copy check of checksums", true);
  f.Bool("no-update-modtime", 0, &o.no_update_modtime,
         "Don't update destination mod-time if files identical", true);
  f.Duration("modify-window", 0, &o.modify_window,
             "Max time diff to be considered the same (default 1ns)", true);
  f.Bool("error-on-no-transfer", 0, &g.error_on_no_transfer,
         "Sets exit code 9 if no files are transferred, useful in scripts", true);
  f.Bool("ignore-errors", 0, &o.ignore_errors, "Delete even if there are I/O errors", true);
  f.Bool("delete-before", 0, &g.delete_before,
         "When synchronizing, delete files on destination before transferring", true);
  f.Bool("delete-during", 0, &g.delete_during, "When synchronizing, delete files during transfer",
         true);
  f.Bool("delete-after", 0, &g.delete_after,
         "When synchronizing, delete files on destination after transferring (default)", true);
  f.Int("max-delete", 0, &o.max_delete, "When synchronizing, limit the number of deletes", true);
  f.Int("max-depth", 0, &o.max_depth, "If set limits the recursion depth to this", true);
  f.Bool("human-readable", 0, &g.human_readable,
         "Print numbers in a human-readable format, sizes with suffix Ki|Mi|Gi|Ti|Pi", true);
  AddFilterFlags(f, g.filter, o);
  AddCompatFlags(f, g.compat, o);
  AddAcceptedGlobalFlags(f, g.accepted);
  AddLimitFlags(f, g.limits);
  f.Bool("help", 'h', &g.help, "help for fclone", false);
  // Backend options as flags: --<backend>-<option>.
  for (const auto& backend : vfs::Registry::Global().List()) {
    for (const vfs::Option& opt : backend->options) {
      std::string option_name = opt.name;
      std::string flag = opt.no_prefix ? option_name : backend->name + "-" + option_name;
      for (char& c : flag) c = c == '_' ? '-' : c;
      std::string backend_name = backend->name;
      FlagSet::Flag fl;
      fl.name = flag;
      fl.shorthand = opt.short_opt;
      fl.help = opt.help.substr(0, opt.help.find('\n'));
      // Boolean options are pflag booleans, as in rclone: `-L`, `--copy-links`, `--x=false`.
      bool is_bool = opt.default_value == "false" || opt.default_value == "true";
      fl.value_type = is_bool ? "" : "string";
      fl.global = true;
      fl.hidden = opt.hidden;
      fl.set = [&g, backend_name, option_name](std::string_view v) {
        g.backend_flags[backend_name][option_name] = std::string(v);
        return absl::OkStatus();
      };
      f.Add(std::move(fl));
      backend_flag_names->insert(flag);
    }
  }
}

void AddGlobalFlagsForHelp(FlagSet& f, GlobalFlags& g) {
  std::set<std::string> ignored;
  AddGlobalFlags(f, g, &ignored);
}

}  // namespace fclone
