#include "host/logger.h"

#include <unistd.h>

#include <cctype>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_split.h"
#include "absl/time/time.h"
#include "base/json_writer.h"
#include "base/string_views.h"

namespace fclone {

Logger& Logger::Get() {
  static Logger* logger = new Logger;  // never destroyed: worker threads may log at exit
  return *logger;
}

absl::Status Logger::Configure(vfs::LogLevel level, const std::string& file) {
  absl::MutexLock lock(&mu_);
  level_ = level;
  if (!file.empty()) {
    FILE* f = std::fopen(file.c_str(), "a");
    if (f == nullptr) {
      return absl::InvalidArgumentError(absl::StrCat("failed to open log file: ", file));
    }
    file_ = f;
  }
  return absl::OkStatus();
}

LogFormat ParseLogFormat(std::string_view text) {
  LogFormat f;
  f.date = f.time = false;
  for (absl::string_view item : absl::StrSplit(base::ToAbsl(text), ',', absl::SkipEmpty())) {
    item = absl::StripAsciiWhitespace(item);
    if (item == "date") f.date = true;
    if (item == "time") f.time = true;
    if (item == "microseconds") f.microseconds = true;
    if (item == "UTC") f.utc = true;
    if (item == "pid") f.pid = true;
  }
  return f;
}

void Logger::SetFormat(const LogFormat& format) {
  absl::MutexLock lock(&mu_);
  format_ = format;
}

std::string Logger::Prefix() const {
  std::string out;
  if (format_.pid) absl::StrAppend(&out, "[", getpid(), "] ");
  absl::TimeZone zone = format_.utc ? absl::UTCTimeZone() : absl::LocalTimeZone();
  absl::Time now = absl::Now();
  if (format_.date) absl::StrAppend(&out, absl::FormatTime("%Y/%m/%d ", now, zone));
  if (format_.time || format_.microseconds) {
    absl::StrAppend(&out, absl::FormatTime(format_.microseconds ? "%H:%M:%E6S " : "%H:%M:%S ",
                                           now, zone));
  }
  return out;
}

std::string Logger::JsonLine(vfs::LogLevel level, std::string_view subject,
                             std::string_view message) const {
  std::string name = absl::AsciiStrToLower(std::string(LogLevelName(level)));
  if (level == vfs::LogLevel::kNotice) name = "warning";  // rclone's logrus name for NOTICE
  base::JsonWriter w;
  w.BeginObject().Field("level", name).Field("msg", message);
  w.Field("object", subject);
  w.Field("time", absl::FormatTime("%Y-%m-%dT%H:%M:%E6S%Ez", absl::Now(), absl::LocalTimeZone()));
  w.EndObject();
  return w.str() + "\n";
}

vfs::LogLevel Logger::level() const {
  absl::MutexLock lock(&mu_);
  return level_;
}

std::string_view LogLevelName(vfs::LogLevel level) {
  switch (level) {
    case vfs::LogLevel::kError: return "ERROR";
    case vfs::LogLevel::kNotice: return "NOTICE";
    case vfs::LogLevel::kInfo: return "INFO";
    case vfs::LogLevel::kDebug: return "DEBUG";
  }
  return "NOTICE";
}

absl::StatusOr<vfs::LogLevel> ParseLogLevel(std::string_view name) {
  std::string upper(name);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  for (vfs::LogLevel l : {vfs::LogLevel::kError, vfs::LogLevel::kNotice, vfs::LogLevel::kInfo,
                          vfs::LogLevel::kDebug}) {
    if (upper == LogLevelName(l)) return l;
  }
  return absl::InvalidArgumentError(
      absl::StrCat("unknown log level \"", std::string(name),
                   "\": use DEBUG, INFO, NOTICE or ERROR"));
}

std::string FormatLogBody(vfs::LogLevel level, std::string_view subject,
                          std::string_view message) {
  std::string out = absl::StrFormat("%-6s: ", std::string(LogLevelName(level)));
  if (!subject.empty()) absl::StrAppend(&out, std::string(subject), ": ");
  absl::StrAppend(&out, std::string(message));
  return out;
}

void Logger::Write(const std::string& line) {
  FILE* out = file_ != nullptr ? file_ : stderr;
  std::fwrite(line.data(), 1, line.size(), out);
  std::fflush(out);
}

void Logger::Log(vfs::LogLevel level, std::string_view subject, std::string_view message) {
  absl::MutexLock lock(&mu_);
  if (level > level_) return;
  if (format_.json) {
    Write(JsonLine(level, subject, message));
    return;
  }
  std::string body = FormatLogBody(level, subject, message);
  if (format_.systemd) {
    // sd-daemon priorities: 3 error, 5 notice, 6 info, 7 debug.
    static constexpr int kPriority[] = {3, 5, 6, 7};
    Write(absl::StrCat("<", kPriority[static_cast<int>(level)], ">", body, "\n"));
    return;
  }
  if (hook_ && file_ == nullptr) {
    Hook hook = hook_;
    mu_.Unlock();
    hook(level, body);
    mu_.Lock();
    return;
  }
  Write(Prefix() + body + "\n");
}

void Logger::Fatal(std::string_view message) {
  absl::MutexLock lock(&mu_);
  Write(absl::StrCat(format_.systemd ? "" : Prefix(), std::string(message), "\n"));
}

void Logger::SetHook(Hook hook) {
  absl::MutexLock lock(&mu_);
  hook_ = std::move(hook);
}

bool Logger::ToTerminal() const {
  absl::MutexLock lock(&mu_);
  return file_ == nullptr && isatty(STDERR_FILENO);
}

void Logger::InstallVfsSink() {
  vfs::SetLogSink([](vfs::LogLevel level, std::string_view subject, std::string_view message) {
    Logger::Get().Log(level, subject, message);
  });
}

}  // namespace fclone
