// An in-process cpp-httplib server on 127.0.0.1 and a free port, for tests. Runs on its own
// thread and stops when destroyed.
#ifndef FICHIER_TESTS_BACKEND_REST_TEST_SERVER_H_
#define FICHIER_TESTS_BACKEND_REST_TEST_SERVER_H_

#include <httplib.h>

#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>

namespace testing_support {

class TestServer {
 public:
  TestServer() {
    server_.set_keep_alive_max_count(1000);
  }
  ~TestServer() { Stop(); }
  TestServer(const TestServer&) = delete;
  TestServer& operator=(const TestServer&) = delete;

  httplib::Server& server() { return server_; }

  // Call after registering handlers.
  void Start() {
    port_ = server_.bind_to_any_port("127.0.0.1");
    if (port_ <= 0) throw std::runtime_error("cannot bind 127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    for (int i = 0; i < 500 && !server_.is_running(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
  }
  void Stop() {
    if (thread_.joinable()) {
      server_.stop();
      thread_.join();
    }
  }
  int port() const { return port_; }
  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  std::string host_port() const { return "127.0.0.1:" + std::to_string(port_); }

 private:
  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
};

}  // namespace testing_support

#endif  // FICHIER_TESTS_BACKEND_REST_TEST_SERVER_H_
