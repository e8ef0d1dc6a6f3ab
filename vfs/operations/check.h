// check (spec 4.5): compares every file of two trees by size, then by the common hash (or by
// content with --download), logs rclone's ERROR/NOTICE lines and reports each path's verdict.
#ifndef FICHIER_VFS_OPERATIONS_CHECK_H_
#define FICHIER_VFS_OPERATIONS_CHECK_H_

#include <atomic>
#include <functional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "vfs/fs.h"
#include "vfs/operations/context.h"

namespace vfs::operations {

struct CheckOptions {
  bool download = false;  // compare the bytes instead of hashes
  bool one_way = false;   // ignore files only on the destination
  // Called once per path with rclone's --combined mark: '=' identical, '-' only in dst,
  // '+' only in src, '*' different, '!' error. May be called from several threads (serialised).
  std::function<void(char mark, std::string_view path)> report;
  // Replaces the hash comparison when set (cryptcheck): called for each pair of the same size.
  // A non-empty `problem` is a difference, logged as the ERROR line; `unchecked` counts a pair
  // that could not be compared; an error counts as a failed check.
  struct Compared {
    std::string problem;
    bool unchecked = false;
  };
  std::function<absl::StatusOr<Compared>(Object& src, Object& dst)> compare;
};

// Returns OK when identical, else an error "N differences found" (every difference is also
// counted as an error in the stats, as rclone does).
absl::Status Check(const Context& ctx, Fs& src, Fs& dst, std::string_view src_file,
                   const CheckOptions& options);

// A check's running counts and its report callback (serialised), shared by its worker threads.
class CheckTally {
 public:
  explicit CheckTally(const std::function<void(char mark, std::string_view path)>& report)
      : report_(report) {}
  void Report(char mark, std::string_view path);
  // One compared path's verdict: an error ('!', "Failed to check: ..."), a difference ('*',
  // `problem` logged), else a match ('=').
  void Record(Stats& stats, const std::string& path, const absl::Status& error,
              const std::string& problem);

  std::atomic<int64_t> differences{0};
  std::atomic<int64_t> matches{0};
  std::atomic<int64_t> errors{0};

 private:
  absl::Mutex mu_;
  const std::function<void(char, std::string_view)>& report_;
};

// What a check counted, for its closing lines.
struct CheckTotals {
  int64_t differences = 0;
  int64_t matches = 0;
  int64_t dst_missing = 0;
  int64_t src_missing = 0;
  int64_t unchecked_hashes = 0;
  int64_t errors = 0;
};
// Logs rclone's closing NOTICE lines ("N files missing", "N differences found", ...; the
// source's missing count against `src_subject`, as "N <src_entity> missing") and returns the
// check's result: "N differences found", the last error, or OK.
absl::Status FinishCheck(Stats& stats, const Fs& dst, std::string_view src_subject,
                         const CheckTotals& totals, std::string_view src_entity = "files");

}  // namespace vfs::operations

#endif  // FICHIER_VFS_OPERATIONS_CHECK_H_
