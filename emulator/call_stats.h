// Per-endpoint call counters for GET /_emulator/stats: tests and benchmarks assert how many
// calls a client made, which is the scarce resource on the real service.
#ifndef FICHIER_EMULATOR_CALL_STATS_H_
#define FICHIER_EMULATOR_CALL_STATS_H_

#include <cstdint>
#include <map>
#include <string>
#include "absl/strings/string_view.h"

#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"

namespace emulator {

class CallStats {
 public:
  void Count(absl::string_view path);
  void Reset();
  std::map<std::string, int64_t> Snapshot();
  // {"total": N, "calls": {"<path>": N, ...}}
  std::string ToJson();

 private:
  absl::Mutex mu_;
  absl::flat_hash_map<std::string, int64_t> counts_ ABSL_GUARDED_BY(mu_);
};

}  // namespace emulator

#endif  // FICHIER_EMULATOR_CALL_STATS_H_
