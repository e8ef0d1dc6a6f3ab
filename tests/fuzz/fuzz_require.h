// A property a fuzz target checks: when it does not hold, the run ends in a crash the fuzzer
// records (with the input), naming the property.
#ifndef FICHIER_TESTS_FUZZ_FUZZ_REQUIRE_H_
#define FICHIER_TESTS_FUZZ_FUZZ_REQUIRE_H_

#include <cstdio>
#include <cstdlib>

namespace fuzz_support {

inline void Require(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "fuzz property broken: %s\n", what);
  std::abort();
}

}  // namespace fuzz_support

#endif  // FICHIER_TESTS_FUZZ_FUZZ_REQUIRE_H_
