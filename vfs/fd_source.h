// A local file descriptor read from offset 0 as a Source (spooled streams, the mount's cached
// files as upload bodies). pread keeps the descriptor's own offset untouched.
#ifndef FICHIER_VFS_FD_SOURCE_H_
#define FICHIER_VFS_FD_SOURCE_H_

#include <sys/types.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <span>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "vfs/source.h"

namespace vfs {

class FdSource : public Source {
 public:
  // `owned`: the descriptor is closed with this object.
  FdSource(int fd, bool owned) : fd_(fd), owned_(owned) {}
  ~FdSource() override {
    if (owned_) ::close(fd_);
  }
  FdSource(const FdSource&) = delete;
  FdSource& operator=(const FdSource&) = delete;

  absl::StatusOr<size_t> Read(std::span<uint8_t> buffer) override {
    for (;;) {
      ssize_t n = ::pread(fd_, buffer.data(), buffer.size(), offset_);
      if (n >= 0) {
        offset_ += n;
        return static_cast<size_t>(n);
      }
      if (errno != EINTR) {
        return absl::InternalError(absl::StrCat("reading a local file: ", std::strerror(errno)));
      }
    }
  }

 private:
  const int fd_;
  const bool owned_;
  off_t offset_ = 0;
};

}  // namespace vfs

#endif  // FICHIER_VFS_FD_SOURCE_H_
