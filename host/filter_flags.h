// rclone's filter flags (--include, --exclude, --filter, their -from files, --files-from,
// --min/max-size, --min/max-age, --exclude-if-present, --ignore-case, --delete-excluded) and
// --dump filters: the Filter they build (global_flags.cc registers them).
#ifndef FICHIER_HOST_FILTER_FLAGS_H_
#define FICHIER_HOST_FILTER_FLAGS_H_

#include <memory>

#include "absl/status/statusor.h"
#include "host/flags.h"
#include "vfs/operations/filter.h"
#include "vfs/operations/options.h"

namespace fclone {

struct FilterFlags {
  vfs::operations::FilterOptions options;
  bool dump_filters = false;  // --dump filters (parsed with the other --dump items)
};

// The filter of the run (nullptr when no filter flag is given); errors are rclone's texts,
// which the host prints after "Failed to load filters: ".
absl::StatusOr<std::shared_ptr<const vfs::operations::Filter>> BuildFilter(
    const FilterFlags& flags);

}  // namespace fclone

#endif  // FICHIER_HOST_FILTER_FLAGS_H_
