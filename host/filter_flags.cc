#include "host/filter_flags.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "base/string_views.h"

namespace fclone {
namespace {

namespace ops = vfs::operations;

// --min-age / --max-age: rclone's Duration values ("off", 1h30m, 2d, a date...).
absl::StatusOr<std::optional<absl::Duration>> ParseAgeNow(std::string_view v) {
  return ops::ParseAge(v, absl::Now());
}

}  // namespace

void AddFilterFlags(FlagSet& f, FilterFlags& flags, ops::Options& o) {
  ops::FilterOptions& fo = flags.options;
  f.Bool("delete-excluded", 0, &o.delete_excluded, "Delete files on dest excluded from sync",
         true);
  f.StringList("include", 0, &fo.include, "Include files matching pattern", true);
  f.StringList("include-from", 0, &fo.include_from,
               "Read include patterns from file (use - to read from stdin)", true);
  f.StringList("exclude", 0, &fo.exclude, "Exclude files matching pattern", true);
  f.StringList("exclude-from", 0, &fo.exclude_from,
               "Read exclude patterns from file (use - to read from stdin)", true);
  f.String("exclude-if-present", 0, &fo.exclude_if_present,
           "Exclude directories if filename is present", true);
  f.StringList("filter", 'f', &fo.filter, "Add a file-filtering rule", true);
  f.StringList("filter-from", 0, &fo.filter_from,
               "Read filtering patterns from a file (use - to read from stdin)", true);
  f.StringList("files-from", 0, &fo.files_from,
               "Read list of source-file names from file (use - to read from stdin)", true);
  f.StringList("files-from-raw", 0, &fo.files_from_raw,
               "Read list of source-file names from file without any processing of lines (use "
               "- to read from stdin)", true);
  f.Bool("ignore-case", 0, &fo.ignore_case, "Ignore case in filters (case insensitive)", true);
  f.Size("min-size", 0, &fo.min_size,
         "Only transfer files bigger than this in KiB or suffix B|K|M|G|T|P", true);
  f.Size("max-size", 0, &fo.max_size,
         "Only transfer files smaller than this in KiB or suffix B|K|M|G|T|P", true);
  f.Typed("min-age", 0, "Duration", "off", &fo.min_age, ParseAgeNow,
          "Only transfer files older than this in s or suffix ms|s|m|h|d|w|M|y", true);
  f.Typed("max-age", 0, "Duration", "off", &fo.max_age, ParseAgeNow,
          "Only transfer files younger than this in s or suffix ms|s|m|h|d|w|M|y", true);
}

absl::StatusOr<std::shared_ptr<const ops::Filter>> BuildFilter(const FilterFlags& flags) {
  absl::StatusOr<std::unique_ptr<ops::Filter>> filter = ops::Filter::Create(flags.options);
  if (!filter.ok()) return filter.status();
  if (!(*filter)->Active() && !flags.dump_filters) return nullptr;
  return std::shared_ptr<const ops::Filter>(std::move(*filter));
}

}  // namespace fclone
