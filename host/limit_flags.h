// rclone's transfer limits as flags: --max-transfer SIZE, --cutoff-mode hard|soft|cautious and
// --bwlimit RATE | UP:DOWN (timetables are refused).
#ifndef FICHIER_HOST_LIMIT_FLAGS_H_
#define FICHIER_HOST_LIMIT_FLAGS_H_

#include "host/flags.h"
#include "vfs/operations/limits.h"

namespace fclone {

void AddLimitFlags(FlagSet& f, vfs::operations::Limits::Options& options);

}  // namespace fclone

#endif  // FICHIER_HOST_LIMIT_FLAGS_H_
