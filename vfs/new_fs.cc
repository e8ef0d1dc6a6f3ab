#include "vfs/new_fs.h"

#include <utility>

#include "vfs/global_options.h"

namespace vfs {

absl::StatusOr<OpenedFs> NewFs(std::string_view remote_path, const ConfigSources& sources,
                               const Registry& registry) {
  absl::StatusOr<RemoteSpec> spec = ParseRemoteSpec(remote_path);
  if (!spec.ok()) return spec.status();
  absl::StatusOr<BackendType> type = ResolveBackendType(*spec, sources);
  if (!type.ok()) return type.status();
  absl::StatusOr<std::shared_ptr<const BackendInfo>> info = registry.Find(type->type);
  if (!info.ok()) return UnknownBackendError(*spec, *type);
  absl::StatusOr<RemoteOptions> options =
      ResolveOptions(*spec, type->type, (*info)->options, sources);
  if (!options.ok()) return options.status();

  FsParams params{spec->ConfigName(), spec->path, options->Values(), &sources};
  absl::StatusOr<NewFsResult> made = (*info)->factory(params);
  if (!made.ok()) return made.status();
  OpenedFs out;
  out.fs = std::move(made->fs);
  out.fs->DisableFeatures(GetGlobalOptions().disabled_features);
  out.file = std::move(made->file);
  out.spec = *std::move(spec);
  out.options = *std::move(options);
  return out;
}

}  // namespace vfs
