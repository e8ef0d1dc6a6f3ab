#include "mount/sparse_reader.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include "absl/strings/str_cat.h"
#include "vfs/log.h"

namespace mount {

SparseReader::SparseReader(WriteCache* cache, std::string remote, WriteCache::SparseFile file,
                           vfs::ObjectPtr object, const VfsOptions& options)
    : cache_(cache),
      remote_(std::move(remote)),
      file_(file),
      size_(object->size()),
      remote_reader_(std::move(object), options) {}

SparseReader::~SparseReader() { close(file_.fd); }

absl::Status SparseReader::ReadLocal(int64_t offset, std::span<uint8_t> out) {
  size_t done = 0;
  while (done < out.size()) {
    ssize_t n = pread(file_.fd, out.data() + done, out.size() - done,
                      offset + static_cast<int64_t>(done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      return absl::InternalError(absl::StrCat("reading the cached ", remote_, ": ",
                                              n < 0 ? strerror(errno) : "file cut short"));
    }
    done += static_cast<size_t>(n);
  }
  return absl::OkStatus();
}

absl::Status SparseReader::ReadRemote(int64_t offset, std::span<uint8_t> out) {
  size_t done = 0;
  while (done < out.size()) {
    absl::StatusOr<size_t> n =
        remote_reader_.ReadAt(offset + static_cast<int64_t>(done), out.subspan(done));
    if (!n.ok()) return n.status();
    if (*n == 0) {
      return absl::DataLossError(absl::StrCat(remote_, ": the remote file ended at ",
                                              offset + static_cast<int64_t>(done),
                                              ", before its listed size ", size_));
    }
    done += *n;
  }
  // A copy that can't be written only costs the next reader a download.
  if (absl::Status st = cache_->Store(remote_, file_.generation, file_.fd, offset, out);
      !st.ok()) {
    vfs::Log(vfs::LogLevel::kError, remote_, absl::StrCat("vfs cache: ", st.message()));
  }
  return absl::OkStatus();
}

absl::StatusOr<size_t> SparseReader::ReadAt(int64_t offset, std::span<uint8_t> out) {
  if (offset < 0) return absl::InvalidArgumentError("negative read offset");
  if (offset >= size_) return 0;
  out = out.first(static_cast<size_t>(std::min<int64_t>(out.size(), size_ - offset)));
  const int64_t end = offset + static_cast<int64_t>(out.size());
  int64_t at = offset;
  auto part = [&](int64_t from, int64_t to) { return out.subspan(from - offset, to - from); };
  for (const ByteRange& gap : cache_->Missing(remote_, file_.generation, offset, end)) {
    if (at < gap.start) {
      if (absl::Status st = ReadLocal(at, part(at, gap.start)); !st.ok()) return st;
    }
    if (absl::Status st = ReadRemote(gap.start, part(gap.start, gap.end)); !st.ok()) return st;
    at = gap.end;
  }
  if (at < end) {
    if (absl::Status st = ReadLocal(at, part(at, end)); !st.ok()) return st;
  }
  return out.size();
}

}  // namespace mount
