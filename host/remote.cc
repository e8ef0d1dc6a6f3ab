#include "host/remote.h"

#include "absl/strings/str_cat.h"
#include "vfs/config/remote_spec.h"
#include "vfs/log.h"
#include "vfs/new_fs.h"
#include "vfs/path.h"
#include "vfs/registry.h"

namespace fclone {
RemoteOpener::RemoteOpener(
    const vfs::ConfigFile* file, vfs::Environment env,
    std::map<std::string, std::map<std::string, std::string>, std::less<>> flags)
    : file_(file), env_(std::move(env)), flags_(std::move(flags)) {}

absl::StatusOr<OpenedRemote> RemoteOpener::OpenSpec(std::string_view arg) const {
  vfs::ConfigSources sources;
  sources.file = file_;
  sources.env = &env_;
  for (const auto& [backend, options] : flags_) sources.flags[backend] = options;
  absl::StatusOr<vfs::OpenedFs> opened = vfs::NewFs(arg, sources);
  if (!opened.ok()) return opened.status();
  for (const std::string& unknown : opened->options.unknown_parameters()) {
    vfs::Log(vfs::LogLevel::kNotice, opened->spec.ConfigName(),
             absl::StrCat("ignoring unknown option \"", unknown, "\""));
  }
  return OpenedRemote{opened->fs, opened->file};
}

absl::StatusOr<OpenedRemote> RemoteOpener::Open(std::string_view arg) const {
  return OpenSpec(arg);
}

absl::StatusOr<OpenedRemote> RemoteOpener::OpenParent(std::string_view arg) const {
  absl::StatusOr<vfs::RemoteSpec> spec = vfs::ParseRemoteSpec(arg);
  if (!spec.ok()) return spec.status();
  std::string path = spec->path;
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  size_t slash = path.rfind('/');
  std::string leaf = slash == std::string::npos ? path : path.substr(slash + 1);
  std::string parent = slash == std::string::npos ? "" : path.substr(0, slash == 0 ? 1 : slash);
  if (leaf.empty()) {
    return vfs::BadInput(std::string(arg), "the path must name a file");
  }
  spec->path = parent;
  absl::StatusOr<OpenedRemote> result = OpenSpec(vfs::FormatRemoteSpec(*spec));
  if (!result.ok()) return result.status();
  if (!result->file.empty()) return vfs::IsFileError(parent);
  return OpenedRemote{result->fs, leaf};
}

}  // namespace fclone
