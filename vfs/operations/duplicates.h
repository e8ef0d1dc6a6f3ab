// Names that occur more than once in one directory listing ("duplicates": fichier and memory
// remotes allow them). Shared by check and copy/sync/move so that a duplicate is never silent:
// each caller decides what to do with the copies set apart here.
#ifndef FICHIER_VFS_OPERATIONS_DUPLICATES_H_
#define FICHIER_VFS_OPERATIONS_DUPLICATES_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "hash/hash_type.h"
#include "vfs/dir_entry.h"
#include "vfs/object.h"

namespace vfs::operations {

// One directory's listing with the repeated object names set apart.
struct SplitListing {
  DirEntries entries;  // sorted; the first entry (in listing order) of each name and type
  // Name -> the later objects of that name, in listing order.
  std::map<std::string, std::vector<ObjectPtr>, std::less<>> extra_copies;
};

// Sorts `entries` and sets apart the later objects that repeat a name. A repeated directory is
// dropped with rclone's NOTICE "Duplicate directory found in <side> - ignoring" (its content is
// listed by path anyway).
SplitListing SplitDuplicates(DirEntries entries, std::string_view side);

// rclone 1.60's NOTICE "<name>: Duplicate object found in <side> - ignoring", once per extra
// copy: the first copy is the one used.
void ReportIgnoredDuplicates(const SplitListing& listing, std::string_view side);

// Whether `copy` holds the same file as `original`, proof enough to delete it as an extra copy:
// same size and, when `common` names a hash both remotes have (Whirlpool for fichier and a local
// disk), the same hash value. With no common hash (kNone) the size alone decides, as rclone's
// dedupe does with --size-only. An unknown hash value on either side proves nothing: false.
bool SameFile(hash::HashType common, const Object& original, const Object& copy);

// What every duplicate report ends with.
inline constexpr char kDedupeHint[] = "resolve with \"fclone dedupe\"";

}  // namespace vfs::operations

#endif  // FICHIER_VFS_OPERATIONS_DUPLICATES_H_
