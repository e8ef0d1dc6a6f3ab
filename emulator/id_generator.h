// Random identifiers in the real service's formats (spec §2.7). Seeded so runs with --seed are
// repeatable; thread-safe.
#ifndef FICHIER_EMULATOR_ID_GENERATOR_H_
#define FICHIER_EMULATOR_ID_GENERATOR_H_

#include <cstdint>
#include <random>
#include <string>
#include "absl/strings/string_view.h"

#include "absl/synchronization/mutex.h"

namespace emulator {

class IdGenerator {
 public:
  explicit IdGenerator(uint64_t seed) : rng_(seed) {}

  std::string FileId() { return Draw(kLowerDigits, 20); }      // k3v9w2x7q1m5z8b4c6d0
  std::string UploadId() { return Draw(kAlnum, 10); }          // Fhl1aZERQv
  std::string ShareId() { return Draw(kAlnum, 8); }            // CiLKCBI7
  std::string DownloadToken() { return Draw(kLowerDigits, 24); }
  std::string RemovalCode() { return Draw(kAlnum, 16); }
  // Uniform in [0, n).
  uint64_t Below(uint64_t n);

 private:
  static constexpr absl::string_view kLowerDigits = "abcdefghijklmnopqrstuvwxyz0123456789";
  static constexpr absl::string_view kAlnum =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

  std::string Draw(absl::string_view alphabet, size_t length);

  absl::Mutex mu_;
  std::mt19937_64 rng_ ABSL_GUARDED_BY(mu_);
};

}  // namespace emulator

#endif  // FICHIER_EMULATOR_ID_GENERATOR_H_
