// A stream of unknown length kept in an unlinked temporary file, for backends that must know a
// size before they upload (1fichier's upload.cgi needs Content-Length): PutStream spools, then
// does a normal sized Put from the file. The file has no name once created (nothing is left
// behind by a crash) and is mode 0600; memory use is one fixed buffer whatever the length.
#ifndef FICHIER_VFS_SPOOL_H_
#define FICHIER_VFS_SPOOL_H_

#include <cstdint>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "vfs/source.h"

namespace vfs {

class SpoolFile {
 public:
  // Copies all of `in` into a new temporary file in `dir` (made, 0700, when missing). An error
  // of `in` is returned as it is and nothing stays on disk.
  static absl::StatusOr<std::unique_ptr<SpoolFile>> Fill(Source& in, const std::string& dir);
  ~SpoolFile();
  SpoolFile(const SpoolFile&) = delete;
  SpoolFile& operator=(const SpoolFile&) = delete;

  int64_t size() const { return size_; }
  // A reader of the whole content from its start; valid while this object lives.
  std::unique_ptr<Source> Open() const;

 private:
  SpoolFile(int fd, int64_t size) : fd_(fd), size_(size) {}
  int fd_;
  int64_t size_;
};

}  // namespace vfs

#endif  // FICHIER_VFS_SPOOL_H_
