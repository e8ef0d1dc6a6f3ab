#include "mount/write_cache.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>
#include <utility>

#include "absl/strings/str_cat.h"
#include "base/cancel.h"
#include "base/string_views.h"
#include "mount/cache_record.h"
#include "vfs/fd_source.h"
#include "vfs/log.h"
#include "vfs/object_info.h"
#include "vfs/path.h"

namespace mount {
namespace {

absl::Status Errno(std::string_view what, const std::string& path) {
  return absl::InternalError(absl::StrCat(base::ToAbsl(what), " ", path, ": ", strerror(errno)));
}

// A name from a listing becomes a path below the cache folder: one that would leave it (a
// hostile server's "..") or name it twice ("a//b", "./a") is refused.
absl::Status CheckCacheable(std::string_view remote) {
  absl::StatusOr<std::string> clean = vfs::CleanPath(remote);
  if (clean.ok() && *clean == remote && !remote.empty()) return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrCat("can't keep \"", base::ToAbsl(remote), "\" in the VFS cache: not a clean path"));
}

}  // namespace

absl::StatusOr<std::unique_ptr<WriteCache>> WriteCache::Open(vfs::FsPtr fs, std::string root,
                                                             const VfsOptions& options,
                                                             DirCache* dirs) {
  std::error_code ec;
  std::filesystem::create_directories(root, ec);
  if (ec) {
    return absl::FailedPreconditionError(
        absl::StrCat("can't make the VFS cache folder ", root, ": ", ec.message()));
  }
  chmod(root.c_str(), 0700);
  return std::unique_ptr<WriteCache>(new WriteCache(std::move(fs), std::move(root), options, dirs));
}

WriteCache::WriteCache(vfs::FsPtr fs, std::string root, const VfsOptions& options, DirCache* dirs)
    : fs_(std::move(fs)),
      root_(std::move(root)),
      record_root_(CacheRecordRoot(root_)),
      options_(options),
      dirs_(dirs) {
  LoadRecords();
  uploader_ = std::thread(&WriteCache::UploadLoop, this);
}

WriteCache::~WriteCache() {
  Flush();
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
    changed_ = true;
  }
  uploader_.join();
  std::vector<std::string> unrecorded;
  {
    absl::MutexLock lock(&mu_);
    for (const auto& [remote, item] : items_) {
      if (item.sparse && item.record_stale) unrecorded.push_back(remote);
    }
  }
  for (const std::string& remote : unrecorded) SaveRecord(remote);
  // Read copies stay for the next run when their record was written; uploaded files go, as
  // the next run would not know them. Files not uploaded stay.
  for (const auto& [remote, item] : items_) {
    if (item.dirty) continue;
    if (!item.sparse || access(RecordPath(remote).c_str(), F_OK) != 0) Drop(remote);
  }
}

void WriteCache::MakeParentDir(const std::string& path) {
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
}

std::string WriteCache::LocalPath(std::string_view remote) const {
  return absl::StrCat(root_, "/", base::ToAbsl(remote));
}

std::string WriteCache::RecordPath(std::string_view remote) const {
  return absl::StrCat(record_root_, "/", base::ToAbsl(remote));
}

void WriteCache::Drop(std::string_view remote) {
  unlink(RecordPath(remote).c_str());  // first: a copy without its record is never trusted
  unlink(LocalPath(remote).c_str());
}

absl::Status WriteCache::FillGaps(int fd, const vfs::ObjectPtr& object,
                                  const std::vector<ByteRange>& gaps, const std::string& path) {
  for (const ByteRange& gap : gaps) {
    absl::StatusOr<std::unique_ptr<vfs::Source>> in =
        object->Open(vfs::OpenOptions::Range(gap.start, gap.end - 1));
    if (!in.ok()) return in.status();
    off_t at = gap.start;
    absl::StatusOr<int64_t> copied = vfs::Drain(**in, [&](std::span<const uint8_t> chunk) {
      if (pwrite(fd, chunk.data(), chunk.size(), at) != static_cast<ssize_t>(chunk.size())) {
        return Errno("can't fill the cached file", path);
      }
      at += static_cast<off_t>(chunk.size());
      return absl::OkStatus();
    });
    if (!copied.ok()) return copied.status();
    if (*copied != gap.end - gap.start) {
      return absl::DataLossError(absl::StrCat("the remote copy ended at ", at, " instead of ",
                                              gap.end));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<int> WriteCache::OpenFile(std::string_view remote, const vfs::ObjectPtr& existing,
                                         bool truncate) {
  if (absl::Status st = CheckCacheable(remote); !st.ok()) return st;
  const std::string path = LocalPath(remote);
  MakeParentDir(path);
  bool keep = false;
  std::vector<ByteRange> gaps;  // of a kept read copy, filled before the first write
  {
    absl::MutexLock lock(&mu_);
    Item& item = items_[std::string(remote)];
    const bool same_version =
        existing != nullptr && item.size == existing->size() &&
        (!item.sparse || item.remote_mod_time == existing->mod_time());
    // The cached copy is current when it has changes of its own, is open for writing, or
    // matches the remote's version.
    keep = !truncate && (item.dirty || (item.open > 0 && !item.sparse) ||
                         (same_version && access(path.c_str(), F_OK) == 0));
    if (keep && item.sparse) gaps = item.present.Missing(0, item.size);
    if (item.sparse) {
      // The copy stops being the remote's: no record may vouch for it. When not kept, readers
      // of the old copy keep their own file and this one starts empty.
      unlink(RecordPath(remote).c_str());
      if (!keep) unlink(path.c_str());
    }
    // From here on the file is the writers': readers' late bytes must not land in it.
    item.sparse = false;
    item.present.Clear();
    item.remote_mod_time = absl::InfinitePast();
    item.generation = ++next_generation_;
    ++item.open;
    item.last_use = options_.clock->Now();
  }
  int flags = O_RDWR | O_CREAT | O_CLOEXEC;
  if (!keep) flags |= O_TRUNC;
  int fd = open(path.c_str(), flags, 0600);
  if (fd < 0) {
    Closed(remote, false);
    return Errno("can't open the cached file", path);
  }
  absl::Status st;
  if (keep) {
    st = FillGaps(fd, existing, gaps, path);
  } else if (!truncate && existing != nullptr) {
    // Opened for writing without truncation: the file's current content comes first.
    st = FillGaps(fd, existing, {{0, existing->size()}}, path);
  }
  if (!st.ok()) {
    close(fd);
    Closed(remote, false);
    return vfs::WithContext(st, absl::StrCat("caching ", base::ToAbsl(remote)));
  }
  if (!keep && !truncate && existing != nullptr) {
    absl::MutexLock lock(&mu_);
    items_[std::string(remote)].size = existing->size();
  }
  return fd;
}

int WriteCache::OpenCached(std::string_view remote, int64_t size, absl::Time mod_time) {
  absl::MutexLock lock(&mu_);
  auto it = items_.find(remote);
  if (it == items_.end()) return -1;
  Item& item = it->second;
  if (!item.dirty) {
    if (item.size != size || (item.sparse && item.remote_mod_time != mod_time)) return -1;
    if (item.sparse && !item.present.Covers(0, item.size)) return -1;
  }
  item.last_use = options_.clock->Now();
  return open(LocalPath(remote).c_str(), O_RDONLY | O_CLOEXEC);
}

absl::StatusOr<WriteCache::SparseFile> WriteCache::OpenSparse(std::string_view remote,
                                                              const vfs::Object& object) {
  if (absl::Status st = CheckCacheable(remote); !st.ok()) return st;
  const std::string path = LocalPath(remote);
  const int64_t size = object.size();
  if (size < 0) return absl::UnavailableError("size unknown");
  absl::MutexLock lock(&mu_);
  auto [it, made] = items_.try_emplace(std::string(remote));
  Item& item = it->second;
  if (!made && (item.dirty || item.uploading || (item.open > 0 && !item.sparse))) {
    return absl::UnavailableError("the cached file is being written");
  }
  if (made && access(path.c_str(), F_OK) == 0) {
    // Left by an earlier run that ended before uploading it: not ours to replace.
    items_.erase(it);
    return absl::UnavailableError(absl::StrCat("a file from an earlier run is at ", path));
  }
  const bool current = !made && item.sparse && item.size == size &&
                       item.remote_mod_time == object.mod_time() &&
                       access(path.c_str(), F_OK) == 0;
  int fd = -1;
  if (current) {
    fd = open(path.c_str(), O_RDWR | O_CLOEXEC);
  } else {
    MakeParentDir(path);
    Drop(remote);  // readers of an older copy keep theirs
    fd = open(path.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd >= 0 && ftruncate(fd, size) != 0) {
      close(fd);
      fd = -1;
    }
    item.sparse = true;
    item.size = size;
    item.remote_mod_time = object.mod_time();
    item.present.Clear();
    item.generation = ++next_generation_;
  }
  if (fd < 0) {
    const absl::Status error = Errno("can't open the cached file", path);
    if (item.open == 0) items_.erase(it);
    return error;
  }
  ++item.open;
  item.last_use = options_.clock->Now();
  return SparseFile{fd, item.generation};
}

std::vector<ByteRange> WriteCache::Missing(std::string_view remote, int64_t generation,
                                           int64_t start, int64_t end) {
  absl::MutexLock lock(&mu_);
  auto it = items_.find(remote);
  if (it == items_.end() || it->second.generation != generation) return {{start, end}};
  return it->second.present.Missing(start, end);
}

absl::Status WriteCache::Store(std::string_view remote, int64_t generation, int fd, int64_t offset,
                               std::span<const uint8_t> data) {
  absl::MutexLock lock(&mu_);
  auto it = items_.find(remote);
  if (it == items_.end() || it->second.generation != generation) return absl::OkStatus();
  size_t done = 0;
  while (done < data.size()) {
    ssize_t n = pwrite(fd, data.data() + done, data.size() - done,
                       offset + static_cast<int64_t>(done));
    if (n <= 0) return Errno("can't write the cached file", LocalPath(remote));
    done += static_cast<size_t>(n);
  }
  it->second.present.Insert(offset, offset + static_cast<int64_t>(data.size()));
  it->second.record_stale = true;
  it->second.last_use = options_.clock->Now();
  return absl::OkStatus();
}

void WriteCache::Closed(std::string_view remote, bool dirty) {
  if (dirty) {
    {
      absl::MutexLock lock(&mu_);
      if (auto it = items_.find(remote); it != items_.end()) ++it->second.recording;
    }
    SavePendingRecord(remote);
  } else {
    SaveRecord(remote);
  }
  struct stat st {};
  bool have = stat(LocalPath(remote).c_str(), &st) == 0;
  absl::MutexLock lock(&mu_);
  auto it = items_.find(remote);
  if (it == items_.end()) return;
  Item& item = it->second;
  if (item.open > 0) --item.open;
  if (have) item.size = st.st_size;
  if (dirty) {
    if (item.recording > 0) --item.recording;
    item.dirty = true;
    ++item.version;
  }
  if (item.open == 0 && item.dirty) item.due = options_.clock->Now() + options_.write_back;
  if (item.open == 0 && !item.dirty) Evict();
  changed_ = true;
}

bool WriteCache::Dirty(std::string_view remote) {
  absl::MutexLock lock(&mu_);
  auto it = items_.find(remote);
  return it != items_.end() && it->second.dirty;
}

absl::Status WriteCache::Rename(std::string_view from, std::string_view to) {
  if (absl::Status st = CheckCacheable(to); !st.ok()) return st;
  absl::MutexLock lock(&mu_);
  auto it = items_.find(from);
  if (it == items_.end()) return absl::OkStatus();
  if (!it->second.dirty && !it->second.uploading && it->second.sparse) {
    // A read copy (its readers keep their file): the new name starts uncached.
    Drop(from);
    items_.erase(it);
    return absl::OkStatus();
  }
  if (it->second.uploading || it->second.open > 0) {
    return absl::FailedPreconditionError(absl::StrCat(base::ToAbsl(from), " is open or being uploaded"));
  }
  const std::string to_path = LocalPath(to);
  MakeParentDir(to_path);
  if (rename(LocalPath(from).c_str(), to_path.c_str()) != 0) {
    return Errno("can't rename the cached file", LocalPath(from));
  }
  if (it->second.dirty) {
    // The record goes along (a pending file is uploaded under its new name by the next run).
    const std::string to_record = RecordPath(to);
    MakeParentDir(to_record);
    rename(RecordPath(from).c_str(), to_record.c_str());
  }
  Item item = it->second;
  items_.erase(it);
  items_[std::string(to)] = item;
  return absl::OkStatus();
}

void WriteCache::Remove(std::string_view remote) {
  absl::MutexLock lock(&mu_);
  auto it = items_.find(remote);
  if (it == items_.end() || it->second.uploading) return;
  // A read copy goes even while read (its readers keep their file); written files wait.
  if (it->second.open > 0 && !it->second.sparse) return;
  Drop(remote);
  items_.erase(it);
}

absl::Status WriteCache::Upload(const std::string& remote) {
  const std::string path = LocalPath(remote);
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Errno("can't open the cached file", path);
  struct stat st {};
  fstat(fd, &st);
  vfs::FdSource source(fd, true);
  vfs::StaticObjectInfo info(remote, st.st_size, absl::FromUnixSeconds(st.st_mtime));
  absl::StatusOr<vfs::ObjectPtr> object = fs_->Put(source, info);
  if (!object.ok()) return object.status();
  dirs_->Upsert(remote, Node{false, (*object)->size(), (*object)->mod_time(), *object});
  vfs::Log(vfs::LogLevel::kInfo, remote, "vfs cache: upload succeeded");
  return absl::OkStatus();
}

// Uploads one picked item, outside the lock, and records the outcome.
void WriteCache::UploadOne(const std::string& remote) {
  int64_t version = 0;
  {
    absl::MutexLock lock(&mu_);
    version = items_[remote].version;
  }
  absl::Status st = Upload(remote);
  absl::MutexLock lock(&mu_);
  Item& item = items_[remote];
  item.uploading = false;
  if (st.ok()) {
    item.error.clear();
    // Written again while it went up: the new content goes up too.
    if (item.version == version) {
      item.dirty = false;
      if (item.recording == 0) unlink(RecordPath(remote).c_str());
    }
    item.due = item.dirty && item.open == 0 ? options_.clock->Now() + options_.write_back
                                            : absl::InfiniteFuture();
    Evict();
  } else {
    item.error = std::string(st.message());
    item.due = absl::InfiniteFuture();  // tried again at Flush (unmount)
    vfs::Log(vfs::LogLevel::kError, remote,
             absl::StrCat("vfs cache: failed to upload, kept in the cache: ", st.message()));
  }
}

void WriteCache::UploadLoop() {
  // Uploads finish on a stop (SIGINT/SIGTERM): the unmount waits for them.
  base::ScopedCancel own(std::make_shared<base::Cancel>());
  absl::MutexLock lock(&mu_);
  while (!stopping_) {
    std::string pick;
    const absl::Time now = options_.clock->Now();
    absl::Time next = absl::InfiniteFuture();
    for (auto& [remote, item] : items_) {
      if (!item.dirty || item.open > 0 || item.uploading) continue;
      if (item.due <= now && pick.empty() && !flushing_) pick = remote;
      next = std::min(next, item.due);
    }
    if (pick.empty()) {
      // Woken by a change (a close, a stop) or by the time the next upload is due.
      absl::Duration wait = std::min(absl::Seconds(1), std::max(absl::ZeroDuration(), next - now));
      mu_.AwaitWithTimeout(absl::Condition(&changed_), wait);
      changed_ = false;
      continue;
    }
    items_[pick].uploading = true;
    mu_.Unlock();
    UploadOne(pick);
    mu_.Lock();
  }
}

std::vector<std::string> WriteCache::Flush() {
  base::ScopedCancel own(std::make_shared<base::Cancel>());
  std::vector<std::string> remotes;
  {
    absl::MutexLock lock(&mu_);
    flushing_ = true;
    auto idle = [this]() ABSL_SHARED_LOCKS_REQUIRED(mu_) {
      for (const auto& [remote, item] : items_) {
        if (item.uploading) return false;
      }
      return true;
    };
    mu_.Await(absl::Condition(&idle));
    for (auto& [remote, item] : items_) {
      if (item.dirty && item.open == 0) {
        item.uploading = true;
        remotes.push_back(remote);
      }
    }
  }
  std::vector<std::string> failed;
  for (const std::string& remote : remotes) {
    UploadOne(remote);
    absl::MutexLock lock(&mu_);
    auto it = items_.find(remote);
    if (it != items_.end() && it->second.dirty && !it->second.error.empty()) {
      failed.push_back(
          absl::StrCat(remote, " (", it->second.error, ") kept in ", LocalPath(remote)));
    }
  }
  absl::MutexLock lock(&mu_);
  flushing_ = false;
  return failed;
}

void WriteCache::Evict() {
  const absl::Time now = options_.clock->Now();
  int64_t total = 0;
  for (const auto& [remote, item] : items_) total += item.Stored();
  for (auto it = items_.begin(); it != items_.end();) {
    const Item& item = it->second;
    bool idle = !item.dirty && item.open == 0 && !item.uploading;
    bool old = now - item.last_use > options_.cache_max_age;
    bool over = options_.cache_max_size >= 0 && total > options_.cache_max_size;
    if (idle && (old || over || options_.cache_mode == CacheMode::kMinimal)) {
      Drop(it->first);
      total -= item.Stored();
      it = items_.erase(it);
    } else {
      ++it;
    }
  }
}

}  // namespace mount
