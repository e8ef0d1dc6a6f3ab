#include "emulator/blob.h"

#include <unistd.h>

namespace emulator {

Blob::~Blob() {
  if (!path_.empty()) ::unlink(path_.c_str());
}

}  // namespace emulator
