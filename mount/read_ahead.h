// Read-ahead (rclone's --buffer-size): a background thread pulls from a Source into a bounded
// buffer while the reader works through what is already there, so network and reader overlap.
#ifndef FICHIER_MOUNT_READ_AHEAD_H_
#define FICHIER_MOUNT_READ_AHEAD_H_

#include <cstdint>
#include <deque>
#include <memory>
#include <span>
#include <string>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "base/cancel.h"
#include "vfs/source.h"

namespace mount {

class ReadAhead : public vfs::Source {
 public:
  // Keeps up to `capacity` bytes read ahead of the consumer. The thread obeys the stop signal
  // of the thread that makes this object.
  ReadAhead(std::unique_ptr<vfs::Source> inner, int64_t capacity);
  // Stops the thread; waits for the Read it may be in (one network read at most).
  ~ReadAhead() override;
  ReadAhead(const ReadAhead&) = delete;
  ReadAhead& operator=(const ReadAhead&) = delete;

  absl::StatusOr<size_t> Read(std::span<uint8_t> buffer) override;

 private:
  void Fill(std::shared_ptr<base::Cancel> cancel);

  std::unique_ptr<vfs::Source> inner_;
  const int64_t capacity_;
  absl::Mutex mu_;
  std::deque<std::string> blocks_ ABSL_GUARDED_BY(mu_);
  size_t front_used_ ABSL_GUARDED_BY(mu_) = 0;  // bytes of blocks_.front() already consumed
  int64_t buffered_ ABSL_GUARDED_BY(mu_) = 0;
  bool done_ ABSL_GUARDED_BY(mu_) = false;  // the inner source ended or failed
  absl::Status error_ ABSL_GUARDED_BY(mu_);
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  std::thread thread_;
};

}  // namespace mount

#endif  // FICHIER_MOUNT_READ_AHEAD_H_
