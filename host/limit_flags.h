// rclone's transfer limits as flags: --max-transfer SIZE, --max-duration D, --cutoff-mode
// hard|soft|cautious (both limits) and --bwlimit RATE | UP:DOWN | timetable.
#ifndef FICHIER_HOST_LIMIT_FLAGS_H_
#define FICHIER_HOST_LIMIT_FLAGS_H_

#include "host/flags.h"
#include "vfs/operations/limits.h"

namespace fclone {

void AddLimitFlags(FlagSet& f, vfs::operations::Limits::Options& options);

}  // namespace fclone

#endif  // FICHIER_HOST_LIMIT_FLAGS_H_
