#include "vfs/operations/worker_pool.h"

#include <utility>

namespace vfs::operations {

WorkerPool::WorkerPool(int threads, size_t max_queue)
    : max_queue_(max_queue > 0 ? max_queue : 2 * static_cast<size_t>(threads < 1 ? 1 : threads)),
      cancel_(base::CurrentCancelShared()) {
  if (threads < 1) threads = 1;
  threads_.reserve(threads);
  for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { Run(); });
}

WorkerPool::~WorkerPool() {
  Wait();
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  for (std::thread& t : threads_) t.join();
}

void WorkerPool::Submit(std::function<void()> job) {
  absl::MutexLock lock(&mu_);
  mu_.Await(absl::Condition(
      +[](WorkerPool* p) ABSL_NO_THREAD_SAFETY_ANALYSIS { return p->queue_.size() < p->max_queue_; },
      this));
  queue_.push_back(std::move(job));
}

void WorkerPool::Wait() {
  absl::MutexLock lock(&mu_);
  mu_.Await(absl::Condition(
      +[](WorkerPool* p) ABSL_NO_THREAD_SAFETY_ANALYSIS {
        return p->queue_.empty() && p->running_ == 0;
      },
      this));
}

void WorkerPool::Run() {
  base::ScopedCancel scoped(cancel_);
  for (;;) {
    std::function<void()> job;
    {
      absl::MutexLock lock(&mu_);
      mu_.Await(absl::Condition(
          +[](WorkerPool* p) ABSL_NO_THREAD_SAFETY_ANALYSIS {
            return !p->queue_.empty() || p->stopping_;
          },
          this));
      if (queue_.empty()) return;
      job = std::move(queue_.front());
      queue_.pop_front();
      ++running_;
    }
    job();
    absl::MutexLock lock(&mu_);
    --running_;
  }
}

}  // namespace vfs::operations
