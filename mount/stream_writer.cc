#include "mount/stream_writer.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include "absl/strings/str_cat.h"
#include "mount/file_source.h"
#include "vfs/object_info.h"

namespace mount {

StreamWriter::StreamWriter(vfs::FsPtr fs, std::string remote, std::string spool_dir)
    : fs_(std::move(fs)), remote_(std::move(remote)), spool_dir_(std::move(spool_dir)) {
  fd_ = open(spool_dir_.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
  if (fd_ < 0) {
    open_error_ = absl::InternalError(
        absl::StrCat("can't make a spool file in ", spool_dir_, ": ", strerror(errno)));
  }
}

StreamWriter::~StreamWriter() {
  if (fd_ >= 0) close(fd_);
}

absl::StatusOr<size_t> StreamWriter::Write(int64_t offset, std::span<const uint8_t> data) {
  if (!open_error_.ok()) return open_error_;
  if (offset != written_) {
    // The file can't be what the writer meant: nothing of it is uploaded.
    open_error_ = absl::AbortedError(
        absl::StrCat(remote_, ": not uploaded after a write out of order"));
    return absl::FailedPreconditionError(absl::StrCat(
        remote_, ": can't write at offset ", offset, " (", written_,
        " bytes written so far): without --vfs-cache-mode writes, files are written in order only"));
  }
  ssize_t n = pwrite(fd_, data.data(), data.size(), offset);
  if (n < 0) return absl::InternalError(absl::StrCat("spooling: ", strerror(errno)));
  written_ += n;
  return static_cast<size_t>(n);
}

absl::StatusOr<vfs::ObjectPtr> StreamWriter::Close() {
  if (!open_error_.ok()) return open_error_;
  FileSource source(fd_, false);
  vfs::StaticObjectInfo info(remote_, written_, absl::Now());
  return fs_->Put(source, info);
}

}  // namespace mount
