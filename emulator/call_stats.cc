#include "emulator/call_stats.h"

#include "base/json_writer.h"

namespace emulator {

void CallStats::Count(absl::string_view path) {
  absl::MutexLock lock(&mu_);
  ++counts_[path];
}

void CallStats::Reset() {
  absl::MutexLock lock(&mu_);
  counts_.clear();
}

std::map<std::string, int64_t> CallStats::Snapshot() {
  absl::MutexLock lock(&mu_);
  return std::map<std::string, int64_t>(counts_.begin(), counts_.end());
}

std::string CallStats::ToJson() {
  const auto snapshot = Snapshot();
  int64_t total = 0;
  for (const auto& [path, n] : snapshot) total += n;
  base::JsonWriter w;
  w.BeginObject().Field("total", total).Key("calls").BeginObject();
  for (const auto& [path, n] : snapshot) w.Field(path, n);
  w.EndObject().EndObject();
  return w.Take();
}

}  // namespace emulator
