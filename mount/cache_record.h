// The record the VFS cache keeps beside a file, so that the next run knows it: for a sparse copy
// (--vfs-cache-mode full) the remote version it holds (size and modification time) and the byte
// ranges it has; for a file written and not uploaded yet, that it is pending (the next run
// uploads it). Records live in a tree of their own (rclone's `vfsMeta` beside `vfs`).
#ifndef FICHIER_MOUNT_CACHE_RECORD_H_
#define FICHIER_MOUNT_CACHE_RECORD_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/time/time.h"
#include "mount/byte_ranges.h"

namespace mount {

struct CacheRecord {
  int64_t size = 0;
  absl::Time mod_time;
  std::vector<ByteRange> ranges;  // in order, disjoint, within [0, size]
  bool pending = false;           // written here, not uploaded yet
};

std::string EncodeCacheRecord(const CacheRecord& record);
// nullopt for anything that is not a whole, consistent record of this version.
std::optional<CacheRecord> DecodeCacheRecord(std::string_view text);

// The records folder for a cache folder: <dir>/vfs/<remote> -> <dir>/vfsMeta/<remote>, any
// other folder -> <folder>.meta.
std::string CacheRecordRoot(const std::string& cache_root);

// Every record below `record_root` whose copy is below `cache_root` with the recorded size,
// by remote path. Unreadable records, and copies that do not match, are left out (and alone).
std::map<std::string, CacheRecord> LoadCacheRecords(const std::string& record_root,
                                                    const std::string& cache_root);

}  // namespace mount

#endif  // FICHIER_MOUNT_CACHE_RECORD_H_
