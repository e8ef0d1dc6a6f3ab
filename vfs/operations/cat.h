// cat (spec 4.9): object contents to a stream, every object of a directory in listing order.
#ifndef FICHIER_VFS_OPERATIONS_CAT_H_
#define FICHIER_VFS_OPERATIONS_CAT_H_

#include <cstdint>
#include <ostream>
#include <string_view>

#include "absl/status/status.h"
#include "vfs/fs.h"
#include "vfs/operations/context.h"

namespace vfs::operations {

struct CatOptions {
  int64_t offset = 0;   // negative: from the end
  int64_t count = -1;   // bytes per object; -1 = to the end
  bool discard = false;  // read but do not write (a download benchmark)
};

absl::Status Cat(const Context& ctx, Fs& fs, std::string_view only_file, const CatOptions& options,
                 std::ostream& out);

}  // namespace vfs::operations

#endif  // FICHIER_VFS_OPERATIONS_CAT_H_
