// httplib's plain-HTTP server with the emulator's connection guard: every connection is read
// through a ConnectionStream (head deadline and size, per-connection rate) instead of httplib's
// socket stream, and a connection closes after any request that never reached the router
// (malformed, cut) or that a handler refused without reading its body.
#ifndef FICHIER_EMULATOR_GUARDED_SERVER_H_
#define FICHIER_EMULATOR_GUARDED_SERVER_H_

#include <atomic>
#include <functional>

#include "base/clock.h"
#include "emulator/connection_stats.h"
#include "emulator/connection_stream.h"
#include "httplib.h"

namespace emulator {

struct GuardConfig {
  base::Clock* clock = nullptr;  // the emulator's (head deadlines, pacing)
  ConnectionLimits limits;
  ConnectionStats* stats = nullptr;
  const std::atomic<double>* rate = nullptr;  // per-connection bytes per second, 0 = none
  const std::atomic<bool>* stopping = nullptr;
};

class GuardedServer : public httplib::Server {
 public:
  explicit GuardedServer(GuardConfig config) : config_(config) {}

  // A deeper accept queue than httplib's 5, so a burst of connections is not dropped and
  // retried by the clients' TCP stacks. Call after binding.
  void DeepenAcceptQueue();

 private:
  // httplib calls this once per accepted connection, on a thread of the task queue.
  bool process_and_close_socket(socket_t sock) override;

  const GuardConfig config_;
};

}  // namespace emulator

#endif  // FICHIER_EMULATOR_GUARDED_SERVER_H_
