// Settings shared by every operation: rclone's global transfer flags (--dry-run, --checksum,
// --transfers, ...) as one plain struct the host fills from the command line.
#ifndef FICHIER_VFS_OPERATIONS_OPTIONS_H_
#define FICHIER_VFS_OPERATIONS_OPTIONS_H_

#include <cstdint>
#include <string>

#include "absl/time/time.h"

namespace vfs::operations {

// When sync deletes destination files that are not in the source.
enum class DeleteMode { kAfter, kDuring, kBefore };

struct Options {
  bool dry_run = false;            // -n: change nothing, log what would be done
  bool checksum = false;           // -c: equal = size + common hash
  bool size_only = false;          // equal = size
  bool ignore_existing = false;    // never touch an existing destination file
  bool ignore_times = false;       // -I: transfer unconditionally
  bool update = false;             // -u: skip files newer on the destination
  bool ignore_size = false;        // sizes are not compared
  bool ignore_checksum = false;    // no hash check after a transfer
  bool no_update_modtime = false;  // do not fix destination modtimes when hashes match
  absl::Duration modify_window = absl::Nanoseconds(1);
  int transfers = 4;               // parallel file transfers
  int checkers = 8;                // parallel checks (equality, hashing, deletes)
  int low_level_retries = 10;      // attempts of one file transfer on a retryable error
  bool create_empty_src_dirs = false;
  bool delete_empty_src_dirs = false;  // move: remove emptied source directories
  DeleteMode delete_mode = DeleteMode::kAfter;
  bool ignore_errors = false;      // sync deletes even after errors
  int64_t max_delete = -1;         // -1 = no limit
  bool delete_excluded = false;    // sync: destination files the filter excludes are deleted
  int max_depth = -1;              // --max-depth as given, -1 = unlimited (see max_depth.h)
  // rclone's sync flags (sync_options.h parses and checks the text ones).
  bool no_traverse = false;        // copy/move: look up each source file, list no destination
  bool no_check_dest = false;      // copy/move: never look at the destination, upload all
  bool check_first = false;        // every check before the first transfer
  std::string order_by;            // --order-by as given ("" = march order)
  bool immutable = false;          // a differing destination file is an error, never replaced
  bool track_renames = false;      // sync: a renamed source file is moved on the destination
  std::string track_renames_strategy = "hash";  // hash, modtime, leaf (comma-separated)
  std::string suffix;              // --suffix for backups (--backup-dir, or in place)
  bool suffix_keep_extension = false;
  bool interactive = false;        // -i: ask before each change (Context::confirm)
  // Multi-thread downloads (multi_thread_copy.h): files of at least the cutoff bytes go in this
  // many ranged streams; `set` = the streams were given explicitly (enables local to local).
  int multi_thread_streams = 4;
  int64_t multi_thread_cutoff = int64_t{250} << 20;
  bool multi_thread_set = false;
};

}  // namespace vfs::operations

#endif  // FICHIER_VFS_OPERATIONS_OPTIONS_H_
