// An HTTP server on 127.0.0.1 (free port) for tests of remote uploads (copyurl): serves one
// file at /files/data.bin (with Content-Length) and at /chunked/data.bin (chunked: no
// Content-Length), and answers 404 at /missing. It stops when destroyed.
// Header-only: link PkgConfig::HTTPLIB.
#ifndef FICHIER_TESTS_SUPPORT_LOOPBACK_FILE_SERVER_H_
#define FICHIER_TESTS_SUPPORT_LOOPBACK_FILE_SERVER_H_

#include <algorithm>
#include <string>
#include <thread>
#include <utility>

#include "httplib.h"

namespace test_support {

class LoopbackFileServer {
 public:
  explicit LoopbackFileServer(std::string content) : content_(std::move(content)) {
    server_.Get("/files/data.bin", [this](const httplib::Request&, httplib::Response& res) {
      res.set_content(content_, "application/octet-stream");
    });
    server_.Get("/chunked/data.bin", [this](const httplib::Request&, httplib::Response& res) {
      res.set_chunked_content_provider(
          "application/octet-stream", [this](size_t offset, httplib::DataSink& sink) {
            if (offset < content_.size()) {
              size_t n = std::min<size_t>(content_.size() - offset, 64 * 1024);
              return sink.write(content_.data() + offset, n);
            }
            sink.done();
            return true;
          });
    });
    server_.Get("/missing", [](const httplib::Request&, httplib::Response& res) {
      res.status = 404;
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
  }
  ~LoopbackFileServer() {
    server_.stop();
    thread_.join();
  }
  LoopbackFileServer(const LoopbackFileServer&) = delete;
  LoopbackFileServer& operator=(const LoopbackFileServer&) = delete;

  std::string url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }

 private:
  std::string content_;
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
};

}  // namespace test_support

#endif  // FICHIER_TESTS_SUPPORT_LOOPBACK_FILE_SERVER_H_
