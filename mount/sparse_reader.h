// Reads of one open file in --vfs-cache-mode full: the ranges already in the file's sparse copy
// in the VFS cache are read from disk; the others come from the remote (through a
// ChunkedReader, so sequential reading keeps one stream) and are written into the copy, so the
// next read of them, by any handle, stays local.
#ifndef FICHIER_MOUNT_SPARSE_READER_H_
#define FICHIER_MOUNT_SPARSE_READER_H_

#include <cstdint>
#include <span>
#include <string>

#include "absl/status/statusor.h"
#include "mount/chunked_reader.h"
#include "mount/vfs_options.h"
#include "mount/write_cache.h"
#include "vfs/object.h"

namespace mount {

class SparseReader {
 public:
  // `file` is this handle's, from cache->OpenSparse(remote, *object); its fd is closed here.
  SparseReader(WriteCache* cache, std::string remote, WriteCache::SparseFile file,
               vfs::ObjectPtr object, const VfsOptions& options);
  ~SparseReader();
  SparseReader(const SparseReader&) = delete;
  SparseReader& operator=(const SparseReader&) = delete;

  // Up to out.size() bytes at `offset`; fewer only at the end of the file.
  absl::StatusOr<size_t> ReadAt(int64_t offset, std::span<uint8_t> out);

 private:
  absl::Status ReadLocal(int64_t offset, std::span<uint8_t> out);
  absl::Status ReadRemote(int64_t offset, std::span<uint8_t> out);

  WriteCache* const cache_;
  const std::string remote_;
  const WriteCache::SparseFile file_;
  const int64_t size_;
  ChunkedReader remote_reader_;
};

}  // namespace mount

#endif  // FICHIER_MOUNT_SPARSE_READER_H_
