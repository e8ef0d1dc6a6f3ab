// Stats output while a command runs (spec 4.12): with -P a block redrawn every 500 ms on stdout
// (in place on a terminal, as successive plain blocks otherwise) with log lines printed above
// it; without -P the block is logged every --stats interval at --stats-log-level.
#ifndef FICHIER_HOST_PROGRESS_H_
#define FICHIER_HOST_PROGRESS_H_

#include <string>
#include <thread>

#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "vfs/log.h"
#include "vfs/operations/stats.h"

namespace fclone {

struct ProgressConfig {
  bool progress = false;                   // -P
  absl::Duration interval = absl::Minutes(1);  // --stats; zero or infinite disables
  bool interval_set = false;               // --stats given explicitly (also paces -P)
  bool one_line = false;                   // --stats-one-line
  std::string date_layout;  // --stats-one-line-date(-format): Go layout before the line, or ""
  vfs::LogLevel level = vfs::LogLevel::kInfo;  // --stats-log-level
  vfs::operations::StatsStyle style;           // --stats-unit, --stats-file-name-length
  bool terminal_title = false;  // --progress-terminal-title: the ETA in the title (with -P)
};

class StatsPrinter {
 public:
  StatsPrinter(vfs::operations::Stats& stats, ProgressConfig config);
  ~StatsPrinter();

  void Start();
  // Stops the thread; with -P draws the final block.
  void Stop();

  // The block as one log message (starts with a newline, like rclone's).
  std::string Block(bool in_flight) const;

 private:
  std::string BlockOf(const vfs::operations::StatsSnapshot& s, bool in_flight) const;
  void Loop();
  void Draw(bool final);
  void PrintLog(vfs::LogLevel level, const std::string& body);

  vfs::operations::Stats& stats_;
  ProgressConfig config_;
  bool tty_ = false;
  absl::Mutex mu_;
  int drawn_lines_ ABSL_GUARDED_BY(mu_) = 0;
  absl::Notification stop_;
  std::thread thread_;
  bool started_ = false;
};

}  // namespace fclone

#endif  // FICHIER_HOST_PROGRESS_H_
