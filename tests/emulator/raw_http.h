// Raw TCP exchanges with the emulator, for what an HTTP client library will not send (slow,
// short or malformed requests) and to see how a connection ends. Every read is bounded by the
// socket's receive timeout (a generous failure mode, not a measurement).
#ifndef FICHIER_TESTS_EMULATOR_RAW_HTTP_H_
#define FICHIER_TESTS_EMULATOR_RAW_HTTP_H_

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <string>

namespace emulator::testing {

// All bytes received, and whether the end was a reset (ECONNRESET) or an orderly close.
struct RawResult {
  std::string received;
  bool reset = false;
  bool closed = false;
};

class RawConnection {
 public:
  explicit RawConnection(int port, int timeout_seconds = 10) {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    timeval tv{timeout_seconds, 0};
    setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
    setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
    if (connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) {
      close(fd_);
      fd_ = -1;
    }
  }
  ~RawConnection() {
    if (fd_ >= 0) close(fd_);
  }
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  bool connected() const { return fd_ >= 0; }

  // Sends `bytes` in pieces of `chunk`; false (and `reset` set) when the server cut it.
  bool Send(const std::string& bytes, size_t chunk = 1 << 16) {
    for (size_t sent = 0; sent < bytes.size();) {
      const ssize_t n =
          send(fd_, bytes.data() + sent, std::min(chunk, bytes.size() - sent), MSG_NOSIGNAL);
      if (n <= 0) {
        result_.reset = errno == ECONNRESET || errno == EPIPE;
        return false;
      }
      sent += static_cast<size_t>(n);
    }
    return true;
  }
  // Tells the server nothing more comes (a body shorter than announced ends here).
  void FinishSending() { shutdown(fd_, SHUT_WR); }

  // Reads until the server closes (or the receive timeout).
  RawResult ReadToEnd() {
    char buf[65536];
    for (;;) {
      const ssize_t n = recv(fd_, buf, sizeof(buf), 0);
      if (n > 0) {
        result_.received.append(buf, static_cast<size_t>(n));
        continue;
      }
      if (n == 0) result_.closed = true;
      if (n < 0 && errno == ECONNRESET) result_.reset = true;
      break;
    }
    return result_;
  }

 private:
  int fd_ = -1;
  RawResult result_;
};

// Connects, sends `request` (then half-closes when `finish`), and reads until the close.
inline RawResult RawExchange(int port, const std::string& request, size_t send_chunk = 1 << 16,
                             bool finish = false) {
  RawConnection c(port);
  if (!c.connected()) return {};
  if (c.Send(request, send_chunk) && finish) c.FinishSending();
  return c.ReadToEnd();
}

// "HTTP/1.1 431 ..." -> 431; 0 when there is no status line.
inline int StatusOf(const std::string& response) {
  if (response.rfind("HTTP/1.", 0) != 0 || response.size() < 12) return 0;
  return std::atoi(response.substr(9, 3).c_str());
}

}  // namespace emulator::testing

#endif  // FICHIER_TESTS_EMULATOR_RAW_HTTP_H_
