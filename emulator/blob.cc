#include "emulator/blob.h"

#include <unistd.h>

namespace emulator {

std::string LowerHex(const uint8_t* data, size_t size) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(size * 2, '0');
  for (size_t i = 0; i < size; ++i) {
    out[2 * i] = kHex[data[i] >> 4];
    out[2 * i + 1] = kHex[data[i] & 15];
  }
  return out;
}

Blob::~Blob() {
  if (!path_.empty()) ::unlink(path_.c_str());
}

}  // namespace emulator
