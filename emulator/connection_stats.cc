#include "emulator/connection_stats.h"

#include "base/json_writer.h"

namespace emulator {

void ConnectionStats::Add(int64_t ConnectionFigures::*field, int64_t delta) {
  absl::MutexLock lock(&mu_);
  f_.*field += delta;
}

void ConnectionStats::Opened() {
  absl::MutexLock lock(&mu_);
  ++f_.open;
  ++f_.accepted;
}

void ConnectionStats::PacingEnded(int64_t bytes) {
  absl::MutexLock lock(&mu_);
  --f_.pacing;
  f_.paced_bytes += bytes;
}

ConnectionFigures ConnectionStats::Figures() {
  absl::MutexLock lock(&mu_);
  return f_;
}

ConnectionFigures ConnectionStats::AwaitAtLeast(const ConnectionFigures& at_least,
                                                absl::Duration limit) {
  absl::MutexLock lock(&mu_);
  auto reached = [&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    return f_.reading_head >= at_least.reading_head && f_.pacing >= at_least.pacing &&
           f_.stalled >= at_least.stalled;
  };
  mu_.AwaitWithTimeout(absl::Condition(&reached), limit);
  return f_;
}

std::string ConnectionStats::ToJson(const ConnectionFigures& f) {
  base::JsonWriter w;
  w.BeginObject()
      .Field("open", f.open)
      .Field("reading_head", f.reading_head)
      .Field("pacing", f.pacing)
      .Field("stalled", f.stalled)
      .Field("accepted", f.accepted)
      .Field("header_timeouts", f.header_timeouts)
      .Field("heads_too_large", f.heads_too_large)
      .Field("paced_bytes", f.paced_bytes)
      .EndObject();
  return w.Take();
}

}  // namespace emulator
