// What a listing returns: objects and directories (rclone's fs.DirEntry / fs.Directory).
#ifndef FICHIER_VFS_DIR_ENTRY_H_
#define FICHIER_VFS_DIR_ENTRY_H_

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "absl/time/time.h"
#include "vfs/object.h"

namespace vfs {

// A directory as listed: a value, not a handle.
struct Directory {
  std::string remote = {};                // path relative to the Fs root
  absl::Time mod_time = absl::UnixEpoch();  // best guess when unknown
  int64_t items = -1;                     // entry count if known
  std::string id = {};                    // backend id, "" if none
};

class DirEntry {
 public:
  DirEntry(ObjectPtr object) : entry_(std::move(object)) {}  // NOLINT: implicit on purpose
  DirEntry(Directory dir) : entry_(std::move(dir)) {}        // NOLINT: implicit on purpose

  bool is_object() const { return std::holds_alternative<ObjectPtr>(entry_); }
  bool is_dir() const { return std::holds_alternative<Directory>(entry_); }
  const ObjectPtr& object() const { return std::get<ObjectPtr>(entry_); }
  const Directory& directory() const { return std::get<Directory>(entry_); }

  std::string remote() const { return is_object() ? object()->remote() : directory().remote; }
  // -1 for directories (rclone reports -1 when the size of a directory is not known).
  int64_t size() const { return is_object() ? object()->size() : -1; }
  absl::Time mod_time() const {
    return is_object() ? object()->mod_time() : directory().mod_time;
  }

 private:
  std::variant<ObjectPtr, Directory> entry_;
};

using DirEntries = std::vector<DirEntry>;

// rclone's listing order: by remote (byte order), a directory before an object of the same
// name, and otherwise stable (so duplicates keep the backend's order).
void SortEntries(DirEntries& entries);

}  // namespace vfs

#endif  // FICHIER_VFS_DIR_ENTRY_H_
