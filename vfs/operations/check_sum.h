// check -C / checksum / hashsum -C (rclone's CheckSum): compares a tree with a SUM file
// ("<hash>  <path>" lines, md5sum's layout) instead of with another tree.
#ifndef FICHIER_VFS_OPERATIONS_CHECK_SUM_H_
#define FICHIER_VFS_OPERATIONS_CHECK_SUM_H_

#include <map>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "hash/hash_type.h"
#include "vfs/fs.h"
#include "vfs/operations/check.h"
#include "vfs/operations/context.h"

namespace vfs::operations {

// path -> lowercase sum. Badly formed and repeated lines are logged against `subject` (the
// first 4 of each, then how many more) and skipped, as rclone does.
using HashSums = std::map<std::string, std::string, std::less<>>;
HashSums ParseSumFile(std::string_view text, std::string_view subject);

// Reads and parses the SUM file `sum_file` of `fs`.
absl::StatusOr<HashSums> ReadSumFile(Fs& fs, std::string_view sum_file);

// Every object of `dst` (below only_file, through the filters) against `sums`: '=' match,
// '*' differ ("files differ"), '-' no sum ("sum not found"), '+' a sum with no object ("file
// not in <dst>"). The hash is asked of the backend, or computed from the content with
// options.download; without download a type the backend lacks is refused before anything.
// options.one_way ignores the objects the SUM file does not name. Returns "N differences
// found" when any.
absl::Status CheckSum(const Context& ctx, Fs& dst, std::string_view only_file,
                      const HashSums& sums, hash::HashType type, const CheckOptions& options);

}  // namespace vfs::operations

#endif  // FICHIER_VFS_OPERATIONS_CHECK_SUM_H_
