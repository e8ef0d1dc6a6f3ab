#include "host/sync_dirs.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "vfs/errors.h"

namespace fclone {
namespace {

absl::StatusOr<vfs::Fs*> OpenDir(const CommandEnv& env, const std::string& path,
                                 const char* flag, std::vector<vfs::FsPtr>& held) {
  absl::StatusOr<OpenedRemote> opened = env.opener.Open(path);
  if (!opened.ok()) {
    return absl::Status(opened.status().code(),
                        absl::StrCat("failed to open ", flag, " \"", path, "\": ",
                                     opened.status().message()));
  }
  if (!opened->file.empty()) {
    return vfs::BadInput(path, absl::StrCat(flag, " must name a directory, not a file"));
  }
  held.push_back(opened->fs);
  return opened->fs.get();
}

}  // namespace

absl::Status OpenSyncDirs(const CommandEnv& env, vfs::Fs& dst, vfs::operations::Context& ctx,
                          std::vector<vfs::FsPtr>& held) {
  const CompatFlags& c = env.flags.compat;
  if (!c.backup_dir.empty()) {
    absl::StatusOr<vfs::Fs*> fs = OpenDir(env, c.backup_dir, "--backup-dir", held);
    if (!fs.ok()) return fs.status();
    ctx.backup_dir = *fs;
  } else if (!ctx.options.suffix.empty()) {
    ctx.backup_dir = &dst;  // --suffix alone: backups stay next to the files
  }
  auto open_list = [&](const std::vector<std::string>& values, const char* flag,
                       std::vector<vfs::Fs*>& out) -> absl::Status {
    for (const std::string& value : values) {
      for (absl::string_view path : absl::StrSplit(value, ',', absl::SkipEmpty())) {
        absl::StatusOr<vfs::Fs*> fs = OpenDir(env, std::string(path), flag, held);
        if (!fs.ok()) return fs.status();
        out.push_back(*fs);
      }
    }
    return absl::OkStatus();
  };
  if (absl::Status st = open_list(c.compare_dest, "--compare-dest", ctx.compare_dest); !st.ok()) {
    return st;
  }
  return open_list(c.copy_dest, "--copy-dest", ctx.copy_dest);
}

}  // namespace fclone
