// hashsum (spec 4.8): one md5sum-style line per object, "<hash right-aligned>  <path>", the
// hashes asked of the backend or, with --download, computed from the content.
#ifndef FICHIER_VFS_OPERATIONS_HASHSUM_H_
#define FICHIER_VFS_OPERATIONS_HASHSUM_H_

#include <ostream>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "hash/hash_type.h"
#include "vfs/fs.h"
#include "vfs/operations/context.h"
#include "vfs/source.h"

namespace vfs::operations {

struct HashsumOptions {
  hash::HashType type = hash::HashType::kWhirlpool;
  bool download = false;  // hash the content locally instead of asking the backend
  bool base64 = false;    // URL-safe base64 (padded) of the raw digest instead of hex
};

// Lines are written as hashes complete (--checkers at a time), so their order is not fixed.
// Objects whose hash fails are logged as errors and counted; the last such error is returned.
absl::Status HashSum(const Context& ctx, Fs& fs, std::string_view only_file,
                     const HashsumOptions& options, std::ostream& out);

// The hex digest of everything `source` yields.
absl::StatusOr<std::string> HashSource(hash::HashType type, Source& source);

// "<hash>  <path>" with the hash right-aligned to its width (or base64 when asked).
std::string HashLine(hash::HashType type, const std::string& hex, std::string_view path,
                     bool base64);

}  // namespace vfs::operations

#endif  // FICHIER_VFS_OPERATIONS_HASHSUM_H_
