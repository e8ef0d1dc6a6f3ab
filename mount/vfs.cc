#include "mount/vfs.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>
#include <utility>

#include "absl/strings/cord.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "base/string_views.h"
#include "mount/chunked_reader.h"
#include "mount/sparse_reader.h"
#include "mount/stream_writer.h"
#include "mount/write_cache.h"
#include "vfs/global_options.h"
#include "vfs/log.h"
#include "vfs/path.h"

namespace mount {
namespace {

constexpr char kErrnoPayload[] = "fclone/mount-errno";

}  // namespace

absl::Status WithErrno(absl::Status status, int err) {
  status.SetPayload(kErrnoPayload, absl::Cord(absl::StrCat(err)));
  return status;
}

namespace {

absl::Status ReadOnly(std::string_view path) {
  return WithErrno(
      absl::PermissionDeniedError(absl::StrCat(base::ToAbsl(path), ": read-only file system")),
      EROFS);
}

absl::Status LocalError(std::string_view what) {
  return absl::InternalError(absl::StrCat(base::ToAbsl(what), ": ", strerror(errno)));
}

}  // namespace

int ErrnoFor(const absl::Status& status) {
  if (status.ok()) return 0;
  if (absl::optional<absl::Cord> p = status.GetPayload(kErrnoPayload)) {
    int err = 0;
    if (absl::SimpleAtoi(std::string(*p), &err)) return err;
  }
  switch (vfs::KindOf(status)) {
    case vfs::ErrorKind::kObjectNotFound:
    case vfs::ErrorKind::kDirNotFound:
      return ENOENT;
    case vfs::ErrorKind::kDirExists:
      return EEXIST;
    case vfs::ErrorKind::kDirNotEmpty:
      return ENOTEMPTY;
    case vfs::ErrorKind::kIsFile:
      return ENOTDIR;
    case vfs::ErrorKind::kIsDir:
      return EISDIR;
    case vfs::ErrorKind::kCantMove:
    case vfs::ErrorKind::kCantDirMove:
    case vfs::ErrorKind::kNotImplemented:
      return ENOSYS;
    case vfs::ErrorKind::kFileNameTooLong:
      return ENAMETOOLONG;
    default:
      break;
  }
  switch (status.code()) {
    case absl::StatusCode::kNotFound:
      return ENOENT;
    case absl::StatusCode::kAlreadyExists:
      return EEXIST;
    case absl::StatusCode::kPermissionDenied:
      return EACCES;
    case absl::StatusCode::kUnimplemented:
      return ENOSYS;
    case absl::StatusCode::kInvalidArgument:
      return EINVAL;
    default:
      return EIO;
  }
}

struct Vfs::OpenFile {
  std::string path;
  bool writable = false;
  absl::Mutex mu;
  std::unique_ptr<ChunkedReader> reader;  // a remote file opened for reading
  std::unique_ptr<SparseReader> sparse;   // the same, through its sparse copy (full mode)
  int fd = -1;                            // its copy in the VFS cache
  bool cached = false;                    // fd belongs to the WriteCache's count
  bool dirty = false;
  std::unique_ptr<StreamWriter> writer;  // an upload fed by writes (no cache)
  absl::Status upload_error;             // why the upload at the first flush failed
};

absl::StatusOr<std::unique_ptr<Vfs>> Vfs::Create(vfs::FsPtr fs, VfsOptions options,
                                                 std::string cache_root) {
  // Spool files of uncached writes: in the cache folder when it can be made, else the temp dir.
  std::error_code ec;
  std::filesystem::create_directories(cache_root, ec);
  std::string spool = ec || cache_root.empty() ? vfs::SpoolDir() : cache_root;
  std::unique_ptr<Vfs> v(new Vfs(std::move(fs), std::move(options), spool));
  if (v->options_.UsesCache()) {
    absl::StatusOr<std::unique_ptr<WriteCache>> cache =
        WriteCache::Open(v->fs_, std::move(cache_root), v->options_, &v->dirs_);
    if (!cache.ok()) return cache.status();
    v->cache_ = std::move(*cache);
  }
  return v;
}

Vfs::Vfs(vfs::FsPtr fs, VfsOptions options, std::string spool_dir)
    : spool_dir_(std::move(spool_dir)),
      fs_(std::move(fs)),
      options_(std::move(options)),
      dirs_(fs_, options_.dir_cache_time, options_.clock),
      usage_(*fs_, options_) {}

Vfs::~Vfs() = default;

absl::StatusOr<Attr> Vfs::Stat(std::string_view path) {
  absl::StatusOr<Node> node = dirs_.Stat(path);
  if (!node.ok()) return node.status();
  return Attr{node->is_dir, node->size, node->mod_time};
}

absl::StatusOr<std::vector<std::pair<std::string, Attr>>> Vfs::ReadDir(std::string_view dir) {
  absl::StatusOr<Node> self = dirs_.Stat(dir);
  if (!self.ok()) return self.status();
  if (!self->is_dir) return WithErrno(vfs::IsFileError(dir), ENOTDIR);
  absl::StatusOr<Listing> listing = dirs_.List(dir);
  if (!listing.ok()) return listing.status();
  std::vector<std::pair<std::string, Attr>> out;
  out.reserve(listing->size());
  for (const auto& [leaf, node] : *listing) {
    out.emplace_back(leaf, Attr{node.is_dir, node.size, node.mod_time});
  }
  return out;
}

absl::StatusOr<vfs::ObjectPtr> Vfs::Object(std::string_view path) {
  absl::StatusOr<Node> node = dirs_.Stat(path);
  if (!node.ok()) return node.status();
  if (node->is_dir) return WithErrno(vfs::MakeError(vfs::ErrorKind::kIsDir, path), EISDIR);
  return node->object;
}

std::shared_ptr<Vfs::OpenFile> Vfs::Find(Handle h) {
  absl::MutexLock lock(&mu_);
  auto it = open_.find(h);
  return it == open_.end() ? nullptr : it->second;
}

absl::StatusOr<Handle> Vfs::Open(std::string_view path, int flags, bool create) {
  const int access = flags & O_ACCMODE;
  const bool write = access != O_RDONLY || create || (flags & O_TRUNC) != 0;
  if (write && options_.read_only) return ReadOnly(path);
  absl::StatusOr<Node> node = dirs_.Stat(path);
  if (!node.ok() && !(create && absl::IsNotFound(node.status()))) return node.status();
  if (node.ok() && node->is_dir) {
    return WithErrno(vfs::MakeError(vfs::ErrorKind::kIsDir, path), EISDIR);
  }
  if (!node.ok()) {
    // A new file needs an existing parent directory.
    absl::StatusOr<Node> parent = dirs_.Stat(vfs::ParentDir(path));
    if (!parent.ok()) return parent.status();
    if (!parent->is_dir) return WithErrno(vfs::IsFileError(vfs::ParentDir(path)), ENOTDIR);
  }
  vfs::ObjectPtr object = node.ok() ? node->object : nullptr;
  auto file = std::make_shared<OpenFile>();
  file->path = std::string(path);
  file->writable = write;
  const bool truncate = create || (flags & O_TRUNC) != 0 || !node.ok();
  if (write && cache_ != nullptr &&
      (options_.cache_mode != CacheMode::kMinimal || access == O_RDWR || !truncate)) {
    absl::StatusOr<int> fd = cache_->OpenFile(path, object, truncate);
    if (!fd.ok()) return fd.status();
    file->fd = *fd;
    file->cached = true;
    file->dirty = truncate;
  } else if (write) {
    if (access == O_RDWR && !truncate) {
      return WithErrno(absl::FailedPreconditionError(
                           absl::StrCat(base::ToAbsl(path),
                                        ": can't open for read and write without --vfs-cache-mode "
                                        "writes (or minimal)")),
                       EPERM);
    }
    file->writer = std::make_unique<StreamWriter>(fs_, std::string(path), spool_dir_);
  } else if (int fd = cache_ != nullptr ? cache_->OpenCached(path, node->size, node->mod_time) : -1;
             fd >= 0) {
    file->fd = fd;
  } else if (object != nullptr) {
    const bool sparse =
        cache_ != nullptr && options_.cache_mode == CacheMode::kFull && OpenSparse(*file, object);
    if (!sparse) file->reader = std::make_unique<ChunkedReader>(object, options_);
  } else {
    return vfs::ObjectNotFound(path);
  }
  if (write && (!node.ok() || truncate)) {
    dirs_.Upsert(path, Node{false, 0, options_.clock->Now(), nullptr});
  }
  absl::MutexLock lock(&mu_);
  Handle h = next_++;
  open_[h] = std::move(file);
  return h;
}

bool Vfs::OpenSparse(OpenFile& file, const vfs::ObjectPtr& object) {
  absl::StatusOr<WriteCache::SparseFile> copy = cache_->OpenSparse(file.path, *object);
  if (!copy.ok()) {
    vfs::Log(vfs::LogLevel::kDebug, file.path,
             absl::StrCat("vfs cache: reading uncached: ", copy.status().message()));
    return false;
  }
  file.sparse = std::make_unique<SparseReader>(cache_.get(), file.path, *copy, object, options_);
  return true;
}

absl::StatusOr<size_t> Vfs::Read(Handle h, int64_t offset, std::span<uint8_t> out) {
  std::shared_ptr<OpenFile> file = Find(h);
  if (file == nullptr) return WithErrno(absl::InvalidArgumentError("bad handle"), EBADF);
  if (file->reader != nullptr) return file->reader->ReadAt(offset, out);
  if (file->sparse != nullptr) return file->sparse->ReadAt(offset, out);
  if (file->fd < 0) {
    return WithErrno(absl::FailedPreconditionError(
                         absl::StrCat(file->path, ": can't read a file opened write-only")),
                     EBADF);
  }
  ssize_t n = pread(file->fd, out.data(), out.size(), offset);
  if (n < 0) return LocalError(absl::StrCat("reading the cached ", file->path));
  return static_cast<size_t>(n);
}

void Vfs::Grow(std::string_view path, int64_t size) {
  absl::StatusOr<Node> node = dirs_.Stat(path);
  Node updated = node.ok() ? *node : Node{};
  updated.size = size;
  updated.mod_time = options_.clock->Now();
  updated.object = nullptr;  // the remote copy is stale until the upload
  dirs_.Upsert(path, updated);
}

absl::StatusOr<size_t> Vfs::Write(Handle h, int64_t offset, std::span<const uint8_t> data) {
  std::shared_ptr<OpenFile> file = Find(h);
  if (file == nullptr) return WithErrno(absl::InvalidArgumentError("bad handle"), EBADF);
  if (!file->writable) {
    return WithErrno(
        absl::FailedPreconditionError(absl::StrCat(file->path, ": file was opened read-only")),
        EBADF);
  }
  absl::MutexLock lock(&file->mu);
  if (!file->cached && file->writer == nullptr) {
    return WithErrno(absl::FailedPreconditionError(
                         absl::StrCat(file->path,
                                      ": already uploaded at close; can't write more without "
                                      "--vfs-cache-mode writes")),
                     EBADF);
  }
  if (file->writer != nullptr) {
    absl::StatusOr<size_t> n = file->writer->Write(offset, data);
    if (!n.ok()) {
      if (absl::IsFailedPrecondition(n.status())) return WithErrno(n.status(), ESPIPE);
      return n;
    }
    Grow(file->path, file->writer->written());
    return n;
  }
  ssize_t n = pwrite(file->fd, data.data(), data.size(), offset);
  if (n < 0) return LocalError(absl::StrCat("writing the cached ", file->path));
  file->dirty = true;
  struct stat st {};
  if (fstat(file->fd, &st) == 0) Grow(file->path, st.st_size);
  return static_cast<size_t>(n);
}

absl::Status Vfs::Truncate(std::string_view path, int64_t size, Handle h) {
  if (options_.read_only) return ReadOnly(path);
  std::shared_ptr<OpenFile> file = h != 0 ? Find(h) : nullptr;
  if (file != nullptr && file->cached) {
    absl::MutexLock lock(&file->mu);
    if (ftruncate(file->fd, size) != 0)
      return LocalError(absl::StrCat("truncating ", base::ToAbsl(path)));
    file->dirty = true;
    Grow(path, size);
    return absl::OkStatus();
  }
  if (file != nullptr && file->writer != nullptr && file->writer->written() == size) {
    return absl::OkStatus();
  }
  absl::StatusOr<Attr> attr = Stat(path);
  if (!attr.ok()) return attr.status();
  if (attr->size == size) return absl::OkStatus();
  if (cache_ == nullptr) {
    return WithErrno(absl::FailedPreconditionError(absl::StrCat(
                         base::ToAbsl(path), ": can't truncate without --vfs-cache-mode writes")),
                     EPERM);
  }
  // Through the cache: open, cut, close (the upload follows).
  absl::StatusOr<Handle> opened = Open(path, O_RDWR);
  if (!opened.ok()) return opened.status();
  absl::Status st = Truncate(path, size, *opened);
  absl::Status closed = Release(*opened);
  return st.ok() ? closed : st;
}

absl::Status Vfs::FinishUpload(OpenFile& file) {
  if (file.writer == nullptr) return absl::OkStatus();
  std::unique_ptr<StreamWriter> writer = std::move(file.writer);
  absl::StatusOr<vfs::ObjectPtr> object = writer->Close();
  if (!object.ok()) {
    dirs_.Remove(file.path);
    file.upload_error = vfs::WithContext(object.status(), absl::StrCat("uploading ", file.path));
    return file.upload_error;
  }
  dirs_.Upsert(file.path, Node{false, (*object)->size(), (*object)->mod_time(), *object});
  return absl::OkStatus();
}

absl::Status Vfs::Flush(Handle h) {
  std::shared_ptr<OpenFile> file = Find(h);
  if (file == nullptr) return WithErrno(absl::InvalidArgumentError("bad handle"), EBADF);
  absl::MutexLock lock(&file->mu);
  // A flush before any write is a dup'd descriptor closing (a shell's `>`): not the end yet.
  if (file->writer != nullptr && file->writer->written() == 0) return absl::OkStatus();
  // close(2) waits for flush, not for release: the upload happens here so that close reports
  // its outcome and the file can be opened again at once.
  if (absl::Status st = FinishUpload(*file); !st.ok()) return st;
  return file->upload_error;
}

absl::Status Vfs::Release(Handle h) {
  std::shared_ptr<OpenFile> file;
  {
    absl::MutexLock lock(&mu_);
    auto it = open_.find(h);
    if (it == open_.end()) return WithErrno(absl::InvalidArgumentError("bad handle"), EBADF);
    file = std::move(it->second);
    open_.erase(it);
  }
  absl::MutexLock lock(&file->mu);
  if (absl::Status st = FinishUpload(*file); !st.ok()) return st;
  if (file->fd >= 0) close(file->fd);
  if (file->cached) cache_->Closed(file->path, file->dirty);
  if (file->sparse != nullptr) {
    file->sparse.reset();
    cache_->Closed(file->path, false);
  }
  return absl::OkStatus();
}

absl::Status Vfs::Mkdir(std::string_view path) {
  if (options_.read_only) return ReadOnly(path);
  if (dirs_.Stat(path).ok()) return WithErrno(vfs::DirExists(path), EEXIST);
  if (absl::Status st = fs_->Mkdir(path); !st.ok()) return st;
  dirs_.Upsert(path, Node{true, 0, options_.clock->Now(), nullptr});
  return absl::OkStatus();
}

absl::Status Vfs::Rmdir(std::string_view path) {
  if (options_.read_only) return ReadOnly(path);
  absl::StatusOr<Listing> listing = dirs_.List(path);
  if (!listing.ok()) return listing.status();
  if (!listing->empty())
    return WithErrno(vfs::MakeError(vfs::ErrorKind::kDirNotEmpty, path), ENOTEMPTY);
  if (absl::Status st = fs_->Rmdir(path); !st.ok()) return st;
  dirs_.Remove(path);
  dirs_.ForgetTree(path);
  return absl::OkStatus();
}

absl::Status Vfs::Unlink(std::string_view path) {
  if (options_.read_only) return ReadOnly(path);
  absl::StatusOr<Node> node = dirs_.Stat(path);
  if (!node.ok()) return node.status();
  if (node->is_dir) return WithErrno(vfs::MakeError(vfs::ErrorKind::kIsDir, path), EISDIR);
  if (node->object != nullptr) {
    if (absl::Status st = node->object->Remove(); !st.ok()) return st;
  }
  if (cache_ != nullptr) cache_->Remove(path);
  dirs_.Remove(path);
  return absl::OkStatus();
}

absl::Status Vfs::Rename(std::string_view from, std::string_view to) {
  if (options_.read_only) return ReadOnly(from);
  absl::StatusOr<Node> node = dirs_.Stat(from);
  if (!node.ok()) return node.status();
  absl::StatusOr<Node> target = dirs_.Stat(to);
  if (node->is_dir) {
    if (target.ok()) return WithErrno(vfs::DirExists(to), EEXIST);
    if (!fs_->features().dir_move) return WithErrno(vfs::CantDirMove(), EXDEV);
    if (absl::Status st = fs_->DirMove(*fs_, from, to); !st.ok()) return st;
    dirs_.Remove(from);
    dirs_.ForgetTree(from);
    dirs_.Upsert(to, *node);
    return absl::OkStatus();
  }
  if (target.ok() && target->is_dir) {
    return WithErrno(vfs::MakeError(vfs::ErrorKind::kIsDir, to), EISDIR);
  }
  const bool pending = cache_ != nullptr && cache_->Dirty(from);
  Node moved = *node;
  if (node->object != nullptr && !pending) {
    if (!fs_->features().move) return WithErrno(vfs::CantMove(), EXDEV);
    absl::StatusOr<vfs::ObjectPtr> object = fs_->Move(*node->object, to);
    if (!object.ok()) return object.status();
    moved.object = *object;
    // Move replaces nothing: an existing target is removed after the move succeeded.
    if (target.ok() && target->object != nullptr && target->object->id() != (*object)->id()) {
      (void)target->object->Remove();
    }
  }
  if (cache_ != nullptr) {
    if (absl::Status st = cache_->Rename(from, to); !st.ok()) return WithErrno(st, EBUSY);
    if (pending && node->object != nullptr) (void)node->object->Remove();
  }
  dirs_.Remove(from);
  dirs_.Upsert(to, moved);
  return absl::OkStatus();
}

void Vfs::ForgetDirectoryCache() {
  vfs::Log(vfs::LogLevel::kDebug, "", "forgetting directory cache");
  dirs_.ExpireAll();
}

std::vector<std::string> Vfs::Flush() {
  if (cache_ == nullptr) return {};
  return cache_->Flush();
}

}  // namespace mount
