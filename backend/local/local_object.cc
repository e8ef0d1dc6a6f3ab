#include "backend/local/local_object.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <optional>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "backend/local/links.h"

#include "backend/local/local_fs.h"
#include "backend/local/os_error.h"
#include "vfs/errors.h"
#include "vfs/hashing_source.h"

namespace backend::local {
namespace {

// Go's time.Time.String(), which rclone's message prints.
std::string GoTimeString(absl::Time t) {
  return absl::FormatTime("%Y-%m-%d %H:%M:%E*S %z %Z", t, absl::LocalTimeZone());
}

// rclone's check, at every read: a file whose size or mod time moved since it was listed is
// being written, and a copy of it would be neither the old nor the new content.
absl::Status CheckUnchanged(int fd, int64_t size, absl::Time mod_time, const std::string& path,
                            const std::string& remote) {
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    return vfs::WithContext(OsError(errno, "stat", path, remote),
                            "can't read status of source file while transferring");
  }
  if (static_cast<int64_t>(st.st_size) != size) {
    return absl::FailedPreconditionError(
        absl::StrCat("can't copy - source file is being updated (size changed from ", size,
                     " to ", st.st_size, ")"));
  }
  absl::Time now = absl::TimeFromTimespec(st.st_mtim);
  if (now != mod_time) {
    return absl::FailedPreconditionError(
        absl::StrCat("can't copy - source file is being updated (mod time changed from ",
                     GoTimeString(mod_time), " to ", GoTimeString(now), ")"));
  }
  return absl::OkStatus();
}

// Reads an open file descriptor (owned) from its current offset. With a `listed` size and mod
// time, fails as soon as the file no longer has them (before each read and at the end).
class FdSource : public vfs::Source {
 public:
  struct Listed {
    int64_t size;
    absl::Time mod_time;
  };
  FdSource(int fd, std::string path, std::string remote, std::optional<Listed> listed)
      : fd_(fd), path_(std::move(path)), remote_(std::move(remote)), listed_(listed) {}
  ~FdSource() override { ::close(fd_); }
  FdSource(const FdSource&) = delete;
  FdSource& operator=(const FdSource&) = delete;

  absl::StatusOr<size_t> Read(std::span<uint8_t> buffer) override {
    if (listed_) {
      absl::Status unchanged = CheckUnchanged(fd_, listed_->size, listed_->mod_time, path_, remote_);
      if (!unchanged.ok()) return unchanged;
    }
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
  std::optional<Listed> listed_;
};

}  // namespace

std::string LocalObject::os_path() const {
  // The remote was validated when the object was made, so this cannot fail.
  if (is_link_) return fs_->OsPath(remote_.substr(0, remote_.size() - kLinkSuffix.size())).value_or("");
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
  if (!hash::kSupportedHashes.Contains(type)) {
    return vfs::HashUnsupported(hash::HashTypeName(type));
  }
  {
    absl::MutexLock lock(&mu_);
    auto it = sums_.find(type);
    if (it != sums_.end()) return it->second;
  }
  // Read the file outside the lock: hashing a large file must not block size()/mod_time().
  auto* self = const_cast<LocalObject*>(this);
  absl::StatusOr<std::unique_ptr<vfs::Source>> source = self->Open({});
  if (!source.ok()) return source.status();
  vfs::HashingSource hashing(**source, hash::HashSet{type});
  absl::StatusOr<int64_t> n = vfs::Drain(hashing, [](auto) { return absl::OkStatus(); });
  if (!n.ok()) return n.status();
  absl::StatusOr<std::string> sum = hashing.Sum(type);
  if (!sum.ok()) return sum.status();
  absl::MutexLock lock(&mu_);
  if (*n == size_) sums_[type] = *sum;  // cache only what matches what we describe
  return *sum;
}

absl::StatusOr<std::unique_ptr<vfs::Source>> LocalObject::Open(const vfs::OpenOptions& options) {
  std::string path = os_path();
  // A link object reads the link itself, never what it points to.
  absl::Status confined = is_link_ ? absl::OkStatus() : fs_->CheckConfined(path, remote_);
  if (!confined.ok()) return confined;
  if (is_link_) {
    absl::StatusOr<std::string> target = ReadLinkTarget(path, remote_);
    if (!target.ok()) return target.status();
    vfs::ResolvedRange range = options.Resolve(static_cast<int64_t>(target->size()));
    std::string part = target->substr(static_cast<size_t>(range.offset),
                                      range.length < 0 ? std::string::npos
                                                       : static_cast<size_t>(range.length));
    return std::make_unique<vfs::StringSource>(std::move(part));
  }
  // O_NONBLOCK: a fifo put in place of the file since it was listed must not block the open.
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return OsError(errno, "open", path, remote_);
  std::optional<FdSource::Listed> listed;
  if (!fs_->options().no_check_updated) listed = FdSource::Listed{size(), mod_time()};
  auto source = std::make_unique<FdSource>(fd, path, remote_, listed);
  struct stat st;
  if (::fstat(fd, &st) != 0) return OsError(errno, "stat", path, remote_);
  if (S_ISDIR(st.st_mode)) return vfs::IsDirError(remote_);
  if (!S_ISREG(st.st_mode)) {
    return vfs::NotAFile(absl::StrCat(remote_, " (a ", SpecialFileKind(st.st_mode), ")"));
  }
  if (::fcntl(fd, F_SETFL, 0) != 0) return OsError(errno, "open", path, remote_);
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
  absl::StatusOr<std::string> sum =
      is_link_ ? fs_->WriteLink(in, info, path + std::string(kLinkSuffix), remote_)
               : fs_->WriteFile(in, info, path, remote_);
  if (!sum.ok()) return sum.status();
  struct stat st;
  if ((is_link_ ? ::lstat(path.c_str(), &st) : ::stat(path.c_str(), &st)) != 0) {
    return OsError(errno, "stat", path, remote_);
  }
  absl::MutexLock lock(&mu_);
  size_ = static_cast<int64_t>(st.st_size);
  mod_time_ = absl::TimeFromTimespec(st.st_mtim);
  sums_.clear();
  sums_[hash::HashType::kWhirlpool] = *std::move(sum);
  return absl::OkStatus();
}

absl::Status LocalObject::Remove() {
  std::string path = os_path();
  absl::Status confined = is_link_ ? absl::OkStatus() : fs_->CheckConfined(path, remote_);
  if (!confined.ok()) return confined;
  if (::unlink(path.c_str()) != 0) return OsError(errno, "remove", path, remote_);
  return absl::OkStatus();
}

absl::Status LocalObject::SetModTime(absl::Time t) {
  std::string path = os_path();
  struct timespec times[2];
  times[0] = times[1] = absl::ToTimespec(t);
  int flags = is_link_ ? AT_SYMLINK_NOFOLLOW : 0;
  if (::utimensat(AT_FDCWD, path.c_str(), times, flags) != 0) {
    return OsError(errno, "set time of", path, remote_);
  }
  struct stat st;
  if (::fstatat(AT_FDCWD, path.c_str(), &st, flags) != 0) {
    return OsError(errno, "stat", path, remote_);
  }
  absl::MutexLock lock(&mu_);
  mod_time_ = absl::TimeFromTimespec(st.st_mtim);
  return absl::OkStatus();
}

}  // namespace backend::local
