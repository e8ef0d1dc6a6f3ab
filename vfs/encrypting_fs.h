// What cryptcheck and cryptdecode need of an encrypting remote (the crypt backend), so the host
// can run them without naming a backend: an Fs that also implements this is found with
// dynamic_cast.
#ifndef FICHIER_VFS_ENCRYPTING_FS_H_
#define FICHIER_VFS_ENCRYPTING_FS_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "hash/hash_type.h"
#include "vfs/fs.h"
#include "vfs/object.h"

namespace vfs {

class EncryptingFs {
 public:
  virtual ~EncryptingFs() = default;
  // The remote under the encryption (rclone's UnWrap).
  virtual const FsPtr& wrapped() const = 0;
  // A path's name on the wrapped remote, and back.
  virtual absl::StatusOr<std::string> EncryptFileName(std::string_view path) const = 0;
  virtual absl::StatusOr<std::string> DecryptFileName(std::string_view path) const = 0;
  // The wrapped remote's object holding `object` (an object of this Fs), or null.
  virtual ObjectPtr StoredObject(Object& object) const = 0;
  // The wrapped remote's `type` hash of `src` encrypted as `dst` (an object of this Fs) is
  // stored: equal to the stored hash when dst holds src's content (rclone's ComputeHash).
  virtual absl::StatusOr<std::string> ComputeHash(Object& dst, Object& src,
                                                  hash::HashType type) = 0;
};

}  // namespace vfs

#endif  // FICHIER_VFS_ENCRYPTING_FS_H_
