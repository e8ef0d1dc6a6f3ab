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

class FdReader : public Source {
 public:
  explicit FdReader(int fd) : fd_(fd) {}
  absl::StatusOr<size_t> Read(std::span<uint8_t> buffer) override {
    for (;;) {
      ssize_t n = ::pread(fd_, buffer.data(), buffer.size(), offset_);
      if (n >= 0) {
        offset_ += n;
        return static_cast<size_t>(n);
      }
      if (errno != EINTR) return OsError("read", "");
    }
  }

 private:
  int fd_;
  off_t offset_ = 0;
};

}  // namespace

absl::StatusOr<std::unique_ptr<SpoolFile>> SpoolFile::Fill(Source& in, const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return absl::InternalError(absl::StrCat("spool file: create ", dir, ": ", ec.message()));
  ::chmod(dir.c_str(), 0700);
  absl::StatusOr<int> fd = OpenUnnamed(dir);
  if (!fd.ok()) return fd.status();
  std::unique_ptr<SpoolFile> spool(new SpoolFile(*fd, 0));
  absl::StatusOr<int64_t> n = Drain(in, [&](std::span<const uint8_t> chunk) -> absl::Status {
    while (!chunk.empty()) {
      ssize_t w = ::write(*fd, chunk.data(), chunk.size());
      if (w < 0 && errno == EINTR) continue;
      if (w < 0) return OsError("write in", dir);
      chunk = chunk.subspan(static_cast<size_t>(w));
    }
    return absl::OkStatus();
  }, 1 << 20);
  if (!n.ok()) return n.status();  // the file goes with `spool`
  spool->size_ = *n;
  return spool;
}

SpoolFile::~SpoolFile() { ::close(fd_); }

std::unique_ptr<Source> SpoolFile::Open() const { return std::make_unique<FdReader>(fd_); }

}  // namespace vfs
