// rcat: standard input to one object, any length, bounded memory (vfs/operations/rcat.h).
#include <unistd.h>

#include "absl/time/clock.h"
#include "host/command.h"
#include "host/stdin_source.h"
#include "vfs/errors.h"
#include "vfs/operations/rcat.h"

namespace fclone {
namespace {

struct RcatFlags {
  int64_t size = -1;
};

absl::Status RunRcat(CommandEnv& env, const RcatFlags& flags) {
  if (isatty(STDIN_FILENO)) {
    // rclone's words; a terminal is never what a script meant to upload.
    return absl::InvalidArgumentError("nothing to read from standard input (stdin).");
  }
  absl::StatusOr<OpenedRemote> r = OpenParentArg(env, 0);
  if (!r.ok()) return r.status();
  if (r->file.empty()) return vfs::BadInput(env.args[0], "rcat needs a file name, not a directory");
  StdinSource in;
  vfs::operations::RcatOptions options;
  options.size = flags.size;
  options.mod_time = absl::Now();
  return vfs::operations::Rcat(env.ctx, *r->fs, r->file, in, options).status();
}

}  // namespace

void AddStreamCommands(Commands& out) {
  out.push_back(WithOwnFlags<RcatFlags>(
      Command{"rcat", "remote:path", "Copies standard input to file on remote.",
              "Reads standard input to its end and stores it as remote:path, in bounded memory.\n"
              "A stream that ends within 100 KiB is uploaded with its size; a longer one is\n"
              "streamed where the backend can (local, memory), else kept in a temporary file\n"
              "in --temp-dir first (1fichier needs the size before the body). --size\n"
              "gives the length up front and sends the stream directly. An error while reading\n"
              "stores nothing; 1fichier refuses an empty stdin (0-byte files).",
              1, 1, false, false},
      [](FlagSet& f, RcatFlags& x) {
        f.Int("size", 0, &x.size, "File size hint to preallocate");
      },
      RunRcat));
}

}  // namespace fclone
