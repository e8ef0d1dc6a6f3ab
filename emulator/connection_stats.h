// What the connection guard saw, for GET /_emulator/connections: how many connections are
// open, reading a request head or held back by the per-connection rate, and how many were cut
// (slow heads, oversized heads), and requests held by a stall fault. Tests wait on these
// figures instead of sleeping.
#ifndef FICHIER_EMULATOR_CONNECTION_STATS_H_
#define FICHIER_EMULATOR_CONNECTION_STATS_H_

#include <cstdint>
#include <string>

#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace emulator {

struct ConnectionFigures {
  int64_t open = 0;          // accepted and not closed yet
  int64_t reading_head = 0;  // in the middle of a request line or headers
  int64_t pacing = 0;        // waiting for their per-connection rate
  int64_t stalled = 0;       // held by a stall fault
  int64_t accepted = 0;      // since start
  int64_t header_timeouts = 0;  // cut with 408: the head did not arrive in time
  int64_t heads_too_large = 0;  // cut with 431
  int64_t paced_bytes = 0;      // bytes that went through the per-connection rate
};

class ConnectionStats {
 public:
  void Opened();
  void Closed() { Add(&ConnectionFigures::open, -1); }
  void HeadStarted() { Add(&ConnectionFigures::reading_head, 1); }
  void HeadEnded() { Add(&ConnectionFigures::reading_head, -1); }
  void PacingStarted() { Add(&ConnectionFigures::pacing, 1); }
  void PacingEnded(int64_t bytes);
  void StallStarted() { Add(&ConnectionFigures::stalled, 1); }
  void StallEnded() { Add(&ConnectionFigures::stalled, -1); }
  void HeaderTimeout() { Add(&ConnectionFigures::header_timeouts, 1); }
  void HeadTooLarge() { Add(&ConnectionFigures::heads_too_large, 1); }
  ConnectionFigures Figures();
  // Waits (at most `limit`, server-side) until `reading_head`, `pacing` and `stalled` are at
  // least `at_least`'s; returns the figures then, whether or not they were reached.
  ConnectionFigures AwaitAtLeast(const ConnectionFigures& at_least, absl::Duration limit);
  static std::string ToJson(const ConnectionFigures& f);

 private:
  void Add(int64_t ConnectionFigures::*field, int64_t delta);

  absl::Mutex mu_;
  ConnectionFigures f_ ABSL_GUARDED_BY(mu_);
};

}  // namespace emulator

#endif  // FICHIER_EMULATOR_CONNECTION_STATS_H_
