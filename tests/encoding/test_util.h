// Shared helpers for the encoding tests: the vector file, hex, and a generator of awkward names.
#ifndef FICHIER_TESTS_ENCODING_TEST_UTIL_H_
#define FICHIER_TESTS_ENCODING_TEST_UTIL_H_

#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "base/hex.h"
#include "encoding/mask.h"
#include "gtest/gtest.h"

namespace encoding::testing {

struct VectorRow {
  int line = 0;  // 1-based line in the file, for messages
  std::string mask;
  bool encode = true;  // direction
  std::string input;   // raw bytes
  std::string output;  // raw bytes
  std::string api;     // "both", "std" or "raw"
  std::string note;
};

// Reads tests/data/encoder-vectors.tsv (§1.11.2). Sets *error and returns {} on any malformed row.
std::vector<VectorRow> LoadVectors(const std::string& path, std::string* error);

std::string FromHex(std::string_view hex, bool* ok);

// The name of a test instantiated over masks: "mask_0x" and the mask in hex.
std::string MaskTestName(const ::testing::TestParamInfo<Mask>& info);

// Random names biased toward what the encoder treats specially: reserved ASCII, control bytes,
// replacement characters, U+201B (also followed by hex digits), spaces/periods/tildes at the
// ends, the names "." and "..", valid multi-byte runes and ill-formed UTF-8.
class NameGenerator {
 public:
  explicit NameGenerator(uint64_t seed) : rng_(seed) {}
  std::string Next();

 private:
  std::string Piece();
  size_t Uniform(size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng_); }
  std::mt19937_64 rng_;
};

}  // namespace encoding::testing

#endif  // FICHIER_TESTS_ENCODING_TEST_UTIL_H_
