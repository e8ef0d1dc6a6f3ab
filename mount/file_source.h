// A local file, from its start, as an upload body (the cache's and the spool's files).
#ifndef FICHIER_MOUNT_FILE_SOURCE_H_
#define FICHIER_MOUNT_FILE_SOURCE_H_

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <span>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "vfs/source.h"

namespace mount {

class FileSource : public vfs::Source {
 public:
  // `owned`: the fd is closed with this object.
  FileSource(int fd, bool owned) : fd_(fd), owned_(owned) {}
  ~FileSource() override {
    if (owned_) close(fd_);
  }
  FileSource(const FileSource&) = delete;
  FileSource& operator=(const FileSource&) = delete;

  absl::StatusOr<size_t> Read(std::span<uint8_t> buffer) override {
    ssize_t n = pread(fd_, buffer.data(), buffer.size(), offset_);
    if (n < 0) return absl::InternalError(absl::StrCat("reading a cached file: ", strerror(errno)));
    offset_ += n;
    return static_cast<size_t>(n);
  }

 private:
  const int fd_;
  const bool owned_;
  off_t offset_ = 0;
};

}  // namespace mount

#endif  // FICHIER_MOUNT_FILE_SOURCE_H_
