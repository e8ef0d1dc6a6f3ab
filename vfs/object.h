// A file on a remote (rclone's fs.Object). Objects are shared (std::shared_ptr) and every method
// is safe to call from several threads; Update changes the object in place.
#ifndef FICHIER_VFS_OBJECT_H_
#define FICHIER_VFS_OBJECT_H_

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "vfs/errors.h"
#include "vfs/object_info.h"
#include "vfs/open_options.h"
#include "vfs/source.h"

namespace vfs {

class Object : public ObjectInfo {
 public:
  // A reader of the content, honouring options.range (see OpenOptions::Resolve).
  virtual absl::StatusOr<std::unique_ptr<Source>> Open(const OpenOptions& options = {}) = 0;
  // Replaces content and metadata with `in`, described by `info` (info.size() may be -1).
  virtual absl::Status Update(Source& in, const ObjectInfo& info,
                              const PutOptions& options = {}) = 0;
  virtual absl::Status Remove() = 0;
  // Backend identifier ("" if the backend has none). Deduplication needs it to tell apart
  // several objects that share one name.
  virtual std::string id() const { return ""; }
  virtual absl::Status SetModTime(absl::Time /*t*/) { return CantSetModTime(remote()); }
  // Whether it can be copied (false for things like Google Docs; true for normal files).
  virtual bool storable() const { return true; }
};

using ObjectPtr = std::shared_ptr<Object>;

}  // namespace vfs

#endif  // FICHIER_VFS_OBJECT_H_
