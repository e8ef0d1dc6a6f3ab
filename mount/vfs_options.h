// The options of the VFS layer that `fclone mount` and `fclone serve` put over any Fs: rclone's
// --dir-cache-time, --attr-timeout, --vfs-read-chunk-size(-limit), --buffer-size, the
// --vfs-cache-* family, --read-only and the owner/permission flags, with rclone's defaults.
#ifndef FICHIER_MOUNT_VFS_OPTIONS_H_
#define FICHIER_MOUNT_VFS_OPTIONS_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "base/clock.h"

namespace mount {

enum class CacheMode { kOff, kMinimal, kWrites, kFull };

// "off", "minimal", "writes", "full" (rclone's spellings); invalid argument otherwise.
absl::StatusOr<CacheMode> ParseCacheMode(std::string_view text);
std::string_view CacheModeName(CacheMode mode);

struct VfsOptions {
  absl::Duration dir_cache_time = absl::Minutes(5);
  absl::Duration attr_timeout = absl::Seconds(1);
  // First range asked of the remote when a reader opens; doubled at each following chunk up to
  // the limit (-1 = no limit, 0 = one open to the end of the file).
  int64_t read_chunk_size = 128LL << 20;
  int64_t read_chunk_size_limit = -1;
  // Bytes read ahead of the reader by a background thread (0 = none).
  int64_t buffer_size = 16LL << 20;
  CacheMode cache_mode = CacheMode::kOff;
  std::string cache_dir;  // the VFS cache lives in <cache_dir>/vfs/<remote name>
  int64_t cache_max_size = -1;  // bytes of uploaded files kept; -1 = no limit
  absl::Duration cache_max_age = absl::Hours(1);
  absl::Duration write_back = absl::Seconds(5);  // delay between close and upload
  bool read_only = false;
  // --vfs-used-is-size: statfs's used bytes are the files' sizes, not what About says.
  bool used_is_size = false;
  // --vfs-disk-space-total-size: the total statfs shows, whatever About says; -1 = About's.
  int64_t disk_space_total_size = -1;
  // --no-seek: a read the open stream cannot continue to (backwards beyond the bytes last
  // returned, or far ahead) fails with ESPIPE instead of opening the file at another offset.
  bool no_seek = false;
  uint32_t uid = 0;
  uint32_t gid = 0;
  uint32_t umask = 022;
  // --dir-perms / --file-perms, before the umask is taken off.
  uint32_t dir_perms = 0777;
  uint32_t file_perms = 0666;
  // Where waits (write-back delay, cache expiry) read the time; tests install a fake one.
  base::Clock* clock = base::Clock::Real();

  // Whether the VFS keeps files on disk: writes with a cache mode, and reads in full mode (so
  // a read-only mount in full mode has a cache too).
  bool UsesCache() const {
    return cache_mode == CacheMode::kFull || (cache_mode != CacheMode::kOff && !read_only);
  }
};

}  // namespace mount

#endif  // FICHIER_MOUNT_VFS_OPTIONS_H_
