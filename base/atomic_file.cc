#include "base/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "absl/strings/str_cat.h"

namespace base {
namespace {

absl::Status Failed(const char* what, int err) {
  return absl::InternalError(absl::StrCat(what, ": ", std::strerror(err)));
}

}  // namespace

absl::Status WriteFileAtomically(const std::string& path, std::string_view data, mode_t mode,
                                 Durability durability) {
  const bool sync = durability == Durability::kSynced;
  const size_t slash = path.rfind('/');
  const std::string dir = slash == std::string::npos ? "." : path.substr(0, slash + 1);
  const std::string leaf = slash == std::string::npos ? path : path.substr(slash + 1);
  std::string tmp = absl::StrCat(dir, ".", leaf, ".tmp-XXXXXX");
  const int fd = mkstemp(tmp.data());
  if (fd < 0) return Failed("cannot create a temporary file", errno);
  auto fail = [&](const char* what) {
    const int err = errno;
    close(fd);
    unlink(tmp.c_str());
    return Failed(what, err);
  };
  if (fchmod(fd, mode) != 0) return fail("cannot chmod");
  while (!data.empty()) {
    const ssize_t n = write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return fail("cannot write");
    data.remove_prefix(static_cast<size_t>(n));
  }
  if (sync && fsync(fd) != 0) return fail("cannot sync");
  if (close(fd) != 0) {
    const int err = errno;
    unlink(tmp.c_str());
    return Failed("cannot close", err);
  }
  if (rename(tmp.c_str(), path.c_str()) != 0) {
    const int err = errno;
    unlink(tmp.c_str());
    return Failed("cannot replace", err);
  }
  // Make the rename itself durable.
  if (!sync) return absl::OkStatus();
  if (const int dfd = open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dfd >= 0) {
    fsync(dfd);
    close(dfd);
  }
  return absl::OkStatus();
}

}  // namespace base
