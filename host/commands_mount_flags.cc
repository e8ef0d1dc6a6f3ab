#include "host/commands_mount_flags.h"

#include <unistd.h>

#include <atomic>
#include <thread>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "base/cancel.h"
#include "host/exit_code.h"
#include "vfs/global_options.h"

namespace fclone {

void AddVfsFlags(FlagSet& f, VfsFlags& x) {
  mount::VfsOptions& o = x.options;
  f.Duration("dir-cache-time", 0, &o.dir_cache_time, "Time to cache directory entries for");
  f.Duration("attr-timeout", 0, &o.attr_timeout,
             "Time for which file/directory attributes are cached");
  f.Size("vfs-read-chunk-size", 0, &o.read_chunk_size, "Read the source objects in chunks");
  f.Size("vfs-read-chunk-size-limit", 0, &o.read_chunk_size_limit,
         "If greater than --vfs-read-chunk-size, double the chunk size after each chunk read, "
         "until the limit is reached ('off' is unlimited)");
  f.Size("buffer-size", 0, &o.buffer_size,
         "In memory buffer size when reading files for each --transfer");
  f.String("vfs-cache-mode", 0, &x.cache_mode, "Cache mode off|minimal|writes|full");
  f.Size("vfs-cache-max-size", 0, &o.cache_max_size, "Max total size of objects in the cache");
  f.Duration("vfs-cache-max-age", 0, &o.cache_max_age, "Max age of objects in the cache");
  f.Duration("vfs-write-back", 0, &o.write_back,
             "Time to writeback files after last use when using cache");
  f.Bool("read-only", 0, &o.read_only, "Only allow read-only access");
  f.Bool("vfs-used-is-size", 0, &o.used_is_size, "Use the rclone size algorithm for Used size");
  f.Size("vfs-disk-space-total-size", 0, &o.disk_space_total_size,
         "Specify the total space of disk");
  f.Bool("no-seek", 0, &o.no_seek, "Don't allow seeking in files");
  f.String("umask", 0, &x.umask, "Override the permission bits set by the filesystem (octal)");
  f.Int("uid", 0, &x.uid, "Override the uid field set by the filesystem");
  f.Int("gid", 0, &x.gid, "Override the gid field set by the filesystem");
  // Checked with --umask when the VFS is made.
  auto mode_text = [](std::string_view v) { return absl::StatusOr<std::string>(std::string(v)); };
  f.Typed("dir-perms", 0, "FileMode", x.dir_perms, &x.dir_perms, mode_text,
          "Directory permissions");
  f.Typed("file-perms", 0, "FileMode", x.file_perms, &x.file_perms, mode_text, "File permissions");
  AddAcceptedVfsFlags(f, x.accepted);
}

absl::StatusOr<std::unique_ptr<mount::Vfs>> MakeVfs(const vfs::FsPtr& fs, const VfsFlags& x) {
  mount::VfsOptions o = x.options;
  absl::StatusOr<mount::CacheMode> mode = mount::ParseCacheMode(x.cache_mode);
  if (!mode.ok()) return UsageError(std::string(mode.status().message()));
  o.cache_mode = *mode;
  const struct {
    const char* flag;
    const std::string& text;
    uint32_t* out;
  } modes[] = {{"umask", x.umask, &o.umask},
               {"dir-perms", x.dir_perms, &o.dir_perms},
               {"file-perms", x.file_perms, &o.file_perms}};
  for (const auto& m : modes) {
    uint32_t mode = 0;
    if (!absl::numbers_internal::safe_strtou32_base(m.text, &mode, 8) || mode > 0777) {
      return UsageError(
          absl::StrCat("invalid --", m.flag, " \"", m.text, "\": want octal like 022 or 0755"));
    }
    *m.out = mode;
  }
  o.uid = x.uid >= 0 ? static_cast<uint32_t>(x.uid) : getuid();
  o.gid = x.gid >= 0 ? static_cast<uint32_t>(x.gid) : getgid();
  if (o.read_chunk_size < 0) o.read_chunk_size = 0;
  if (vfs::CacheDir().empty() && o.UsesCache()) {
    return UsageError(
        "--vfs-cache-mode needs --cache-dir here (neither $XDG_CACHE_HOME nor $HOME is set)");
  }
  std::string root = absl::StrCat(vfs::CacheDir(), "/vfs/", fs->Name());
  if (!fs->Root().empty()) absl::StrAppend(&root, "/", fs->Root());
  return mount::Vfs::Create(fs, o, root);
}

absl::Status ServeUntilStopped(const std::function<absl::Status()>& serve,
                               const std::function<void()>& stop) {
  std::atomic<bool> served{false};
  std::thread stopper([&] {
    const base::Cancel& signal = base::Cancel::Process();
    while (!served.load()) {
      if (signal.WaitFor(absl::Milliseconds(200))) {
        stop();
        return;
      }
    }
  });
  absl::Status st = serve();
  served.store(true);
  stopper.join();
  return st;
}

}  // namespace fclone
