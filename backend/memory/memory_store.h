// The process-wide tree behind every memory Fs (like rclone's memory backend, all remotes of the
// process share it, so two Fs rooted at different paths see each other's files, which is what the
// conformance suite's FsIsFile / FromRoot / DirMove cases rely on).
#ifndef FICHIER_BACKEND_MEMORY_MEMORY_STORE_H_
#define FICHIER_BACKEND_MEMORY_MEMORY_STORE_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace backend::memory {

// One stored file. Content is immutable and shared, so a reader that opened it keeps a
// consistent snapshot while an Update swaps in new content.
struct FileRecord {
  mutable absl::Mutex mu;
  std::string id;  // never changes
  std::shared_ptr<const std::string> data ABSL_GUARDED_BY(mu);
  absl::Time mod_time ABSL_GUARDED_BY(mu);
  std::string mime_type ABSL_GUARDED_BY(mu);
  std::string whirlpool ABSL_GUARDED_BY(mu);  // lowercase hex of data
};

using FileRef = std::shared_ptr<FileRecord>;

// Paths are absolute within the store ("" is the store root, which always exists). Lock order:
// Store::mu before FileRecord::mu.
struct Store {
  absl::Mutex mu;
  // Directory path -> modification time. Holds every directory, including implied parents.
  std::map<std::string, absl::Time, std::less<>> dirs ABSL_GUARDED_BY(mu);
  // File path -> the objects of that name, oldest first (more than one only with duplicates).
  std::map<std::string, std::vector<FileRef>, std::less<>> files ABSL_GUARDED_BY(mu);
  uint64_t next_id ABSL_GUARDED_BY(mu) = 1;

  static Store& Global();
};

}  // namespace backend::memory

#endif  // FICHIER_BACKEND_MEMORY_MEMORY_STORE_H_
