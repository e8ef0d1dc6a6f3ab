#include "emulator/connection_pool.h"

namespace emulator {
namespace {
thread_local absl::Time accepted_at = absl::InfinitePast();
}  // namespace

ConnectionPool::ConnectionPool(size_t max_threads, base::Clock* clock)
    : max_threads_(std::max<size_t>(1, max_threads)), clock_(clock) {}

ConnectionPool::~ConnectionPool() { shutdown(); }

absl::Time ConnectionPool::AcceptedAt() { return accepted_at; }

void ConnectionPool::enqueue(std::function<void()> fn) {
  absl::MutexLock lock(&mu_);
  jobs_.push_back({std::move(fn), clock_->Now()});
  // A free thread takes it; else a new one, while under the maximum.
  if (idle_ < jobs_.size() && threads_.size() < max_threads_) {
    threads_.emplace_back([this] { Work(); });
  }
}

void ConnectionPool::Work() {
  absl::MutexLock lock(&mu_);
  while (true) {
    ++idle_;
    mu_.Await(absl::Condition(
        +[](ConnectionPool* p) ABSL_EXCLUSIVE_LOCKS_REQUIRED(p->mu_) {
          return p->stopping_ || !p->jobs_.empty();
        },
        this));
    --idle_;
    if (jobs_.empty()) return;  // stopping, and nothing left to serve
    Job job = std::move(jobs_.front());
    jobs_.pop_front();
    mu_.Unlock();
    accepted_at = job.accepted;
    job.fn();
    accepted_at = absl::InfinitePast();
    mu_.Lock();
  }
}

void ConnectionPool::shutdown() {
  std::vector<std::thread> threads;
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
    threads.swap(threads_);
  }
  for (std::thread& t : threads) t.join();
}

}  // namespace emulator
