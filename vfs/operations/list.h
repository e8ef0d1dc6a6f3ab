// The listing commands (spec 4.7): ls, lsl, lsd, lsf, lsjson and size, byte-compatible with
// rclone's output. Every function lists the Fs root; `only_file` (non-empty when the path named
// a file) restricts the listing to that one object. A `filter` (rclone's --include/--exclude...)
// leaves out the objects it excludes and never lists the directories it excludes.
#ifndef FICHIER_VFS_OPERATIONS_LIST_H_
#define FICHIER_VFS_OPERATIONS_LIST_H_

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "hash/hash_type.h"
#include "vfs/fs.h"
#include "vfs/operations/filter.h"

namespace vfs::operations {

// ls: "%9d %s" per object, recursive unless max_depth >= 1. `human_readable`
// (--human-readable) prints sizes as rclone's SizeSuffix ("2.930Ki").
absl::Status Ls(Fs& fs, std::string_view only_file, int max_depth, std::ostream& out,
                const Filter* filter = nullptr, bool human_readable = false);
// lsl: size, modtime with nanoseconds, path.
absl::Status Lsl(Fs& fs, std::string_view only_file, int max_depth, std::ostream& out,
                 const Filter* filter = nullptr, bool human_readable = false);
// lsd: directories only, depth 1 unless max_depth says otherwise (-1 = all).
absl::Status Lsd(Fs& fs, int max_depth, std::ostream& out, const Filter* filter = nullptr);

struct LsfOptions {
  std::string format = "p";  // letters: p path, s size, t modtime, h hash, i ID, m MIME type
  std::string separator = ";";
  bool dir_slash = true;
  bool absolute = false;
  bool csv = false;
  bool files_only = false;
  bool dirs_only = false;
  int max_depth = 1;  // -1 = recursive
  hash::HashType hash = hash::HashType::kWhirlpool;
};
absl::Status Lsf(Fs& fs, std::string_view only_file, const LsfOptions& options,
                 std::ostream& out, const Filter* filter = nullptr);

struct LsJsonOptions {
  int max_depth = 1;  // -1 = recursive
  bool files_only = false;
  bool dirs_only = false;
  bool no_modtime = false;
  bool no_mimetype = false;
  bool show_hash = false;
  std::vector<hash::HashType> hash_types;  // empty = every type the Fs supports
  bool stat = false;  // print only the item the path names, indented
};
absl::Status LsJson(Fs& fs, std::string_view only_file, const LsJsonOptions& options,
                    std::ostream& out, const Filter* filter = nullptr);

struct SizeResult {
  int64_t count = 0;
  int64_t bytes = 0;
  int64_t sizeless = 0;  // objects of unknown size
};
// `max_depth` as for ListEntries (-1 = everything).
absl::StatusOr<SizeResult> Size(Fs& fs, std::string_view only_file, const Filter* filter = nullptr,
                                int max_depth = -1);
// "Total objects: 3 (3)\nTotal size: 1.146 MiB (1201506 Byte)\n" or the --json form.
std::string FormatSize(const SizeResult& result, bool json);

// The MIME type rclone reports for an object: the backend's, else a guess from the extension.
std::string MimeTypeOf(const ObjectInfo& object);

// The entries a listing shows: the single object when only_file is set, else a walk (through
// the filter when one is active: excluded directories are not listed, a directory holding the
// --exclude-if-present file is left out with everything in it).
absl::StatusOr<DirEntries> ListEntries(Fs& fs, std::string_view only_file, int max_depth,
                                       const Filter* filter = nullptr);

}  // namespace vfs::operations

#endif  // FICHIER_VFS_OPERATIONS_LIST_H_
