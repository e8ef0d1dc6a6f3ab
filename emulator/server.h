// fichier-emulator's HTTP(S) server: one listener that plays the API host, the upload nodes,
// the download hosts and the public shared-folder pages, plus the /_emulator/ admin path.
// httplib stays behind the pimpl so including this header is cheap.
#ifndef FICHIER_EMULATOR_SERVER_H_
#define FICHIER_EMULATOR_SERVER_H_

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "emulator/options.h"

namespace emulator {

class Server {
 public:
  explicit Server(Options options);
  ~Server();
  // Neither copied nor moved: its Impl cannot be.

  // Binds the listener (port 0 picks a free one), prepares the data directory and starts
  // serving on background threads.
  absl::Status Start();
  int port() const;
  // "http://127.0.0.1:NNNN" (or https).
  std::string base_url() const;
  // Stops accepting, ends the workers and removes the data it created. Idempotent.
  void Stop();
  // Blocks until Stop() is called (from another thread or a signal handler thread).
  void Wait();

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace emulator

#endif  // FICHIER_EMULATOR_SERVER_H_
