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
#include "vfs/fd_source.h"
#include "base/string_views.h"
#include "vfs/log.h"
#include "vfs/object_info.h"

namespace mount {
namespace {

absl::Status Errno(std::string_view what, const std::string& path) {
  return absl::InternalError(absl::StrCat(base::ToAbsl(what), " ", path, ": ", strerror(errno)));
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
    : fs_(std::move(fs)), root_(std::move(root)), options_(options), dirs_(dirs) {
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
}

std::string WriteCache::LocalPath(std::string_view remote) const {
  return absl::StrCat(root_, "/", base::ToAbsl(remote));
}

absl::StatusOr<int> WriteCache::OpenFile(std::string_view remote, const vfs::ObjectPtr& existing,
                                         bool truncate) {
  const std::string path = LocalPath(remote);
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
  bool keep = false;
  {
    absl::MutexLock lock(&mu_);
    Item& item = items_[std::string(remote)];
    // The cached copy is current when it has changes of its own or matches the remote's size.
    keep = !truncate && (item.dirty || item.open > 0 ||
                         (existing != nullptr && item.size == existing->size() &&
                          access(path.c_str(), F_OK) == 0));
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
  if (!keep && !truncate && existing != nullptr) {
    // Opened for writing without truncation: the file's current content comes first.
    absl::StatusOr<std::unique_ptr<vfs::Source>> in = existing->Open();
    absl::Status st = in.status();
    if (st.ok()) {
      off_t at = 0;
      absl::StatusOr<int64_t> copied = vfs::Drain(**in, [&](std::span<const uint8_t> chunk) {
        if (pwrite(fd, chunk.data(), chunk.size(), at) != static_cast<ssize_t>(chunk.size())) {
          return Errno("can't fill the cached file", path);
        }
        at += static_cast<off_t>(chunk.size());
        return absl::OkStatus();
      });
      st = copied.status();
    }
    if (!st.ok()) {
      close(fd);
      Closed(remote, false);
      return vfs::WithContext(st, absl::StrCat("caching ", base::ToAbsl(remote)));
    }
    absl::MutexLock lock(&mu_);
    items_[std::string(remote)].size = existing->size();
  }
  return fd;
}

int WriteCache::OpenCached(std::string_view remote, int64_t size) {
  absl::MutexLock lock(&mu_);
  auto it = items_.find(remote);
  if (it == items_.end() || (!it->second.dirty && it->second.size != size)) return -1;
  it->second.last_use = options_.clock->Now();
  return open(LocalPath(remote).c_str(), O_RDONLY | O_CLOEXEC);
}

void WriteCache::Closed(std::string_view remote, bool dirty) {
  struct stat st {};
  bool have = stat(LocalPath(remote).c_str(), &st) == 0;
  absl::MutexLock lock(&mu_);
  auto it = items_.find(remote);
  if (it == items_.end()) return;
  Item& item = it->second;
  if (item.open > 0) --item.open;
  if (have) item.size = st.st_size;
  if (dirty) {
    item.dirty = true;
    ++item.version;
  }
  if (item.open == 0 && item.dirty) item.due = options_.clock->Now() + options_.write_back;
  changed_ = true;
}

bool WriteCache::Dirty(std::string_view remote) {
  absl::MutexLock lock(&mu_);
  auto it = items_.find(remote);
  return it != items_.end() && it->second.dirty;
}

absl::Status WriteCache::Rename(std::string_view from, std::string_view to) {
  absl::MutexLock lock(&mu_);
  auto it = items_.find(from);
  if (it == items_.end()) return absl::OkStatus();
  if (it->second.uploading || it->second.open > 0) {
    return absl::FailedPreconditionError(absl::StrCat(base::ToAbsl(from), " is open or being uploaded"));
  }
  const std::string to_path = LocalPath(to);
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(to_path).parent_path(), ec);
  if (rename(LocalPath(from).c_str(), to_path.c_str()) != 0) {
    return Errno("can't rename the cached file", LocalPath(from));
  }
  Item item = it->second;
  items_.erase(it);
  items_[std::string(to)] = item;
  return absl::OkStatus();
}

void WriteCache::Remove(std::string_view remote) {
  absl::MutexLock lock(&mu_);
  auto it = items_.find(remote);
  if (it == items_.end() || it->second.open > 0 || it->second.uploading) return;
  unlink(LocalPath(remote).c_str());
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
    if (item.version == version) item.dirty = false;
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
  for (const auto& [remote, item] : items_) total += item.size;
  for (auto it = items_.begin(); it != items_.end();) {
    const Item& item = it->second;
    bool idle = !item.dirty && item.open == 0 && !item.uploading;
    bool old = now - item.last_use > options_.cache_max_age;
    bool over = options_.cache_max_size >= 0 && total > options_.cache_max_size;
    if (idle && (old || over || options_.cache_mode == CacheMode::kMinimal)) {
      unlink(LocalPath(it->first).c_str());
      total -= item.size;
      it = items_.erase(it);
    } else {
      ++it;
    }
  }
}

}  // namespace mount
