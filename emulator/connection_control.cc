// Connection-level faults, and the socket of a request. httplib does not hand its socket to
// handlers, so it is found by its addresses among this process's descriptors; this runs when a
// reset fault fires and once per large plain-HTTP upload (which then reads its body directly).
#include <arpa/inet.h>
#include <dirent.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>

#include "emulator/server_internal.h"

namespace emulator {
namespace {

// The textual address and port of a socket address, or false.
bool AddressOf(const sockaddr_storage& addr, std::string& ip, int& port) {
  char buf[INET6_ADDRSTRLEN] = {};
  if (addr.ss_family == AF_INET) {
    auto* a = reinterpret_cast<const sockaddr_in*>(&addr);
    inet_ntop(AF_INET, &a->sin_addr, buf, sizeof(buf));
    port = ntohs(a->sin_port);
  } else if (addr.ss_family == AF_INET6) {
    auto* a = reinterpret_cast<const sockaddr_in6*>(&addr);
    inet_ntop(AF_INET6, &a->sin6_addr, buf, sizeof(buf));
    port = ntohs(a->sin6_port);
  } else {
    return false;
  }
  ip = buf;
  return true;
}

}  // namespace

bool PeerOf(int fd, std::string& ip, int& port) {
  sockaddr_storage addr{};
  socklen_t len = sizeof(addr);
  if (getpeername(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) return false;
  return AddressOf(addr, ip, port);
}

bool LocalAddressOf(int fd, std::string& ip, int& port) {
  sockaddr_storage addr{};
  socklen_t len = sizeof(addr);
  if (getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) return false;
  return AddressOf(addr, ip, port);
}

int ConnectionSocket(const std::string& remote_addr, int remote_port, int local_port) {
  DIR* dir = opendir("/proc/self/fd");
  if (dir == nullptr) return -1;
  int found = -1;
  while (dirent* e = readdir(dir)) {
    char* end = nullptr;
    const long fd = std::strtol(e->d_name, &end, 10);
    if (end == e->d_name || *end != '\0') continue;
    struct stat st;
    if (fstat(static_cast<int>(fd), &st) != 0 || !S_ISSOCK(st.st_mode)) continue;
    std::string ip;
    int port = 0;
    if (!PeerOf(static_cast<int>(fd), ip, port)) continue;
    if (port != remote_port || ip != remote_addr) continue;
    std::string local_ip;
    int port_here = -1;
    if (!LocalAddressOf(static_cast<int>(fd), local_ip, port_here) || port_here != local_port) {
      continue;
    }
    found = static_cast<int>(fd);
    break;
  }
  closedir(dir);
  return found;
}

bool ResetConnection(const std::string& remote_addr, int remote_port, int local_port) {
  const int fd = ConnectionSocket(remote_addr, remote_port, local_port);
  if (fd < 0) return false;
  // connect(AF_UNSPEC) dissolves the connection at once with a RST (Linux tcp_disconnect)
  // while the descriptor stays valid for httplib, which later shuts down and closes it. A
  // SO_LINGER 0 close would not do: httplib's shutdown() sends a FIN first.
  sockaddr unspec{};
  unspec.sa_family = AF_UNSPEC;
  return connect(fd, &unspec, sizeof(unspec)) == 0;
}

void SetBrokenBody(httplib::Response& res, int status, std::string body, std::string content_type,
                   size_t bytes, std::optional<ResetTarget> reset) {
  res.status = status;
  const size_t full = body.size();
  auto shared = std::make_shared<std::string>(std::move(body));
  // Announce the full length, deliver `bytes` of it, then fail so httplib drops the connection.
  res.set_content_provider(
      full == 0 ? 1 : full, content_type,
      [shared, bytes, reset](size_t offset, size_t, httplib::DataSink& sink) {
        if (offset < bytes && offset < shared->size()) {
          const size_t n = std::min(bytes, shared->size()) - offset;
          if (!sink.write(shared->data() + offset, n)) return false;
        }
        if (reset) ResetConnection(reset->remote_addr, reset->remote_port, reset->local_port);
        return false;
      });
}

bool DrainBody(const httplib::Request& req, const httplib::ContentReader& reader) {
  // httplib routes a multipart body only to the multipart form of the reader.
  if (req.is_multipart_form_data()) {
    return reader([](const httplib::MultipartFormData&) { return true; },
                  [](const char*, size_t) { return true; });
  }
  return reader([](const char*, size_t) { return true; });
}

}  // namespace emulator
