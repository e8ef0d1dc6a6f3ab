// httplib's task queue for the emulator: one thread per open connection (httplib serves a
// connection on one thread from its first byte to its close), started when a connection
// arrives and no thread is free, up to a maximum; finished threads wait for the next
// connection. httplib's own ThreadPool starts a fixed number and queues the rest, so 64 clients
// that never finish their requests used to leave every later client waiting.
#ifndef FICHIER_EMULATOR_CONNECTION_POOL_H_
#define FICHIER_EMULATOR_CONNECTION_POOL_H_

#include <cstddef>
#include <deque>
#include <functional>
#include <thread>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "base/clock.h"
#include "httplib.h"

namespace emulator {

class ConnectionPool : public httplib::TaskQueue {
 public:
  // At most `max_threads` connections are served at once; more wait, in arrival order.
  // `clock` stamps each connection's arrival (its head deadline starts there).
  ConnectionPool(size_t max_threads, base::Clock* clock);
  ~ConnectionPool() override;

  void enqueue(std::function<void()> fn) override;
  void shutdown() override;

  // When the connection the calling thread now serves was accepted.
  static absl::Time AcceptedAt();

 private:
  struct Job {
    std::function<void()> fn;
    absl::Time accepted;
  };
  void Work();

  const size_t max_threads_;
  base::Clock* const clock_;
  absl::Mutex mu_;
  std::deque<Job> jobs_ ABSL_GUARDED_BY(mu_);
  size_t idle_ ABSL_GUARDED_BY(mu_) = 0;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::vector<std::thread> threads_ ABSL_GUARDED_BY(mu_);
};

}  // namespace emulator

#endif  // FICHIER_EMULATOR_CONNECTION_POOL_H_
