#include "backend/local/local_object.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "backend/local/local_fs.h"
#include "backend/local/os_error.h"
#include "vfs/errors.h"
#include "vfs/hashing_source.h"

namespace backend::local {
namespace {

// Reads an open file descriptor (owned) from its current offset.
class FdSource : public vfs::Source {
 public:
  FdSource(int fd, std::string path, std::string remote)
      : fd_(fd), path_(std::move(path)), remote_(std::move(remote)) {}
  ~FdSource() override { ::close(fd_); }
  FdSource(const FdSource&) = delete;
  FdSource& operator=(const FdSource&) = delete;

  absl::StatusOr<size_t> Read(std::span<uint8_t> buffer) override {
    while (true) {
      ssize_t n = ::read(fd_, buffer.data(), buffer.size());
      if (n >= 0) return static_cast<size_t>(n);
      if (errno != EINTR) return OsError(errno, "read", path_, remote_);
    }
  }

 private:
  int fd_;
  std::string path_;
  std::string remote_;
};

}  // namespace

std::string LocalObject::os_path() const {
  // The remote was validated when the object was made, so this cannot fail.
  return fs_->OsPath(remote_).value_or("");
}

int64_t LocalObject::size() const {
  absl::MutexLock lock(&mu_);
  return size_;
}

absl::Time LocalObject::mod_time() const {
  absl::MutexLock lock(&mu_);
  return mod_time_;
}

const vfs::Fs* LocalObject::fs() const { return fs_.get(); }

absl::StatusOr<std::string> LocalObject::Hash(hash::HashType type) const {
  if (type != hash::HashType::kWhirlpool) return vfs::HashUnsupported(hash::HashTypeName(type));
  {
    absl::MutexLock lock(&mu_);
    if (!whirlpool_.empty()) return whirlpool_;
  }
  // Read the file outside the lock: hashing a large file must not block size()/mod_time().
  auto* self = const_cast<LocalObject*>(this);
  absl::StatusOr<std::unique_ptr<vfs::Source>> source = self->Open({});
  if (!source.ok()) return source.status();
  vfs::HashingSource hashing(**source);
  absl::StatusOr<int64_t> n = vfs::Drain(hashing, [](auto) { return absl::OkStatus(); });
  if (!n.ok()) return n.status();
  absl::StatusOr<std::string> sum = hashing.Sum(hash::HashType::kWhirlpool);
  if (!sum.ok()) return sum.status();
  absl::MutexLock lock(&mu_);
  if (*n == size_) whirlpool_ = *sum;  // cache only what matches what we describe
  return *sum;
}

absl::StatusOr<std::unique_ptr<vfs::Source>> LocalObject::Open(const vfs::OpenOptions& options) {
  std::string path = os_path();
  absl::Status confined = fs_->CheckConfined(path, remote_);
  if (!confined.ok()) return confined;
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return OsError(errno, "open", path, remote_);
  auto source = std::make_unique<FdSource>(fd, path, remote_);
  struct stat st;
  if (::fstat(fd, &st) != 0) return OsError(errno, "stat", path, remote_);
  if (S_ISDIR(st.st_mode)) return vfs::IsDirError(remote_);
  vfs::ResolvedRange range = options.Resolve(static_cast<int64_t>(st.st_size));
  if (range.offset > 0 && ::lseek(fd, range.offset, SEEK_SET) < 0) {
    return OsError(errno, "seek", path, remote_);
  }
  if (range.length < 0) return source;
  return std::make_unique<vfs::LimitedSource>(std::move(source), range.length);
}

absl::Status LocalObject::Update(vfs::Source& in, const vfs::ObjectInfo& info,
                                 const vfs::PutOptions& /*options*/) {
  std::string path = os_path();
  absl::StatusOr<std::string> sum = fs_->WriteFile(in, info, path, remote_);
  if (!sum.ok()) return sum.status();
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return OsError(errno, "stat", path, remote_);
  absl::MutexLock lock(&mu_);
  size_ = static_cast<int64_t>(st.st_size);
  mod_time_ = absl::TimeFromTimespec(st.st_mtim);
  whirlpool_ = *std::move(sum);
  return absl::OkStatus();
}

absl::Status LocalObject::Remove() {
  std::string path = os_path();
  absl::Status confined = fs_->CheckConfined(path, remote_);
  if (!confined.ok()) return confined;
  if (::unlink(path.c_str()) != 0) return OsError(errno, "remove", path, remote_);
  return absl::OkStatus();
}

absl::Status LocalObject::SetModTime(absl::Time t) {
  std::string path = os_path();
  struct timespec times[2];
  times[0] = times[1] = absl::ToTimespec(t);
  if (::utimensat(AT_FDCWD, path.c_str(), times, 0) != 0) {
    return OsError(errno, "set time of", path, remote_);
  }
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return OsError(errno, "stat", path, remote_);
  absl::MutexLock lock(&mu_);
  mod_time_ = absl::TimeFromTimespec(st.st_mtim);
  return absl::OkStatus();
}

}  // namespace backend::local
