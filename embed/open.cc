// The embedding API's backends, configuration and opening (include/fichier/fichier.h): thin
// wrappers over the registry, vfs/config and vfs::NewFs.
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/str_cat.h"
#include "backend/alias/alias_backend.h"
#include "backend/crypt/crypt_fs.h"
#include "backend/fichier/fichier_fs.h"
#include "backend/local/local_fs.h"
#include "backend/memory/memory_fs.h"
#include "fichier/fichier.h"
#include "vfs/config/config_location.h"
#include "vfs/config/environment.h"
#include "vfs/config/option_resolver.h"
#include "vfs/config/remote_spec.h"
#include "vfs/new_fs.h"
#include "vfs/registry.h"

namespace fichier {
namespace {

// Connection-string parameters the backend does not declare ("type" names the backend itself).
absl::Status CheckParameters(const vfs::RemoteSpec& spec, const vfs::ConfigSources& sources) {
  if (spec.parameters.empty()) return absl::OkStatus();
  absl::StatusOr<vfs::BackendType> type = vfs::ResolveBackendType(spec, sources);
  if (!type.ok()) return absl::OkStatus();  // NewFs reports it with rclone's wording
  absl::StatusOr<std::shared_ptr<const vfs::BackendInfo>> info =
      vfs::Registry::Global().Find(type->type);
  if (!info.ok()) return absl::OkStatus();
  for (const auto& [name, value] : spec.parameters) {
    if (name == "type" || (*info)->FindOption(name) != nullptr) continue;
    return absl::InvalidArgumentError(absl::StrCat("unknown option \"", name, "\" for backend \"",
                                                   type->type, "\" in the remote string"));
  }
  return absl::OkStatus();
}

}  // namespace

const char* Version() { return FICHIER_VERSION_STRING; }

void RegisterBuiltinBackends() {
  // Each Register() ignores a name already taken (a static registrar may have run first).
  backend::local::Register();
  backend::memory::Register();
  backend::fichier::Register();
  backend::crypt::Register();
  backend::alias::Register();
}

absl::StatusOr<std::vector<std::string>> LoadPlugin(const std::string& path) {
  return vfs::Registry::Global().LoadPlugin(path);
}

std::vector<std::string> Backends() {
  std::vector<std::string> names;
  for (const auto& info : vfs::Registry::Global().List()) names.push_back(info->name);
  return names;
}

absl::StatusOr<vfs::ConfigFile> LoadConfig(const std::string& path) {
  if (!path.empty()) return vfs::ConfigFile::Load(path);
  vfs::LocateOptions locate;
  locate.create_directories = false;  // reading only: never create ~/.config/rclone
  absl::StatusOr<vfs::ConfigLocation> location =
      vfs::LocateConfigFile(vfs::Environment::FromProcess(), locate);
  if (!location.ok()) return location.status();
  return vfs::ConfigFile::Open(*location);
}

absl::StatusOr<Remote> Open(std::string_view remote, const OpenOptions& options) {
  vfs::Environment env;
  if (options.use_environment) env = vfs::Environment::FromProcess();
  vfs::ConfigSources sources;
  sources.file = options.config;
  sources.env = &env;
  if (options.reject_unknown_options) {
    absl::StatusOr<vfs::RemoteSpec> spec = vfs::ParseRemoteSpec(remote);
    if (!spec.ok()) return spec.status();
    if (absl::Status st = CheckParameters(*spec, sources); !st.ok()) return st;
  }
  absl::StatusOr<vfs::OpenedFs> opened = vfs::NewFs(remote, sources);
  if (!opened.ok()) return opened.status();
  return Remote{std::move(opened->fs), std::move(opened->file)};
}

absl::StatusOr<Remote> OpenBackend(std::string_view type, std::string_view root,
                                   const std::map<std::string, std::string>& options) {
  absl::StatusOr<std::shared_ptr<const vfs::BackendInfo>> info =
      vfs::Registry::Global().Find(type);
  if (!info.ok()) return info.status();
  vfs::ConfigMap values;
  for (const auto& [name, value] : options) {
    if ((*info)->FindOption(name) == nullptr) {
      return absl::InvalidArgumentError(
          absl::StrCat("unknown option \"", name, "\" for backend \"", (*info)->name, "\""));
    }
    values[name] = value;
  }
  absl::StatusOr<vfs::NewFsResult> made =
      vfs::Registry::Global().NewFs(type, absl::StrCat(":", (*info)->name), root, values);
  if (!made.ok()) return made.status();
  return Remote{std::move(made->fs), std::move(made->file)};
}

}  // namespace fichier
