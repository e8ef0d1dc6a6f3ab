// serve http: the remote over HTTP (rclone serve http), on the same VFS as mount. Runs until
// SIGINT/SIGTERM, then exits 0. Binds 127.0.0.1:8080 unless --addr says otherwise.
#include <string>

#include "absl/strings/str_cat.h"
#include "host/command.h"
#include "host/commands_mount_flags.h"
#include "host/exit_code.h"
#include "serve/http_server.h"
#include "vfs/log.h"

namespace fclone {
namespace {

struct ServeFlags {
  VfsFlags vfs;
  serve::HttpOptions http;
};

void AddServeHttpFlags(FlagSet& f, ServeFlags& x) {
  AddVfsFlags(f, x.vfs);
  f.String("addr", 0, &x.http.addr, "IPaddress:Port or :Port to bind server to");
  f.String("user", 0, &x.http.user, "User name for authentication");
  f.String("pass", 0, &x.http.pass, "Password for authentication");
  f.String("realm", 0, &x.http.realm, "Realm for authentication");
  f.String("baseurl", 0, &x.http.baseurl, "Prefix for URLs - leave blank for root");
  f.String("htpasswd", 0, &x.http.htpasswd,
           "A htpasswd file - if not provided no authentication is done");
  f.String("cert", 0, &x.http.cert,
           "SSL PEM key (concatenation of certificate and CA certificate)");
  f.String("key", 0, &x.http.key, "SSL PEM Private key");
}

absl::Status RunServeHttp(CommandEnv& env, const ServeFlags& f) {
  if (env.args[0] != "http") {
    return UsageError(absl::StrCat("unknown protocol \"", env.args[0], "\": fclone serves http"));
  }
  if (env.args.size() != 2) return UsageError("serve http needs one remote:path");
  absl::StatusOr<OpenedRemote> r = OpenArg(env, 1);
  if (!r.ok()) return r.status();
  if (!r->file.empty()) {
    return vfs::BadInput(
        "", absl::StrCat("can't serve a file: ", env.args[1], " (serve the directory it is in)"));
  }
  VfsFlags vf = f.vfs;
  vf.options.read_only = true;  // rclone's serve http is read-only
  absl::StatusOr<std::unique_ptr<mount::Vfs>> v = MakeVfs(r->fs, vf);
  if (!v.ok()) return v.status();
  absl::StatusOr<std::unique_ptr<serve::HttpServer>> server =
      serve::HttpServer::Bind(v->get(), f.http);
  if (!server.ok()) return server.status();
  vfs::Log(vfs::LogLevel::kNotice, "", absl::StrCat("HTTP Server: Serving on ", (*server)->url()));
  return ServeUntilStopped([&] { return (*server)->Serve(); }, [&] { (*server)->Stop(); });
}

}  // namespace

void AddServeCommands(Commands& out) {
  out.push_back(EndedBySignal(WithOwnFlags<ServeFlags>(
      Command{.name = "serve", .min_args = 2, .max_args = 2}, AddServeHttpFlags, RunServeHttp)));
}

}  // namespace fclone
