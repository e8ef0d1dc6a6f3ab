// One plain-HTTP connection as httplib reads and writes it, with the rules httplib 0.11 lacks:
// a deadline for the whole request head (line and headers, however slowly it trickles in), a
// cap on the head's size, and a per-connection byte rate. The head deadline and the rate are
// measured on the emulator's clock, so a test jumps them with /_emulator/clock instead of
// waiting; body reads and writes keep real-time timeouts, as httplib's.
#ifndef FICHIER_EMULATOR_CONNECTION_STREAM_H_
#define FICHIER_EMULATOR_CONNECTION_STREAM_H_

#include <atomic>
#include <cstddef>
#include <functional>
#include <string>

#include "absl/time/time.h"
#include "base/clock.h"
#include "emulator/connection_stats.h"
#include "httplib.h"

namespace emulator {

struct ConnectionLimits {
  absl::Duration header_timeout = absl::Seconds(10);  // emulator clock, from accept / 1st byte
  size_t max_head_bytes = 64 << 10;
  absl::Duration read_timeout = absl::Seconds(60);   // real time, between two body reads
  absl::Duration write_timeout = absl::Seconds(60);  // real time
  absl::Duration keep_alive = absl::Seconds(30);     // real time, idle between requests
  bool quiet = false;
};

class ConnectionStream : public httplib::Stream {
 public:
  // `rate` (bytes per second, 0 = no cap) is read at each transfer: the admin path may change
  // it. `stopping` says when to give up every wait.
  ConnectionStream(int fd, base::Clock* clock, const ConnectionLimits& limits,
                   ConnectionStats* stats, const std::atomic<double>* rate,
                   std::function<bool()> stopping);
  ~ConnectionStream() override;
  ConnectionStream(const ConnectionStream&) = delete;
  ConnectionStream& operator=(const ConnectionStream&) = delete;

  bool is_readable() const override;
  bool is_writable() const override;
  ssize_t read(char* ptr, size_t size) override;
  ssize_t write(const char* ptr, size_t size) override;
  void get_remote_ip_and_port(std::string& ip, int& port) const override;
  void get_local_ip_and_port(std::string& ip, int& port) const override;
  socket_t socket() const override { return fd_; }

  // Starts a request head, which must be complete by `since` + header_timeout.
  void BeginHead(absl::Time since);
  // The head is complete: the request reached the router.
  void EndHead();
  bool routed() const { return routed_; }
  // Waits for the first byte of a request: the first one of the connection within the head
  // deadline (408 after it), a later one within the keep-alive time. False: close.
  bool AwaitRequest(bool first);
  // The connection closes after the answer being made (a body left unread, a framing error).
  void CloseAfterAnswer() { close_after_answer_ = true; }
  bool close_after_answer() const { return close_after_answer_; }
  // Admin calls are not paced.
  void SetPaced(bool paced) { paced_ = paced; }
  // Accounts `n` bytes received for this request against the per-connection rate, waiting
  // while the request is ahead of it. False when the server stops or the client has gone.
  bool Pace(size_t n) { return PaceAt(n, paced_ ? rate_->load() : 0); }
  // Bytes received but not yet handed to httplib (a handler may read the socket itself only
  // when there are none).
  size_t buffered() const { return buf_len_ - buf_off_; }
  // The guard answered (408, 431) and ended the connection.
  bool cut() const { return cut_; }

 private:
  enum class WaitResult { kReady, kTimeout, kStopped };
  // Polls for `events` (0: none, a plain wait) until `deadline` on `clock`, in short slices so
  // a clock jump or a stop is seen at once.
  WaitResult WaitFor(short events, absl::Time deadline, base::Clock* clock) const;
  // Answers `status` itself, then ends the connection.
  void Cut(int status, const char* reason);
  ssize_t Receive(char* ptr, size_t size);

  const int fd_;
  base::Clock* const clock_;
  const ConnectionLimits limits_;
  ConnectionStats* const stats_;
  const std::atomic<double>* const rate_;
  const std::function<bool()> stopping_;

  static constexpr size_t kBufferSize = 4096;  // httplib reads a request head byte by byte
  char buf_[kBufferSize];
  size_t buf_off_ = 0;
  size_t buf_len_ = 0;

  bool in_head_ = false;  // reading a request line and headers
  bool routed_ = false;   // this request reached the router
  bool cut_ = false;      // answered by the guard itself, connection ending
  bool close_after_answer_ = false;
  // Pace at `rate` bytes/s (0 = none).
  bool PaceAt(size_t n, double rate);
  bool paced_ = true;  // this request counts against the per-connection rate
  absl::Time head_deadline_;
  size_t head_bytes_ = 0;
  absl::Time schedule_;  // when the bytes paced so far in this request are due
};

// The connection the calling thread serves (plain HTTP), or nullptr (TLS, or not a server
// thread).
ConnectionStream* CurrentConnection();

class ScopedCurrentConnection {
 public:
  explicit ScopedCurrentConnection(ConnectionStream* c);
  ~ScopedCurrentConnection();
  ScopedCurrentConnection(const ScopedCurrentConnection&) = delete;
  ScopedCurrentConnection& operator=(const ScopedCurrentConnection&) = delete;
};

}  // namespace emulator

#endif  // FICHIER_EMULATOR_CONNECTION_STREAM_H_
