// fclone's logging in rclone's format, on stderr or --log-file:
//   2026/11/23 08:26:56 INFO  : sub/file.txt: Copied (new)
// It is installed as the vfs log sink, so backends and operations log through it. While a -P
// progress block is on a terminal, lines are handed to the progress printer instead, which
// prints them above its block (with rclone's dashed date there).
#ifndef FICHIER_HOST_LOGGER_H_
#define FICHIER_HOST_LOGGER_H_

#include <cstdio>
#include <functional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "vfs/log.h"

namespace fclone {

// --log-format (rclone's items: date, time, microseconds, UTC, pid; longfile and shortfile
// name Go source files, which fclone has none of) and --use-json-log.
struct LogFormat {
  bool date = true;
  bool time = true;
  bool microseconds = false;
  bool utc = false;
  bool pid = false;
  bool json = false;  // one JSON object per line: level, msg, object, time
  // --log-systemd: journald's "<priority>" before each line, no date or pid (json wins).
  bool systemd = false;
};
// Reads --log-format's comma-separated items; unknown ones are ignored, as rclone does.
LogFormat ParseLogFormat(std::string_view text);

class Logger {
 public:
  static Logger& Get();

  void SetFormat(const LogFormat& format);
  // Lines above `level` are dropped. `file` "" = stderr; otherwise appended to that file.
  absl::Status Configure(vfs::LogLevel level, const std::string& file);
  vfs::LogLevel level() const;
  bool Enabled(vfs::LogLevel level) const { return level <= this->level(); }

  void Log(vfs::LogLevel level, std::string_view subject, std::string_view message);
  // A line without a level, as rclone prints fatal errors: "2026/11/23 08:26:56 Failed to ...".
  void Fatal(std::string_view message);

  // While set, formatted lines (without date) go to `hook` instead of the output; the progress
  // printer uses it to keep its block at the bottom of a terminal.
  using Hook = std::function<void(vfs::LogLevel level, const std::string& line)>;
  void SetHook(Hook hook);
  // Whether log lines land on a terminal (no --log-file and stderr is a tty).
  bool ToTerminal() const;

  // Installs this logger as the vfs sink.
  void InstallVfsSink();

 private:
  void Write(const std::string& line);
  // The line's start: "2026/11/23 08:26:56 " as --log-format says.
  std::string Prefix() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  std::string JsonLine(vfs::LogLevel level, std::string_view subject,
                       std::string_view message) const;

  mutable absl::Mutex mu_;
  vfs::LogLevel level_ ABSL_GUARDED_BY(mu_) = vfs::LogLevel::kNotice;
  FILE* file_ ABSL_GUARDED_BY(mu_) = nullptr;
  Hook hook_ ABSL_GUARDED_BY(mu_);
  LogFormat format_ ABSL_GUARDED_BY(mu_);
};

// "DEBUG", "INFO", "NOTICE", "ERROR"; ParseLogLevel accepts those (case-insensitive).
std::string_view LogLevelName(vfs::LogLevel level);
absl::StatusOr<vfs::LogLevel> ParseLogLevel(std::string_view name);
// The body of a line after the date: "INFO  : subject: message".
std::string FormatLogBody(vfs::LogLevel level, std::string_view subject, std::string_view message);

}  // namespace fclone

#endif  // FICHIER_HOST_LOGGER_H_
