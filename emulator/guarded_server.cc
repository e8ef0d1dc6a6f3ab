#include "emulator/guarded_server.h"

#include <sys/socket.h>
#include <unistd.h>

#include "emulator/connection_pool.h"

namespace emulator {

void GuardedServer::DeepenAcceptQueue() {
  const socket_t sock = svr_sock_;
  if (sock != INVALID_SOCKET) ::listen(sock, SOMAXCONN);
}

bool GuardedServer::process_and_close_socket(socket_t sock) {
  bool ret = false;
  {
    ConnectionStream stream(sock, config_.clock, config_.limits, config_.stats, config_.rate,
                            [this] {
                              return svr_sock_ == INVALID_SOCKET || config_.stopping->load();
                            });
    ScopedCurrentConnection current(&stream);
    // The first request's head deadline runs from the accept (time spent queued included).
    const absl::Time accepted = ConnectionPool::AcceptedAt();
    stream.BeginHead(accepted == absl::InfinitePast() ? config_.clock->Now() : accepted);
    bool first = true;
    for (size_t left = keep_alive_max_count_; left > 0; --left) {
      if (!stream.AwaitRequest(first)) break;
      if (!first) stream.BeginHead(config_.clock->Now());
      first = false;
      bool closed = false;
      ret = process_request(stream, /*close_connection=*/left == 1, closed, nullptr);
      if (!ret || closed || stream.cut() || !stream.routed() || stream.close_after_answer()) {
        break;
      }
    }
  }
  ::shutdown(sock, SHUT_RDWR);
  ::close(sock);
  return ret;
}

}  // namespace emulator
