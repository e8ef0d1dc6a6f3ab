// The extra trees of copy/sync/move: --backup-dir (or the destination itself for --suffix
// alone), --compare-dest and --copy-dest, opened like any path argument.
#ifndef FICHIER_HOST_SYNC_DIRS_H_
#define FICHIER_HOST_SYNC_DIRS_H_

#include <vector>

#include "absl/status/status.h"
#include "host/command.h"

namespace fclone {

// Opens them and points `ctx` at them; `held` keeps them open for the run.
absl::Status OpenSyncDirs(const CommandEnv& env, vfs::Fs& dst, vfs::operations::Context& ctx,
                          std::vector<vfs::FsPtr>& held);

}  // namespace fclone

#endif  // FICHIER_HOST_SYNC_DIRS_H_
