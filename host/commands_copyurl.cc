// copyurl: fetch a URL into a remote (vfs::operations::CopyUrl). A destination that can fetch
// URLs itself (fichier's remote upload) does; elsewhere, or when its service cannot reach the
// URL, the content is streamed through here.
#include <string>

#include "absl/strings/str_cat.h"
#include "host/command.h"
#include "host/exit_code.h"
#include "vfs/errors.h"
#include "vfs/operations/copy_url.h"

namespace fclone {
namespace {

struct CopyUrlFlags {
  bool auto_filename = false;
  bool print_filename = false;
  bool no_clobber = false;
};

absl::Status RunCopyUrl(CommandEnv& env, const CopyUrlFlags& flags) {
  const std::string& url = env.args[0];
  if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0) {
    return UsageError(absl::StrCat("copyurl: not an http(s) URL: \"", url, "\""));
  }
  std::string dst_arg = env.args[1];
  absl::StatusOr<OpenedRemote> dst;
  std::string leaf;
  if (flags.auto_filename) {
    leaf = ops::FileNameFromUrl(url);
    if (leaf.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat("file name couldn't be extracted from URL \"", url, "\""));
    }
    dst = OpenArg(env, 1);
    if (!dst.ok()) return dst.status();
    if (!dst->file.empty()) return vfs::IsFileError(dst_arg);
  } else {
    dst = OpenParentArg(env, 1);
    if (!dst.ok()) return dst.status();
    leaf = dst->file;
    if (leaf.empty()) {
      return UsageError(
          absl::StrCat("copyurl: \"", dst_arg, "\" names a directory; give a file name or use -a"));
    }
  }
  ops::CopyUrlOptions options;
  options.no_clobber = flags.no_clobber;
  absl::StatusOr<vfs::ObjectPtr> stored = ops::CopyUrl(env.ctx, *dst->fs, url, leaf, options);
  if (!stored.ok()) return stored.status();
  if (*stored != nullptr && flags.print_filename) env.out << leaf << "\n";
  return absl::OkStatus();
}

void AddCopyUrlFlags(FlagSet& f, CopyUrlFlags& x) {
  f.Bool("auto-filename", 'a', &x.auto_filename,
         "Get the file name from the URL and use it for destination file path");
  f.Bool("print-filename", 0, &x.print_filename, "Print the resulting name from --auto-filename");
  f.Bool("no-clobber", 0, &x.no_clobber, "Prevent overwriting file with same name");
}

}  // namespace

void AddCopyUrlCommand(Commands& out) {
  out.push_back(WithOwnFlags<CopyUrlFlags>(
      Command{.name = "copyurl", .min_args = 2, .max_args = 2, .retry = true}, AddCopyUrlFlags,
      RunCopyUrl));
}

}  // namespace fclone
