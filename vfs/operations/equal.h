// When are two files "the same"? rclone's operations.NeedTransfer / Equal (spec 4.2): size, then
// the first hash both sides have, then mod times where both sides keep them, modified by
// --checksum, --size-only, --ignore-existing, --ignore-times and --update.
#ifndef FICHIER_VFS_OPERATIONS_EQUAL_H_
#define FICHIER_VFS_OPERATIONS_EQUAL_H_

#include "absl/time/time.h"
#include "hash/hash_type.h"
#include "vfs/fs.h"
#include "vfs/operations/context.h"

namespace vfs::operations {

// The preferred hash type both remotes support; kNone when they share none.
hash::HashType CommonHash(const Fs& a, const Fs& b);

// max(--modify-window, both precisions); kModTimeNotSupported when either side keeps no times.
absl::Duration ModifyWindow(const Fs& a, const Fs& b, const Options& options);

// Whether `src` must be copied over `dst` (nullptr = no destination). Logs its reason at DEBUG.
// May fix the destination's mod time when the contents are proven equal (unless --dry-run or
// --no-update-modtime).
bool NeedTransfer(const Context& ctx, const Fs& src_fs, const Fs& dst_fs, const Object& src,
                  Object* dst);

// rclone's Equal: same size, then hash and mod time as the options say.
bool Equal(const Context& ctx, const Fs& src_fs, const Fs& dst_fs, const ObjectInfo& src,
           Object& dst);

// Compares the `type` hashes of two objects: equal when either is unknown (""), as rclone does.
// `type` kNone compares nothing and returns true. Sets *checked when both hashes were known.
bool HashesMatch(hash::HashType type, const ObjectInfo& a, const ObjectInfo& b,
                 bool* checked = nullptr, std::string* a_hash = nullptr,
                 std::string* b_hash = nullptr);

}  // namespace vfs::operations

#endif  // FICHIER_VFS_OPERATIONS_EQUAL_H_
