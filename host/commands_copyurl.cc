// copyurl: fetch a URL into a remote. On a fichier remote the service fetches it itself (remote
// upload); elsewhere, or when the service cannot reach the URL, it is streamed through here.
#include <string>
#include <string_view>

#include "absl/strings/str_cat.h"
#include "backend/fichier/copy_url.h"
#include "host/command.h"
#include "host/exit_code.h"
#include "vfs/errors.h"
#include "vfs/log.h"

namespace fclone {
namespace {

struct CopyUrlFlags {
  bool auto_filename = false;
  bool print_filename = false;
  bool no_clobber = false;
};
CopyUrlFlags& CF() {
  static CopyUrlFlags f;
  return f;
}

// The last path segment of the URL (query and fragment dropped), rclone's --auto-filename.
std::string LeafFromUrl(std::string_view url) {
  size_t scheme = url.find("://");
  std::string_view rest = scheme == std::string_view::npos ? url : url.substr(scheme + 3);
  rest = rest.substr(0, rest.find_first_of("?#"));
  size_t slash = rest.find('/');
  if (slash == std::string_view::npos) return "";
  rest = rest.substr(slash);
  return std::string(rest.substr(rest.rfind('/') + 1));
}

absl::Status RunCopyUrl(CommandEnv& env) {
  const std::string& url = env.args[0];
  if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0) {
    return UsageError(absl::StrCat("copyurl: not an http(s) URL: \"", url, "\""));
  }
  std::string dst_arg = env.args[1];
  absl::StatusOr<OpenedRemote> dst;
  std::string leaf;
  if (CF().auto_filename) {
    leaf = LeafFromUrl(url);
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
      return UsageError(absl::StrCat("copyurl: \"", dst_arg,
                                     "\" names a directory; give a file name or use -a"));
    }
  }
  if (CF().no_clobber) {
    absl::StatusOr<vfs::ObjectPtr> existing = dst->fs->NewObject(leaf);
    if (existing.ok()) {
      return absl::AlreadyExistsError(
          absl::StrCat("CopyURL failed: file \"", leaf, "\" already exists"));
    }
  }
  if (env.ctx.options.dry_run) {
    vfs::Log(vfs::LogLevel::kNotice, leaf, "Skipped copy as --dry-run is set");
    return absl::OkStatus();
  }
  absl::StatusOr<vfs::ObjectPtr> obj = backend::fichier::CopyUrl(*dst->fs, url, leaf);
  if (!obj.ok()) return obj.status();
  vfs::Log(vfs::LogLevel::kInfo, leaf,
           absl::StrCat("Copied from URL (", (*obj)->size(), " bytes)"));
  if (CF().print_filename) env.out << leaf << "\n";
  return absl::OkStatus();
}

}  // namespace

void RegisterCopyUrlCommand() {
  CommandTable().push_back(Command{
      "copyurl", "url dest:path", "Copy the contents of the URL supplied content to dest:path.",
      "Downloads the URL and stores it as dest:path (with -a, in the directory dest:path under\n"
      "the URL's file name). On a fichier remote the service fetches the URL itself (remote\n"
      "upload), so nothing passes through this machine; when it cannot reach the URL, or on\n"
      "any other remote, the content is streamed through here.",
      2, 2, true, false,
      [](FlagSet& f) {
        CopyUrlFlags& x = CF();
        f.Bool("auto-filename", 'a', &x.auto_filename,
               "Get the file name from the URL and use it for destination file path");
        f.Bool("print-filename", 0, &x.print_filename,
               "Print the resulting name from --auto-filename");
        f.Bool("no-clobber", 0, &x.no_clobber, "Prevent overwriting file with same name");
      },
      RunCopyUrl});
}

}  // namespace fclone
