// A fixed set of threads fed through a bounded queue. Submit blocks while the queue is full, so
// a producer walking a huge tree never holds more than `max_queue` pending jobs in memory: this
// is what keeps --transfers/--checkers runs bounded whatever the number of files. The threads
// obey the stop signal (base::Cancel) current where the pool was made, so a token an embedder
// installs reaches every job.
#ifndef FICHIER_VFS_OPERATIONS_WORKER_POOL_H_
#define FICHIER_VFS_OPERATIONS_WORKER_POOL_H_

#include <deque>
#include <functional>
#include <memory>
#include <thread>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "base/cancel.h"

namespace vfs::operations {

class WorkerPool {
 public:
  // `threads` >= 1 (smaller values are raised to 1). `max_queue` 0 means 2 * threads.
  explicit WorkerPool(int threads, size_t max_queue = 0);
  // Waits for every submitted job, then joins the threads.
  ~WorkerPool();

  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Queues a job; blocks while the queue is full. Jobs must not Submit to the same pool and then
  // wait for their own completion (that could deadlock a full pool).
  void Submit(std::function<void()> job);
  // Blocks until every job submitted so far has finished.
  void Wait();

 private:
  void Run();

  absl::Mutex mu_;
  std::deque<std::function<void()>> queue_ ABSL_GUARDED_BY(mu_);
  size_t max_queue_;
  int running_ ABSL_GUARDED_BY(mu_) = 0;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::shared_ptr<base::Cancel> cancel_;  // installed on every thread of the pool
  std::vector<std::thread> threads_;
};

}  // namespace vfs::operations

#endif  // FICHIER_VFS_OPERATIONS_WORKER_POOL_H_
