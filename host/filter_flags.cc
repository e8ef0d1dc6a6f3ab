#include "host/filter_flags.h"

namespace fclone {

namespace ops = vfs::operations;

absl::StatusOr<std::shared_ptr<const ops::Filter>> BuildFilter(const FilterFlags& flags) {
  absl::StatusOr<std::unique_ptr<ops::Filter>> filter = ops::Filter::Create(flags.options);
  if (!filter.ok()) return filter.status();
  if (!(*filter)->Active() && !flags.dump_filters) return nullptr;
  return std::shared_ptr<const ops::Filter>(std::move(*filter));
}

}  // namespace fclone
