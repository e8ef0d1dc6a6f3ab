// whirlpool-sum FILE...: prints "<128 hex>  <path>" per file, like `rclone hashsum whirlpool`.
// FICHIER_WHIRLPOOL=portable forces the portable path.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <vector>

#include "base/hex.h"
#include "hash/whirlpool.h"

namespace {

bool HashFile(const char* path, std::vector<uint8_t>& buffer) {
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    std::fprintf(stderr, "whirlpool-sum: %s: %s\n", path, std::strerror(errno));
    return false;
  }
  posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
  hash::Whirlpool hasher;
  for (;;) {
    ssize_t got = read(fd, buffer.data(), buffer.size());
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) {
      std::fprintf(stderr, "whirlpool-sum: %s: %s\n", path, std::strerror(errno));
      close(fd);
      return false;
    }
    if (got == 0) break;
    hasher.Update(std::span(buffer.data(), static_cast<size_t>(got)));
  }
  close(fd);
  std::printf("%s  %s\n", base::HexLower(hasher.Finalize()).c_str(), path);
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: whirlpool-sum FILE...\n");
    return 2;
  }
  std::vector<uint8_t> buffer(1 << 20);
  bool ok = true;
  for (int i = 1; i < argc; ++i) ok = HashFile(argv[i], buffer) && ok;
  return ok ? 0 : 1;
}
