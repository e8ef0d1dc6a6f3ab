// The VFS cache's records (cache_record.h): taken at start, written for read copies at their
// last close and for written files at each close that wrote, until their upload.
#include "mount/write_cache.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "base/atomic_file.h"
#include "mount/cache_record.h"
#include "vfs/log.h"

namespace mount {

void WriteCache::LoadRecords() {
  // Files of an earlier run, each as its record says; files without one are not ours to touch.
  absl::MutexLock lock(&mu_);
  const absl::Time now = options_.clock->Now();
  for (auto& [remote, record] : LoadCacheRecords(record_root_, root_)) {
    if (!record.pending && options_.cache_mode != CacheMode::kFull) continue;
    if (record.pending && options_.read_only) {
      // Kept for a mount that may write.
      vfs::Log(vfs::LogLevel::kNotice, remote,
               "vfs cache: written but not uploaded by an earlier run: left for a mount that is "
               "not --read-only");
      continue;
    }
    Item& item = items_[remote];
    item.size = record.size;
    item.generation = ++next_generation_;
    item.last_use = now;
    if (record.pending) {
      item.dirty = true;
      item.version = 1;
      item.due = now;
      vfs::Log(vfs::LogLevel::kNotice, remote,
               "vfs cache: written but not uploaded by an earlier run: uploading it");
      continue;
    }
    item.sparse = true;
    item.remote_mod_time = record.mod_time;
    for (const ByteRange& r : record.ranges) item.present.Insert(r.start, r.end);
  }
  Evict();
}

void WriteCache::SaveRecord(std::string_view remote) {
  int64_t generation = 0;
  int64_t recorded = 0;
  CacheRecord record;
  {
    absl::MutexLock lock(&mu_);
    auto it = items_.find(remote);
    // Only at the last close (or at the end, with none open): the copy is still growing else.
    if (it == items_.end() || !it->second.sparse || it->second.open > 1 ||
        !it->second.record_stale) {
      return;
    }
    const Item& item = it->second;
    generation = item.generation;
    recorded = item.present.Total();
    record = CacheRecord{item.size, item.remote_mod_time, item.present.List()};
  }
  // The bytes reach the disk before a record vouches for them (a power cut in between leaves a
  // copy without a record, which is never trusted). Bytes stored meanwhile wait for the next.
  if (!SyncFile(LocalPath(remote)).ok()) return;
  absl::MutexLock lock(&mu_);
  auto it = items_.find(remote);
  if (it == items_.end() || !it->second.sparse || it->second.generation != generation) return;
  // Under the lock, so that no writer takes the copy between the check and the record.
  if (absl::Status st = WriteRecord(remote, record, base::Durability::kReplaceOnly); !st.ok()) {
    vfs::Log(vfs::LogLevel::kDebug, remote, absl::StrCat("vfs cache: no record kept: ", st.message()));
    return;
  }
  if (it->second.present.Total() == recorded) it->second.record_stale = false;
}

void WriteCache::SavePendingRecord(std::string_view remote) {
  absl::StatusOr<struct stat> synced = SyncFile(LocalPath(remote));
  absl::Status saved = synced.status();
  if (saved.ok()) {
    CacheRecord record{synced->st_size, absl::FromTimeT(synced->st_mtime), {}, /*pending=*/true};
    if (synced->st_size > 0) record.ranges.push_back({0, synced->st_size});
    saved = WriteRecord(remote, record, base::Durability::kSynced);
  }
  if (!saved.ok()) {
    vfs::Log(vfs::LogLevel::kNotice, remote,
             absl::StrCat("vfs cache: no record for a run that ends before the upload: ",
                          saved.message()));
  }
}

absl::StatusOr<struct stat> WriteCache::SyncFile(const std::string& path) {
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return absl::InternalError(absl::StrCat("can't open ", path, ": ", strerror(errno)));
  struct stat st {};
  const bool synced = fstat(fd, &st) == 0 && fdatasync(fd) == 0;
  const int err = errno;
  close(fd);
  if (!synced) return absl::InternalError(absl::StrCat("can't sync ", path, ": ", strerror(err)));
  return st;
}

absl::Status WriteCache::WriteRecord(std::string_view remote, const CacheRecord& record,
                                     base::Durability durability) {
  const std::string path = RecordPath(remote);
  MakeParentDir(path);
  return base::WriteFileAtomically(path, EncodeCacheRecord(record), 0600, durability);
}

}  // namespace mount
