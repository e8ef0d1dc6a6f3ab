// What a backend can do (rclone's fs.Features plus Precision() and Hashes()). Generic code reads
// these flags to choose between a server-side operation and a fallback, and the conformance suite
// reads them to decide which cases apply.
#ifndef FICHIER_VFS_FEATURES_H_
#define FICHIER_VFS_FEATURES_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/time/time.h"
#include "hash/hash_type.h"

namespace vfs {

// rclone's fs.ModTimeNotSupported: 100 years, "modification times are not kept".
inline const absl::Duration kModTimeNotSupported = absl::Hours(100 * 365 * 24);

struct Features {
  // Facts.
  bool case_insensitive = false;
  bool duplicate_files = false;        // several objects may share one name in one directory
  bool can_have_empty_dirs = false;    // a directory with nothing inside exists on its own
  bool read_mime_type = false;         // objects report a meaningful mime_type()
  bool write_mime_type = false;        // PutOptions::mime_type is stored
  bool is_local = false;
  bool slow_hash = false;              // Hash() reads the whole content
  hash::HashSet hashes;                // types Object::Hash can give
  absl::Duration precision = kModTimeNotSupported;  // mod-time resolution

  // Grouping hint. The backend folds concurrent Puts of objects up to `batch_put_max_size`
  // bytes, concurrent Removes, and concurrent server-side Copy/Move, into shared API calls
  // (one upload carries many files), so generic code may run up to `batch_width` of those at
  // once: fewer calls, not more connections. 0 = the backend does not group.
  int batch_width = 0;
  int64_t batch_put_max_size = 0;

  // Optional capabilities: the matching Fs virtual is implemented (otherwise it returns an
  // Unimplemented "not implemented" error and callers fall back).
  bool put_unchecked = false;
  bool put_stream = false;  // Fs::PutStream: uploads of unknown size
  bool copy = false;
  bool copy_url = false;  // Fs::CopyUrl: the service fetches a URL itself
  bool move = false;
  bool dir_move = false;
  bool purge = false;
  bool public_link = false;
  bool about = false;
  bool list_r = false;
  bool open_writer_at = false;  // Fs::OpenWriterAt: multi-thread downloads write in place

  // Every feature rclone 1.60 names, in its order (what `--disable help` lists), with whether
  // this Fs has it; rclone's features no backend here has (ChangeNotify, SetTier...) are false.
  std::vector<std::pair<std::string_view, bool>> ByRcloneName() const;

  // rclone's --disable NAME (any case): turns the feature off, so generic code takes its
  // fallback. False when rclone has no feature of that name; a feature of rclone's this project
  // never has is accepted and stays off.
  bool Disable(std::string_view name);
};

}  // namespace vfs

#endif  // FICHIER_VFS_FEATURES_H_
