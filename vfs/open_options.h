// Options of Object::Open and Fs::Put (rclone's fs.OpenOption family, reduced to what we use).
#ifndef FICHIER_VFS_OPEN_OPTIONS_H_
#define FICHIER_VFS_OPEN_OPTIONS_H_

#include <cstdint>
#include <optional>
#include <string>

namespace vfs {

// rclone's RangeOption: `end` is inclusive, -1 on either side means omitted. {0,99} is the first
// 100 bytes, {100,-1} from 100 to the end, {-1,100} the last 100 bytes.
struct RangeOption {
  int64_t start = -1;
  int64_t end = -1;
  bool operator==(const RangeOption&) const = default;
};

// A range resolved against an object size: read `length` bytes from `offset` (length -1 = to the
// end).
struct ResolvedRange {
  int64_t offset = 0;
  int64_t length = -1;
  bool operator==(const ResolvedRange&) const = default;
};

struct OpenOptions {
  std::optional<RangeOption> range;

  static OpenOptions Range(int64_t start, int64_t end) { return {RangeOption{start, end}}; }
  // rclone's SeekOption{offset}: the same as the range {offset, -1}.
  static OpenOptions Seek(int64_t offset) { return {RangeOption{offset, -1}}; }

  // The byte window to serve for an object of `size` bytes (size -1 = unknown; a suffix range
  // then cannot be resolved and reads everything). An end beyond the size is clamped; a start
  // beyond the size gives an empty window.
  ResolvedRange Resolve(int64_t size) const;
};

struct PutOptions {
  // Content type to store, for backends that advertise write_mime_type; "" = let it decide.
  std::string mime_type;
};

}  // namespace vfs

#endif  // FICHIER_VFS_OPEN_OPTIONS_H_
