#include "vfs/spool.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <vector>

#include "absl/strings/str_cat.h"
#include "vfs/fd_source.h"

namespace vfs {
namespace {

absl::Status OsError(const char* what, const std::string& path) {
  return absl::InternalError(
      absl::StrCat("spool file: ", what, " ", path, ": ", std::strerror(errno)));
}

// An unnamed file in `dir`: O_TMPFILE where the filesystem has it, else mkstemp + unlink.
absl::StatusOr<int> OpenUnnamed(const std::string& dir) {
  int fd = ::open(dir.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
  if (fd >= 0) return fd;
  std::string name = dir + "/spool-XXXXXX";
  std::vector<char> path(name.begin(), name.end());
  path.push_back('\0');
  fd = ::mkostemp(path.data(), O_CLOEXEC);
  if (fd < 0) return OsError("create in", dir);
  ::unlink(path.data());
  return fd;
}

}  // namespace

absl::StatusOr<std::unique_ptr<SpoolFile>> SpoolFile::Create(const std::string& dir) {
  std::error_code ec;
  const bool made = std::filesystem::create_directories(dir, ec);
  if (ec) return absl::InternalError(absl::StrCat("spool file: create ", dir, ": ", ec.message()));
  if (made) ::chmod(dir.c_str(), 0700);  // only ours: `dir` may be a shared one such as /tmp
  // In a shared temp dir someone else may have made the folder first: never spool through a
  // link, nor into a folder of another user's that others may write in.
  struct stat st {};
  if (::lstat(dir.c_str(), &st) != 0) return OsError("look at", dir);
  if (!S_ISDIR(st.st_mode) ||
      (st.st_uid != ::geteuid() && (st.st_mode & (S_IWGRP | S_IWOTH)) != 0)) {
    return absl::FailedPreconditionError(absl::StrCat(
        "spool file: ", dir, " is a link or another user's shared folder: remove it or set "
        "--temp-dir"));
  }
  absl::StatusOr<int> fd = OpenUnnamed(dir);
  if (!fd.ok()) return fd.status();
  return std::unique_ptr<SpoolFile>(new SpoolFile(*fd, dir));
}

absl::StatusOr<std::unique_ptr<SpoolFile>> SpoolFile::Fill(Source& in, const std::string& dir) {
  absl::StatusOr<std::unique_ptr<SpoolFile>> spool = Create(dir);
  if (!spool.ok()) return spool.status();
  absl::StatusOr<int64_t> n = Drain(
      in, [&](std::span<const uint8_t> chunk) { return (*spool)->Append(chunk); }, 1 << 20);
  if (!n.ok()) return n.status();  // the file goes with `spool`
  return spool;
}

absl::Status SpoolFile::Append(std::span<const uint8_t> bytes) {
  while (!bytes.empty()) {
    ssize_t w = ::write(fd_, bytes.data(), bytes.size());
    if (w < 0 && errno == EINTR) continue;
    if (w < 0) return OsError("write in", dir_);
    bytes = bytes.subspan(static_cast<size_t>(w));
    size_ += w;
  }
  return absl::OkStatus();
}

SpoolFile::~SpoolFile() { ::close(fd_); }

std::unique_ptr<Source> SpoolFile::Open() const { return std::make_unique<FdSource>(fd_, false); }

}  // namespace vfs
