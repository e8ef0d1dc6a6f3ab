// The VFS cache on disk (--vfs-cache-mode writes/full): a file written through the VFS is kept
// in <cache dir>/vfs/<remote>/<path>, uploaded --vfs-write-back after its last close (at once
// on Flush, i.e. at unmount), and kept afterwards so reads of it stay local, until
// --vfs-cache-max-age or --vfs-cache-max-size evict it. A failed upload keeps the file and is
// reported; nothing written is deleted before the remote has it.
// In full mode, files only read are kept too, as sparse copies holding the ranges read so far
// (rclone's full mode): each is tied to the remote version it copies (size and time) and is
// started again when that changes; a copy replaced while readers still hold it gets a new
// generation, so their late bytes never land in it. A record beside each copy (written at its
// last close, after its bytes are synced) lets the next run use it. A written file gets a
// record too until it is uploaded: a run that ends first (SIGKILL, power cut) leaves it for the
// next run, which uploads it.
#ifndef FICHIER_MOUNT_WRITE_CACHE_H_
#define FICHIER_MOUNT_WRITE_CACHE_H_

#include <sys/stat.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <span>
#include <string_view>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "base/atomic_file.h"
#include "mount/byte_ranges.h"
#include "mount/cache_record.h"
#include "mount/dir_cache.h"
#include "mount/vfs_options.h"
#include "vfs/fs.h"

namespace mount {

class WriteCache {
 public:
  // `root`: the folder for this remote's files (made 0700 if missing).
  static absl::StatusOr<std::unique_ptr<WriteCache>> Open(vfs::FsPtr fs, std::string root,
                                                          const VfsOptions& options,
                                                          DirCache* dirs);
  // Flush(), then stops the upload thread and removes the uploaded copies (the next run would
  // not know them); read copies stay with their records, files that failed to upload stay.
  ~WriteCache();

  // Opens the local file of `remote` for reading and writing and counts the handle: made empty
  // when `truncate` or when there is no remote object, else filled with `existing`'s content
  // (kept as it is when the cache already holds the latest version). The caller closes the fd
  // and calls Closed.
  absl::StatusOr<int> OpenFile(std::string_view remote, const vfs::ObjectPtr& existing,
                               bool truncate);
  // A read-only fd of the cached copy when one is there, whole, and matches the remote's `size`
  // (and `mod_time`, for a copy made by reading); -1 when it is not.
  int OpenCached(std::string_view remote, int64_t size, absl::Time mod_time);

  // Full mode: the sparse copy of `object` for one read handle, made (or started again when the
  // remote version differs), counted as a handle (Closed(remote, false) ends it). Unavailable
  // while the file has local changes, is open for writing or is uploading: read it uncached.
  struct SparseFile {
    int fd = -1;  // read-write; the caller closes it
    int64_t generation = 0;
  };
  absl::StatusOr<SparseFile> OpenSparse(std::string_view remote, const vfs::Object& object);
  // The parts of [start, end) the copy of `generation` lacks (all of it once it was replaced).
  std::vector<ByteRange> Missing(std::string_view remote, int64_t generation, int64_t start,
                                 int64_t end);
  // Writes bytes read from the remote into the copy (through `fd`, the reader's) and records
  // them; nothing happens when the copy was replaced since `generation`.
  absl::Status Store(std::string_view remote, int64_t generation, int fd, int64_t offset,
                     std::span<const uint8_t> data);
  // One handle of `remote` was closed; `dirty` when it wrote. The last close of a dirty file
  // schedules its upload.
  void Closed(std::string_view remote, bool dirty);
  // Whether `remote` has local changes not on the remote yet.
  bool Dirty(std::string_view remote);
  // Follows a rename or removal done through the VFS (a pending upload goes to the new name, or
  // is dropped with the file).
  absl::Status Rename(std::string_view from, std::string_view to);
  void Remove(std::string_view remote);

  // Uploads every dirty, closed file now and waits; the remotes that failed, with the reason.
  std::vector<std::string> Flush();

 private:
  struct Item {
    int open = 0;
    bool dirty = false;
    bool uploading = false;
    absl::Time due = absl::InfiniteFuture();  // upload time of a dirty, closed file
    absl::Time last_use;
    int64_t size = 0;
    std::string error;  // last upload failure
    int64_t version = 0;  // closes that wrote; an upload clears dirty only for its own
    // A copy made by reading (full mode): the remote version it holds and the ranges it has.
    bool sparse = false;
    absl::Time remote_mod_time = absl::InfinitePast();
    ByteRanges present;
    int64_t generation = 0;  // changes each time the local file is replaced or taken for writing
    bool record_stale = false;  // bytes stored since the record was written
    int recording = 0;          // closes writing a pending record now: the upload keeps it
    int64_t Stored() const { return sparse ? present.Total() : size; }
  };
  WriteCache(vfs::FsPtr fs, std::string root, const VfsOptions& options, DirCache* dirs);
  std::string LocalPath(std::string_view remote) const;
  std::string RecordPath(std::string_view remote) const;
  // Removes a clean copy's file and its record.
  void Drop(std::string_view remote);
  // At the last close of a read copy: its record, for the next run.
  void SaveRecord(std::string_view remote);
  // At a close that wrote: the file's bytes synced, then a record saying it is pending, so a
  // run that ends before the upload (a crash, a power cut) leaves it to the next run to upload.
  void SavePendingRecord(std::string_view remote);
  // Takes the records of an earlier run: pending files are queued for upload; read copies are
  // taken in full mode.
  void LoadRecords();
  absl::Status WriteRecord(std::string_view remote, const CacheRecord& record,
                           base::Durability durability);
  // The file's bytes on disk (fdatasync); its stat.
  static absl::StatusOr<struct stat> SyncFile(const std::string& path);
  // Makes the folder `path` goes in (a failure shows at the open or rename that follows).
  static void MakeParentDir(const std::string& path);
  // Copies the parts of `object` that `gaps` lists into `fd`.
  absl::Status FillGaps(int fd, const vfs::ObjectPtr& object, const std::vector<ByteRange>& gaps,
                        const std::string& path);
  void UploadLoop();
  void UploadOne(const std::string& remote);
  absl::Status Upload(const std::string& remote);
  void Evict() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  const vfs::FsPtr fs_;
  const std::string root_;
  const std::string record_root_;  // records of read copies (full mode)
  const VfsOptions options_;
  DirCache* const dirs_;
  absl::Mutex mu_;
  std::map<std::string, Item, std::less<>> items_ ABSL_GUARDED_BY(mu_);
  bool flushing_ ABSL_GUARDED_BY(mu_) = false;  // Flush uploads; the thread picks nothing
  bool changed_ ABSL_GUARDED_BY(mu_) = false;   // wakes the upload thread
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  int64_t next_generation_ ABSL_GUARDED_BY(mu_) = 0;
  std::thread uploader_;
};

}  // namespace mount

#endif  // FICHIER_MOUNT_WRITE_CACHE_H_
