// Load generator for fichier-emulator's small calls: N keep-alive connections POST one API call
// in a loop for a fixed time and report calls per second. Used by bench/emulator/run.sh.
//
//   emulator_call_throughput URL KEY [connections=4] [seconds=3] [endpoint=/v1/folder/ls.cgi]
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "httplib.h"

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s URL KEY [connections] [seconds] [endpoint] [body]\n", argv[0]);
    return 2;
  }
  const std::string url = argv[1];
  const std::string key = argv[2];
  const int connections = argc > 3 ? std::atoi(argv[3]) : 4;
  const double seconds = argc > 4 ? std::atof(argv[4]) : 3.0;
  const std::string endpoint = argc > 5 ? argv[5] : "/v1/folder/ls.cgi";
  const std::string body = argc > 6 ? argv[6] : "{\"folder_id\":0}";

  std::atomic<long> ok{0}, failed{0};
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  std::vector<std::thread> workers;
  for (int i = 0; i < connections; ++i) {
    workers.emplace_back([&] {
      httplib::Client client(url);
      client.set_keep_alive(true);
      client.set_tcp_nodelay(true);  // as curl does; without it Nagle adds 40 ms per call
      client.set_read_timeout(10);
      const httplib::Headers headers = {{"Authorization", "Bearer " + key}};
      long mine_ok = 0, mine_failed = 0;
      // Bounded by the deadline.
      while (std::chrono::steady_clock::now() < deadline) {
        auto res = client.Post(endpoint, headers, body, "application/json");
        if (res && res->status == 200) {
          ++mine_ok;
        } else {
          ++mine_failed;
        }
      }
      ok += mine_ok;
      failed += mine_failed;
    });
  }
  for (auto& w : workers) w.join();
  std::printf("%s: %d connections, %.1f s: %ld ok, %ld failed, %.0f calls/s\n", endpoint.c_str(),
              connections, seconds, ok.load(), failed.load(), ok.load() / seconds);
  return failed.load() == 0 ? 0 : 1;
}
