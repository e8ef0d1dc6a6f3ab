// Standard input as a vfs::Source (rcat, hashsum of stdin): read(2) on fd 0, so nothing is
// buffered beyond the caller's buffer and a read error is reported, never taken for the end.
#ifndef FICHIER_HOST_STDIN_SOURCE_H_
#define FICHIER_HOST_STDIN_SOURCE_H_

#include "vfs/source.h"

namespace fclone {

class StdinSource : public vfs::Source {
 public:
  explicit StdinSource(int fd = 0) : fd_(fd) {}
  absl::StatusOr<size_t> Read(std::span<uint8_t> buffer) override;

 private:
  int fd_;
};

}  // namespace fclone

#endif  // FICHIER_HOST_STDIN_SOURCE_H_
