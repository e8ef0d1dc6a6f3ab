// A stream of unknown length kept in an unlinked temporary file, for backends that must know a
// size before they upload (1fichier's upload.cgi needs Content-Length): PutStream spools, then
// does a normal sized Put from the file. The file has no name once created (nothing is left
// behind by a crash) and is mode 0600; memory use is one fixed buffer whatever the length.
#ifndef FICHIER_VFS_SPOOL_H_
#define FICHIER_VFS_SPOOL_H_

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <utility>

#include "absl/status/statusor.h"
#include "vfs/source.h"

namespace vfs {

class SpoolFile {
 public:
  // An empty temporary file in `dir` (made, 0700, when missing; an existing one keeps its mode).
  static absl::StatusOr<std::unique_ptr<SpoolFile>> Create(const std::string& dir);
  // Copies all of `in` into a new temporary file in `dir`. An error of `in` is returned as it
  // is and nothing stays on disk.
  static absl::StatusOr<std::unique_ptr<SpoolFile>> Fill(Source& in, const std::string& dir);
  // Adds `bytes` at the end.
  absl::Status Append(std::span<const uint8_t> bytes);
  ~SpoolFile();
  SpoolFile(const SpoolFile&) = delete;
  SpoolFile& operator=(const SpoolFile&) = delete;

  int64_t size() const { return size_; }
  // A reader of the whole content from its start; valid while this object lives.
  std::unique_ptr<Source> Open() const;

 private:
  SpoolFile(int fd, std::string dir) : fd_(fd), dir_(std::move(dir)) {}
  int fd_;
  std::string dir_;  // for error messages
  int64_t size_ = 0;
};

}  // namespace vfs

#endif  // FICHIER_VFS_SPOOL_H_
