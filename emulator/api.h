// The JSON API under /v1/ (spec §§5.1, 6.1, 7-10): authentication, flood protection, request
// parsing and the answers' exact shapes. Knows nothing of HTTP libraries, so it can be driven
// directly; the server hands it the path, headers and body of each call.
#ifndef FICHIER_EMULATOR_API_H_
#define FICHIER_EMULATOR_API_H_

#include <functional>
#include <optional>
#include <string>
#include "absl/strings/string_view.h"

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "base/json_writer.h"
#include "emulator/fault_injector.h"
#include "emulator/id_generator.h"
#include "emulator/options.h"
#include "emulator/paris_clock.h"
#include "emulator/rate_limiter.h"
#include "emulator/request_json.h"
#include "emulator/store.h"

namespace emulator {

struct ApiRequest {
  absl::string_view endpoint;       // "/v1/file/ls.cgi"
  absl::string_view authorization;  // the Authorization header, may be empty
  absl::string_view client_ip;
  absl::string_view body;
  bool is_get = false;
  std::optional<FaultAction> fault;  // only kLag is applied here
};

struct ApiReply {
  int status = 200;
  std::string body;
  std::string content_type = "application/json";
  std::string note;  // detail for the log line (never secrets)
};

// {"status":"KO","message":"..."}
std::string KoBody(absl::string_view message);

class Api {
 public:
  Api(const Options& options, Store* store, RateLimiter* limiter, const ParisClock* clock);

  // Where upload nodes and download hosts are advertised: "host:port" and the URL scheme.
  void SetPublicHost(std::string host_port, std::string scheme);
  // Called after a remote-upload job is queued, to wake the fetcher.
  void SetRemoteJobListener(std::function<void()> listener) {
    remote_listener_ = std::move(listener);
  }

  bool Knows(absl::string_view endpoint) const { return routes_.contains(endpoint); }
  ApiReply Handle(const ApiRequest& request);

 private:
  struct Call {
    int account = -1;  // -1 = anonymous
    std::string key;
    const JsonObject* json = nullptr;
    bool pretty = false;
    absl::Duration lag;
    absl::string_view endpoint;
  };
  using Handler = absl::StatusOr<std::string> (Api::*)(const Call&);
  struct Route {
    Handler handler;
    bool needs_key;
    bool paid;
  };

  absl::StatusOr<std::string> GetUploadServer(const Call& c);
  absl::StatusOr<std::string> GetToken(const Call& c);
  absl::StatusOr<std::string> FileList(const Call& c);
  absl::StatusOr<std::string> FileInfo(const Call& c);
  absl::StatusOr<std::string> FileScan(const Call& c);
  absl::StatusOr<std::string> FileRemove(const Call& c);
  absl::StatusOr<std::string> FileMove(const Call& c);
  absl::StatusOr<std::string> FileCopy(const Call& c);
  absl::StatusOr<std::string> FileRename(const Call& c);
  absl::StatusOr<std::string> FileChattr(const Call& c);
  absl::StatusOr<std::string> FolderList(const Call& c);
  absl::StatusOr<std::string> FolderMkdir(const Call& c);
  absl::StatusOr<std::string> FolderRemove(const Call& c);
  absl::StatusOr<std::string> FolderMove(const Call& c);
  absl::StatusOr<std::string> FolderShare(const Call& c);
  absl::StatusOr<std::string> UserInfo(const Call& c);
  absl::StatusOr<std::string> RemoteRequest(const Call& c);
  absl::StatusOr<std::string> RemoteList(const Call& c);
  absl::StatusOr<std::string> RemoteInfo(const Call& c);

  void WriteFileItem(base::JsonWriter& w, const FileView& f) const;

  const Options& options_;
  Store* store_;
  RateLimiter* limiter_;
  const ParisClock* clock_;
  std::string public_host_;
  std::string scheme_ = "http";
  std::function<void()> remote_listener_;
  absl::flat_hash_map<std::string, Route> routes_;
};

}  // namespace emulator

#endif  // FICHIER_EMULATOR_API_H_
