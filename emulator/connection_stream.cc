#include "emulator/connection_stream.h"

#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "emulator/server_internal.h"

namespace emulator {
namespace {

// Longest single wait: a clock jump (/_emulator/clock) or a stopping server is seen this fast.
constexpr absl::Duration kSlice = absl::Milliseconds(50);
// After a 408/431 the rest of the client's bytes are read and dropped for this long (real
// time), so that closing with unread data does not reset the connection before the client has
// read the answer.
constexpr absl::Duration kLinger = absl::Seconds(1);

thread_local ConnectionStream* current_connection = nullptr;

// Bytes per paced write: about 1/20 s of the rate, so a capped transfer is smooth, within
// [1 KiB, 1 MiB].
size_t PieceFor(double rate) {
  return static_cast<size_t>(std::clamp(rate / 20, 1024.0, 1048576.0));
}

}  // namespace

ConnectionStream* CurrentConnection() { return current_connection; }

ScopedCurrentConnection::ScopedCurrentConnection(ConnectionStream* c) { current_connection = c; }
ScopedCurrentConnection::~ScopedCurrentConnection() { current_connection = nullptr; }

ConnectionStream::ConnectionStream(int fd, base::Clock* clock, const ConnectionLimits& limits,
                                   ConnectionStats* stats, const std::atomic<double>* rate,
                                   std::function<bool()> stopping)
    : fd_(fd),
      clock_(clock),
      limits_(limits),
      stats_(stats),
      rate_(rate),
      stopping_(std::move(stopping)) {
  stats_->Opened();
}

ConnectionStream::~ConnectionStream() {
  EndHead();
  stats_->Closed();
}

ConnectionStream::WaitResult ConnectionStream::WaitFor(short events, absl::Time deadline,
                                                       base::Clock* clock) const {
  while (true) {
    if (stopping_()) return WaitResult::kStopped;
    const absl::Duration left = deadline - clock->Now();
    if (left <= absl::ZeroDuration()) return WaitResult::kTimeout;
    const int ms =
        static_cast<int>(std::max<int64_t>(1, absl::ToInt64Milliseconds(std::min(left, kSlice))));
    pollfd p{fd_, events, 0};
    const int r = ::poll(&p, 1, ms);
    // Ready, or the peer hung up or failed (the next recv/send says how).
    if (r > 0) return WaitResult::kReady;
    if (r < 0 && errno != EINTR) return WaitResult::kReady;
  }
}

void ConnectionStream::BeginHead(absl::Time since) {
  if (!in_head_) stats_->HeadStarted();
  in_head_ = true;
  routed_ = false;
  paced_ = true;
  head_bytes_ = buffered();
  head_deadline_ = since + limits_.header_timeout;
  // A request's pace starts with it: time spent idle is no credit.
  schedule_ = std::max(schedule_, clock_->Now());
}

void ConnectionStream::EndHead() {
  if (in_head_) stats_->HeadEnded();
  in_head_ = false;
  routed_ = true;
}

bool ConnectionStream::AwaitRequest(bool first) {
  if (buffered() > 0) return true;  // a pipelined request is already here
  const WaitResult r = first
                           ? WaitFor(POLLIN, head_deadline_, clock_)
                           : WaitFor(POLLIN, absl::Now() + limits_.keep_alive, base::Clock::Real());
  if (r == WaitResult::kTimeout && first) {
    stats_->HeaderTimeout();
    Cut(408, "Request Timeout");
  }
  return r == WaitResult::kReady;
}

ssize_t ConnectionStream::Receive(char* ptr, size_t size) {
  while (true) {
    const ssize_t n = ::recv(fd_, ptr, size, 0);
    if (n < 0 && errno == EINTR) continue;
    return n;
  }
}

ssize_t ConnectionStream::read(char* ptr, size_t size) {
  if (cut_) return -1;
  if (buffered() > 0) {
    const size_t n = std::min(size, buffered());
    std::memcpy(ptr, buf_ + buf_off_, n);
    buf_off_ += n;
    return static_cast<ssize_t>(n);
  }
  const WaitResult waited =
      in_head_ ? WaitFor(POLLIN, head_deadline_, clock_)
               : WaitFor(POLLIN, absl::Now() + limits_.read_timeout, base::Clock::Real());
  if (waited == WaitResult::kTimeout && in_head_) {
    stats_->HeaderTimeout();
    Cut(408, "Request Timeout");
  }
  if (waited != WaitResult::kReady) return -1;
  ssize_t n;
  if (size >= kBufferSize) {
    n = Receive(ptr, size);
  } else {
    n = Receive(buf_, kBufferSize);
    if (n > 0) {
      buf_off_ = std::min(size, static_cast<size_t>(n));
      buf_len_ = static_cast<size_t>(n);
      std::memcpy(ptr, buf_, buf_off_);
    }
  }
  if (n <= 0) return n;
  if (in_head_) {
    head_bytes_ += static_cast<size_t>(n);
    if (head_bytes_ > limits_.max_head_bytes) {
      stats_->HeadTooLarge();
      Cut(431, "Request Header Fields Too Large");
      return -1;
    }
    return size >= kBufferSize ? n : static_cast<ssize_t>(buf_off_);
  }
  if (!Pace(static_cast<size_t>(n))) return -1;
  return size >= kBufferSize ? n : static_cast<ssize_t>(buf_off_);
}

ssize_t ConnectionStream::write(const char* ptr, size_t size) {
  if (cut_) return -1;
  const double rate = paced_ && !in_head_ ? rate_->load() : 0;
  const size_t n = rate > 0 ? std::min(size, PieceFor(rate)) : size;
  if (WaitFor(POLLOUT, absl::Now() + limits_.write_timeout, base::Clock::Real()) !=
      WaitResult::kReady) {
    return -1;
  }
  // The wait comes before the bytes leave: once a client has the last byte of an answer, no
  // wait of this connection is left to count as "pacing" (tests read that figure).
  if (rate > 0 && !PaceAt(n, rate)) return -1;
  ssize_t sent;
  do {
    sent = ::send(fd_, ptr, n, MSG_NOSIGNAL);
  } while (sent < 0 && errno == EINTR);
  // What did not leave is sent (and waited for) again by the next call.
  if (rate > 0)
    schedule_ -= absl::Seconds(static_cast<double>(n - std::max<ssize_t>(sent, 0)) / rate);
  return sent;
}

bool ConnectionStream::is_readable() const {
  return buffered() > 0 || WaitFor(POLLIN, absl::Now() + limits_.read_timeout,
                                   base::Clock::Real()) == WaitResult::kReady;
}

bool ConnectionStream::is_writable() const {
  return !cut_ && WaitFor(POLLOUT, absl::Now() + limits_.write_timeout, base::Clock::Real()) ==
                      WaitResult::kReady;
}

void ConnectionStream::get_remote_ip_and_port(std::string& ip, int& port) const {
  PeerOf(fd_, ip, port);
}

void ConnectionStream::get_local_ip_and_port(std::string& ip, int& port) const {
  LocalAddressOf(fd_, ip, port);
}

bool ConnectionStream::PaceAt(size_t n, double rate) {
  if (rate <= 0 || n == 0) return true;
  schedule_ += absl::Seconds(static_cast<double>(n) / rate);
  if (clock_->Now() >= schedule_) {
    stats_->PacingStarted();
    stats_->PacingEnded(static_cast<int64_t>(n));
    return true;
  }
  stats_->PacingStarted();
  // No events: poll only reports the client hanging up, which ends the wait early.
  const WaitResult r = WaitFor(0, schedule_, clock_);
  stats_->PacingEnded(static_cast<int64_t>(n));
  return r == WaitResult::kTimeout;
}

void ConnectionStream::Cut(int status, const char* reason) {
  const std::string body = absl::StrCat(status, " ", reason, "\n");
  const std::string answer = absl::StrCat(
      "HTTP/1.1 ", status, " ", reason,
      "\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ", body.size(),
      "\r\n\r\n", body);
  if (in_head_) stats_->HeadEnded();
  in_head_ = false;
  (void)::send(fd_, answer.data(), answer.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
  ::shutdown(fd_, SHUT_WR);
  cut_ = true;
  if (!limits_.quiet) std::fprintf(stderr, "- - %d connection cut: %s\n", status, reason);
  // Drop what the client still sends, for a bounded time, so it gets to read the answer.
  const absl::Time until = absl::Now() + kLinger;
  char sink[4096];
  while (WaitFor(POLLIN, until, base::Clock::Real()) == WaitResult::kReady) {
    if (Receive(sink, sizeof(sink)) <= 0) break;
  }
}

}  // namespace emulator
