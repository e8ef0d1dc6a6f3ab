#include "host/limit_flags.h"

namespace fclone {

namespace ops = vfs::operations;

void AddLimitFlags(FlagSet& f, ops::Limits::Options& o) {
  f.Size("max-transfer", 0, &o.max_transfer, "Maximum size of data to transfer", true);
  FlagSet::Flag cutoff;
  cutoff.name = "cutoff-mode";
  cutoff.help = "Mode to stop transfers when reaching the max transfer limit HARD|SOFT|CAUTIOUS";
  cutoff.value_type = "string";
  cutoff.default_text = "\"HARD\"";
  cutoff.global = true;
  cutoff.set = [&o](std::string_view v) -> absl::Status {
    absl::StatusOr<ops::CutoffMode> mode = ops::ParseCutoffMode(v);
    if (!mode.ok()) return mode.status();
    o.cutoff_mode = *mode;
    return absl::OkStatus();
  };
  f.Add(std::move(cutoff));
  FlagSet::Flag bwlimit;
  bwlimit.name = "bwlimit";
  bwlimit.help = "Bandwidth limit in KiB/s, or use suffix B|K|M|G|T|P, or UP:DOWN (no timetables)";
  bwlimit.value_type = "BwTimetable";
  bwlimit.global = true;
  bwlimit.set = [&o](std::string_view v) -> absl::Status {
    absl::StatusOr<ops::BandwidthLimit> limit = ops::ParseBwLimit(v);
    if (!limit.ok()) return limit.status();
    o.bwlimit = *limit;
    return absl::OkStatus();
  };
  f.Add(std::move(bwlimit));
}

}  // namespace fclone
