#include "host/stdin_source.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "base/cancel.h"

namespace fclone {

absl::StatusOr<size_t> StdinSource::Read(std::span<uint8_t> buffer) {
  for (;;) {
    if (absl::Status stop = base::CurrentCancel().status(); !stop.ok()) return stop;
    ssize_t n = ::read(fd_, buffer.data(), buffer.size());
    if (n >= 0) return static_cast<size_t>(n);
    if (errno == EINTR) continue;
    return absl::DataLossError(absl::StrCat("failed to read standard input: ",
                                            std::strerror(errno)));
  }
}

}  // namespace fclone
