#include "host/logger.h"

#include <unistd.h>

#include <cctype>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"

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
  std::string body = FormatLogBody(level, subject, message);
  if (hook_ && file_ == nullptr) {
    Hook hook = hook_;
    mu_.Unlock();
    hook(level, body);
    mu_.Lock();
    return;
  }
  std::string date = absl::FormatTime("%Y/%m/%d %H:%M:%S ", absl::Now(), absl::LocalTimeZone());
  Write(date + body + "\n");
}

void Logger::Fatal(std::string_view message) {
  absl::MutexLock lock(&mu_);
  std::string date = absl::FormatTime("%Y/%m/%d %H:%M:%S ", absl::Now(), absl::LocalTimeZone());
  Write(absl::StrCat(date, std::string(message), "\n"));
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
