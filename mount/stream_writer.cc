#include "mount/stream_writer.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "vfs/object_info.h"

namespace mount {

StreamWriter::StreamWriter(vfs::FsPtr fs, std::string remote, std::string spool_dir)
    : fs_(std::move(fs)), remote_(std::move(remote)) {
  absl::StatusOr<std::unique_ptr<vfs::SpoolFile>> spool = vfs::SpoolFile::Create(spool_dir);
  if (spool.ok()) {
    spool_ = std::move(*spool);
  } else {
    open_error_ = spool.status();
  }
}

absl::StatusOr<size_t> StreamWriter::Write(int64_t offset, std::span<const uint8_t> data) {
  if (!open_error_.ok()) return open_error_;
  if (offset != written()) {
    // The file can't be what the writer meant: nothing of it is uploaded.
    open_error_ = absl::AbortedError(
        absl::StrCat(remote_, ": not uploaded after a write out of order"));
    return absl::FailedPreconditionError(absl::StrCat(
        remote_, ": can't write at offset ", offset, " (", written(),
        " bytes written so far): without --vfs-cache-mode writes, files are written in order only"));
  }
  if (absl::Status st = spool_->Append(data); !st.ok()) return st;
  return data.size();
}

absl::StatusOr<vfs::ObjectPtr> StreamWriter::Close() {
  if (!open_error_.ok()) return open_error_;
  std::unique_ptr<vfs::Source> source = spool_->Open();
  vfs::StaticObjectInfo info(remote_, spool_->size(), absl::Now());
  return fs_->Put(*source, info);
}

}  // namespace mount
