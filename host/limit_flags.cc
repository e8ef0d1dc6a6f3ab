#include "host/limit_flags.h"

namespace fclone {

namespace ops = vfs::operations;

void AddLimitFlags(FlagSet& f, ops::Limits::Options& o) {
  f.Size("max-transfer", 0, &o.max_transfer, "Maximum size of data to transfer", true);
  f.Typed("cutoff-mode", 0, "string", "\"HARD\"", &o.cutoff_mode, ops::ParseCutoffMode,
          "Mode to stop transfers when reaching the max transfer limit HARD|SOFT|CAUTIOUS", true);
  f.Typed("bwlimit", 0, "BwTimetable", "", &o.bwlimit, ops::ParseBwTimetable,
          "Bandwidth limit in KiB/s, or use suffix B|K|M|G|T|P or a full timetable", true);
  f.Typed("bwlimit-file", 0, "BwTimetable", "", &o.bwlimit_file, ops::ParseBwTimetable,
          "Bandwidth limit per file in KiB/s, or use suffix B|K|M|G|T|P or a full timetable",
          true);
  f.Duration("max-duration", 0, &o.max_duration,
             "Maximum duration rclone will transfer data for", true);
}

}  // namespace fclone
