#include "host/remote.h"

#include <unistd.h>

#include <climits>

#include "absl/strings/str_cat.h"
#include "vfs/config/remote_spec.h"
#include "vfs/log.h"
#include "vfs/path.h"
#include "vfs/registry.h"

namespace fclone {
namespace {

// An absolute, lexically cleaned local path without trailing '/' ("/" stays "/").
std::string AbsoluteLocal(std::string_view path) {
  std::string p(path);
  if (p.empty() || p[0] != '/') {
    char cwd[PATH_MAX];
    std::string base = getcwd(cwd, sizeof(cwd)) != nullptr ? cwd : ".";
    p = p.empty() ? base : base + "/" + p;
  }
  std::vector<std::string> parts;
  size_t i = 0;
  while (i <= p.size()) {
    size_t j = p.find('/', i);
    if (j == std::string::npos) j = p.size();
    std::string seg = p.substr(i, j - i);
    if (seg == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!seg.empty() && seg != ".") {
      parts.push_back(seg);
    }
    i = j + 1;
  }
  std::string out;
  for (const std::string& s : parts) out += "/" + s;
  return out.empty() ? "/" : out;
}

}  // namespace

RemoteOpener::RemoteOpener(
    const vfs::ConfigFile* file, vfs::Environment env,
    std::map<std::string, std::map<std::string, std::string>, std::less<>> flags)
    : file_(file), env_(std::move(env)), flags_(std::move(flags)) {}

absl::StatusOr<vfs::NewFsResult> RemoteOpener::NewFs(const vfs::RemoteSpec& spec) const {
  vfs::ConfigSources sources;
  sources.file = file_;
  sources.env = &env_;
  for (const auto& [backend, options] : flags_) {
    sources.flags[backend] = options;
  }
  absl::StatusOr<vfs::BackendType> type = vfs::ResolveBackendType(spec, sources);
  if (!type.ok()) return type.status();
  absl::StatusOr<std::shared_ptr<const vfs::BackendInfo>> info =
      vfs::Registry::Global().Find(type->type);
  if (!info.ok()) return vfs::UnknownBackendError(spec, *type);
  absl::StatusOr<vfs::RemoteOptions> options =
      vfs::ResolveOptions(spec, type->type, (*info)->options, sources);
  if (!options.ok()) return options.status();
  for (const std::string& unknown : options->unknown_parameters()) {
    vfs::Log(vfs::LogLevel::kNotice, spec.ConfigName(),
             absl::StrCat("ignoring unknown option \"", unknown, "\""));
  }
  std::string root =
      spec.kind == vfs::RemoteSpec::Kind::kLocal ? AbsoluteLocal(spec.path) : spec.path;
  vfs::ConfigMap values;
  for (const auto& [k, v] : options->Values()) values[k] = v;
  return vfs::Registry::Global().NewFs(type->type, spec.ConfigName(), root, std::move(values));
}

absl::StatusOr<OpenedRemote> RemoteOpener::Open(std::string_view arg) const {
  absl::StatusOr<vfs::RemoteSpec> spec = vfs::ParseRemoteSpec(arg);
  if (!spec.ok()) return spec.status();
  absl::StatusOr<vfs::NewFsResult> result = NewFs(*spec);
  if (!result.ok()) return result.status();
  return OpenedRemote{result->fs, result->file};
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
  absl::StatusOr<vfs::NewFsResult> result = NewFs(*spec);
  if (!result.ok()) return result.status();
  if (result->is_file()) {
    return vfs::IsFileError(parent);
  }
  return OpenedRemote{result->fs, leaf};
}

}  // namespace fclone
