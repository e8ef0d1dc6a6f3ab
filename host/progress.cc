#include "host/progress.h"

#include <unistd.h>

#include <cstdio>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "host/go_time.h"
#include "host/logger.h"
#include "vfs/operations/format.h"

namespace fclone {

StatsPrinter::StatsPrinter(vfs::operations::Stats& stats, ProgressConfig config)
    : stats_(stats), config_(config), tty_(isatty(STDOUT_FILENO)) {}

StatsPrinter::~StatsPrinter() { Stop(); }

std::string StatsPrinter::Block(bool in_flight) const {
  return BlockOf(stats_.Snapshot(), in_flight);
}

std::string StatsPrinter::BlockOf(const vfs::operations::StatsSnapshot& s, bool in_flight) const {
  if (config_.one_line) {
    std::string date;
    if (!config_.date_layout.empty()) {
      date = absl::FormatTime(GoLayoutToStrftime(config_.date_layout), absl::Now(),
                              absl::LocalTimeZone());
    }
    return date + vfs::operations::FormatStatsOneLine(s, config_.style);
  }
  return "\n" + vfs::operations::FormatStats(s, in_flight, config_.style);
}

void StatsPrinter::Start() {
  bool periodic = config_.interval > absl::ZeroDuration() &&
                  config_.interval != absl::InfiniteDuration();
  if (!config_.progress && !periodic) return;
  if (!config_.progress && !Logger::Get().Enabled(config_.level)) return;
  if (config_.progress) {
    Logger::Get().SetHook(
        [this](vfs::LogLevel level, const std::string& body) { PrintLog(level, body); });
  }
  started_ = true;
  thread_ = std::thread([this] { Loop(); });
}

void StatsPrinter::Stop() {
  if (!started_) return;
  started_ = false;
  stop_.Notify();
  thread_.join();
  if (config_.progress) {
    Draw(true);
    Logger::Get().SetHook(nullptr);
  }
}

void StatsPrinter::Loop() {
  absl::Duration tick = config_.progress && !config_.interval_set ? absl::Milliseconds(500)
                                                                   : config_.interval;
  while (!stop_.WaitForNotificationWithTimeout(tick)) {
    if (config_.progress) {
      Draw(false);
    } else {
      Logger::Get().Log(config_.level, "", Block(true));
    }
  }
}

void StatsPrinter::Draw(bool final) {
  const vfs::operations::StatsSnapshot s = stats_.Snapshot();
  std::string block = config_.one_line ? BlockOf(s, !final) + "\n" : BlockOf(s, !final).substr(1);
  absl::MutexLock lock(&mu_);
  std::string out;
  if (tty_) {
    // Erase the previous block: clear and go up one line per line drawn.
    for (int i = 0; i < drawn_lines_; ++i) out += "\x1b[2K\x1b[1A";
    out += "\x1b[2K\x1b[1G";
  }
  // rclone's title: the ETA while drawing, emptied after the last block.
  if (config_.terminal_title) {
    absl::StrAppend(&out, "\x1b]0;ETA: ", vfs::operations::EtaString(s.eta_known, s.eta), "\x07");
  }
  out += block;
  if (final) out += "\n";
  if (final && config_.terminal_title) out += "\x1b]0;\x07";
  drawn_lines_ = 0;
  for (char c : block) drawn_lines_ += c == '\n';
  std::fwrite(out.data(), 1, out.size(), stdout);
  std::fflush(stdout);
  if (final) drawn_lines_ = 0;
}

void StatsPrinter::PrintLog(vfs::LogLevel /*level*/, const std::string& body) {
  std::string date = absl::FormatTime("%Y-%m-%d %H:%M:%S ", absl::Now(), absl::LocalTimeZone());
  absl::MutexLock lock(&mu_);
  std::string out;
  if (tty_) {
    for (int i = 0; i < drawn_lines_; ++i) out += "\x1b[2K\x1b[1A";
    out += "\x1b[2K\x1b[1G";
    drawn_lines_ = 0;
  }
  absl::StrAppend(&out, date, body, "\n");
  std::fwrite(out.data(), 1, out.size(), stdout);
  std::fflush(stdout);
}

}  // namespace fclone
