#include "backend/local/links.h"

#include <unistd.h>

#include <cerrno>
#include <vector>

#include "absl/strings/str_cat.h"
#include "backend/local/os_error.h"
#include "vfs/errors.h"

namespace backend::local {

const char* SpecialFileKind(mode_t mode) {
  if (S_ISFIFO(mode)) return "fifo";
  if (S_ISSOCK(mode)) return "socket";
  if (S_ISCHR(mode)) return "character device";
  if (S_ISBLK(mode)) return "block device";
  return "";
}

bool HasLinkSuffix(std::string_view remote) {
  return remote.size() > kLinkSuffix.size() &&
         remote.substr(remote.size() - kLinkSuffix.size()) == kLinkSuffix;
}

absl::StatusOr<std::string> ReadLinkTarget(const std::string& os_path, std::string_view remote) {
  std::string target(kMaxLinkTarget + 1, '\0');
  ssize_t n = ::readlink(os_path.c_str(), target.data(), target.size());
  if (n < 0) return OsError(errno, "read link", os_path, remote);
  if (static_cast<size_t>(n) > kMaxLinkTarget) {
    return vfs::BadInput(os_path, "symlink target too long");
  }
  target.resize(static_cast<size_t>(n));
  return target;
}

absl::Status CheckNoDirectoryLoop(const std::string& os_root, const std::string& os_dir) {
  struct Seen {
    dev_t dev;
    ino_t ino;
    std::string path;
  };
  std::vector<Seen> ancestors;
  std::string path = os_root;
  size_t pos = os_root.size();
  while (true) {
    struct stat st;
    if (::stat(path.c_str(), &st) != 0) return absl::OkStatus();  // reported by the caller
    for (const Seen& a : ancestors) {
      if (a.dev == st.st_dev && a.ino == st.st_ino) {
        return vfs::BadInput(
            path, absl::StrCat("symlink loop: this directory is ", a.path,
                               " again (not listed; remove the link or drop -L/--copy-links)"));
      }
    }
    ancestors.push_back({st.st_dev, st.st_ino, path});
    if (pos >= os_dir.size()) break;
    size_t next = os_dir.find('/', pos + 1);
    if (next == std::string::npos) next = os_dir.size();
    path = os_dir.substr(0, next);
    pos = next;
  }
  return absl::OkStatus();
}

}  // namespace backend::local
