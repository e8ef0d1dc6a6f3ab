// Accounting of a run (rclone's accounting.StatsInfo): bytes and files transferred, checks,
// deletes, errors, and what is in flight right now. Every method is thread-safe: workers report
// into it while the host's progress thread takes snapshots to print.
#ifndef FICHIER_VFS_OPERATIONS_STATS_H_
#define FICHIER_VFS_OPERATIONS_STATS_H_

#include <atomic>
#include <cstdint>
#include <list>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "vfs/operations/error_class.h"

namespace vfs::operations {

struct TransferSnapshot {
  std::string name;
  int64_t size = -1;
  int64_t bytes = 0;
  double speed = 0;  // bytes per second since this transfer started
};

struct StatsSnapshot {
  int64_t bytes = 0;
  int64_t total_bytes = 0;
  int64_t errors = 0;
  ErrorClass worst_error = ErrorClass::kRetryable;
  bool had_retryable_error = false;
  int64_t checks = 0;
  int64_t total_checks = 0;
  int64_t deletes = 0;
  int64_t deleted_dirs = 0;
  int64_t renames = 0;
  int64_t transfers = 0;
  int64_t total_transfers = 0;
  absl::Duration elapsed;
  double speed = 0;  // bytes per second over the run
  bool eta_known = false;
  absl::Duration eta;
  std::vector<TransferSnapshot> transferring;
  std::vector<std::string> checking;
};

class Stats {
 public:
  // One file being transferred; bytes are added as they pass.
  class Transfer {
   public:
    void AddBytes(int64_t n) { bytes_.fetch_add(n, std::memory_order_relaxed); }
    // Forgets the bytes of a failed attempt before a retry.
    void ResetBytes() { bytes_.store(0, std::memory_order_relaxed); }
    int64_t bytes() const { return bytes_.load(std::memory_order_relaxed); }
    const std::string& name() const { return name_; }
    int64_t size() const { return size_; }

   private:
    friend class Stats;
    Transfer(std::string name, int64_t size, absl::Time start)
        : name_(std::move(name)), size_(size), start_(start) {}
    std::string name_;
    int64_t size_;
    absl::Time start_;
    std::atomic<int64_t> bytes_{0};
  };
  using TransferPtr = std::shared_ptr<Transfer>;

  Stats();

  // A transfer starts; its size counts towards the total at once.
  TransferPtr StartTransfer(std::string name, int64_t size);
  // It ends; a successful one counts as transferred. Its bytes stay counted either way (they
  // were moved), except that a failed transfer's bytes are not part of the total any more.
  void FinishTransfer(const TransferPtr& transfer, bool ok);

  // Checks: `StartCheck` puts a name in the "Checking:" list; FinishCheck counts it.
  void StartCheck(const std::string& name);
  void FinishCheck(const std::string& name);
  // A check counted without being listed as in flight (cheap ones).
  void AddCheck();

  void AddDelete();
  void AddDeletedDir();
  void AddRename();

  // Counts an error and remembers it as the last one.
  void Error(const absl::Status& status);
  int64_t errors() const;
  // The last error, when more than `mark` (an earlier errors()) have been counted; else OK. What
  // an operation returns for the errors it counted itself.
  absl::Status ErrorSince(int64_t mark) const;
  // Whether a fatal error was seen (no retries) / every error was a no-retry one.
  bool fatal() const;
  bool all_no_retry() const;
  // Between whole-run retries: errors start from zero, the byte and file counts stay.
  void ResetErrors();

  // Whether anything was transferred, deleted or renamed (for "There was nothing to transfer"
  // and --error-on-no-transfer).
  bool did_something() const;
  int64_t transfers() const;

  StatsSnapshot Snapshot() const;

 private:
  mutable absl::Mutex mu_;
  absl::Time start_;
  int64_t bytes_done_ ABSL_GUARDED_BY(mu_) = 0;  // bytes of finished transfers
  int64_t total_bytes_ ABSL_GUARDED_BY(mu_) = 0;
  int64_t errors_ ABSL_GUARDED_BY(mu_) = 0;
  int64_t retryable_errors_ ABSL_GUARDED_BY(mu_) = 0;
  bool fatal_ ABSL_GUARDED_BY(mu_) = false;
  absl::Status last_error_ ABSL_GUARDED_BY(mu_);
  int64_t checks_ ABSL_GUARDED_BY(mu_) = 0;
  int64_t total_checks_ ABSL_GUARDED_BY(mu_) = 0;
  int64_t deletes_ ABSL_GUARDED_BY(mu_) = 0;
  int64_t deleted_dirs_ ABSL_GUARDED_BY(mu_) = 0;
  int64_t renames_ ABSL_GUARDED_BY(mu_) = 0;
  int64_t transfers_ ABSL_GUARDED_BY(mu_) = 0;
  int64_t total_transfers_ ABSL_GUARDED_BY(mu_) = 0;
  std::list<TransferPtr> in_flight_ ABSL_GUARDED_BY(mu_);
  std::list<std::string> checking_ ABSL_GUARDED_BY(mu_);
};

// --stats-unit bits (rates in bit/s) and --stats-file-name-length (0 = names in full).
struct StatsStyle {
  bool bits = false;
  int file_name_length = 45;
};

// The stats block rclone prints (see spec 4.12), starting with "Transferred:   \t". With
// `in_flight` the "Checking:" and "Transferring:" lists follow.
std::string FormatStats(const StatsSnapshot& s, bool in_flight, const StatsStyle& style = {});
// rclone's --stats-one-line form.
std::string FormatStatsOneLine(const StatsSnapshot& s, const StatsStyle& style = {});

}  // namespace vfs::operations

#endif  // FICHIER_VFS_OPERATIONS_STATS_H_
