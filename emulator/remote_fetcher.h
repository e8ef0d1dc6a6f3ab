// Runs remote-upload jobs (spec §10) in the background: fetches each URL over HTTP(S), stores
// the bytes like an upload (on disk, Whirlpool on the fly) and records one result per URL.
// Only loopback URLs are fetched unless allowed otherwise, so tests never leave the machine.
#ifndef FICHIER_EMULATOR_REMOTE_FETCHER_H_
#define FICHIER_EMULATOR_REMOTE_FETCHER_H_

#include <functional>
#include <string>
#include <thread>

#include "absl/synchronization/mutex.h"
#include "emulator/store.h"

namespace emulator {

class RemoteFetcher {
 public:
  // `new_blob_path` gives a fresh file path in the data directory.
  RemoteFetcher(Store* store, bool any_host, std::function<std::string()> new_blob_path);
  ~RemoteFetcher();  // stops the worker

  void Wake();

 private:
  void Loop();
  RemoteJobResult Fetch(const RemoteJob& job, const std::string& url);

  Store* store_;
  bool any_host_;
  std::function<std::string()> new_blob_path_;
  absl::Mutex mu_;
  bool wake_ ABSL_GUARDED_BY(mu_) = false;
  bool stop_ ABSL_GUARDED_BY(mu_) = false;
  std::thread worker_;
};

}  // namespace emulator

#endif  // FICHIER_EMULATOR_REMOTE_FETCHER_H_
