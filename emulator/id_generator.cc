#include "emulator/id_generator.h"

namespace emulator {

std::string IdGenerator::Draw(absl::string_view alphabet, size_t length) {
  std::uniform_int_distribution<size_t> pick(0, alphabet.size() - 1);
  std::string out(length, ' ');
  absl::MutexLock lock(&mu_);
  for (char& c : out) c = alphabet[pick(rng_)];
  return out;
}

uint64_t IdGenerator::Below(uint64_t n) {
  if (n == 0) return 0;
  std::uniform_int_distribution<uint64_t> pick(0, n - 1);
  absl::MutexLock lock(&mu_);
  return pick(rng_);
}

}  // namespace emulator
