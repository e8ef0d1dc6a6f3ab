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
      Command{.name = "rcat", .min_args = 1, .max_args = 1},
      [](FlagSet& f, RcatFlags& x) { f.Int("size", 0, &x.size, "File size hint to preallocate"); },
      RunRcat));
}

}  // namespace fclone
