// `fclone serve http`: the VFS (mount/vfs.h, so the same directory cache, chunked reads and
// read-ahead as the mount) over HTTP with cpp-httplib. Directories answer an HTML listing, or
// JSON with `Accept: application/json`; files answer GET and HEAD with one Range (206, or 416
// past the end), Content-Type from the name, Last-Modified, and an ETag from the Whirlpool hash
// when the remote has one. Optional basic auth. Read-only.
#ifndef FICHIER_SERVE_HTTP_SERVER_H_
#define FICHIER_SERVE_HTTP_SERVER_H_

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "mount/vfs.h"

namespace serve {

struct HttpOptions {
  std::string addr = "127.0.0.1:8080";  // host:port; port 0 picks a free one
  std::string user;                     // basic auth when set, with pass
  std::string pass;
  std::string realm = "fclone";
  // --baseurl: the prefix every URL starts with ("rclone", "/rclone" and "/rclone/" are the
  // same); "" = the root. Paths outside it are not found.
  std::string baseurl;
  // --htpasswd: an htpasswd file of users (serve/htpasswd.h); it replaces --user/--pass.
  std::string htpasswd;
  // --cert / --key: PEM certificate (chain) and private key; both set = HTTPS.
  std::string cert;
  std::string key;
};

class HttpServer {
 public:
  // Binds (the error names the address when it is taken or not local).
  static absl::StatusOr<std::unique_ptr<HttpServer>> Bind(mount::Vfs* vfs, HttpOptions options);
  ~HttpServer();

  // "http://127.0.0.1:8080/" ("https://..." with a certificate)
  std::string url() const;
  // Serves until Stop (from another thread).
  absl::Status Serve();
  void Stop();

 private:
  struct Impl;
  explicit HttpServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace serve

#endif  // FICHIER_SERVE_HTTP_SERVER_H_
