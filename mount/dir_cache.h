// The VFS's view of the remote's directories: one listing per directory, kept for
// --dir-cache-time, and changed in place by the VFS's own writes (a file written, a directory
// made or removed, a rename) so they show at once without listing the remote again (1fichier
// allows one listing per folder per 30 s).
#ifndef FICHIER_MOUNT_DIR_CACHE_H_
#define FICHIER_MOUNT_DIR_CACHE_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "base/clock.h"
#include "vfs/fs.h"

namespace mount {

// One entry as the VFS shows it. `object` is null for directories and for files that exist
// only in the local cache so far (written, not uploaded yet).
struct Node {
  bool is_dir = false;
  int64_t size = 0;
  absl::Time mod_time = absl::UnixEpoch();
  vfs::ObjectPtr object;
};

// Leaf name -> entry, sorted (readdir order).
using Listing = std::map<std::string, Node, std::less<>>;

class DirCache {
 public:
  DirCache(vfs::FsPtr fs, absl::Duration ttl, base::Clock* clock);

  // The entries of `dir` ("" = root): from the cache while younger than the ttl, else listed.
  // Of duplicate names the newest object is shown (as NewObject picks it).
  absl::StatusOr<Listing> List(std::string_view dir);
  // The entry at `path` ("" = the root directory); not found when missing.
  absl::StatusOr<Node> Stat(std::string_view path);

  // The VFS's own changes, applied to a cached listing of the parent (nothing happens when the
  // parent is not cached: its next listing sees the change on the remote).
  void Upsert(std::string_view path, const Node& node);
  void Remove(std::string_view path);
  // Forgets `dir`'s listing and every listing below it (after a directory rename).
  void ForgetTree(std::string_view dir);
  // Every listing is listed again at its next use (files not uploaded yet stay visible).
  void ExpireAll();

 private:
  struct Cached {
    Listing entries;
    absl::Time fetched;
  };
  absl::StatusOr<Listing> Fetch(std::string_view dir);

  const vfs::FsPtr fs_;
  const absl::Duration ttl_;
  base::Clock* const clock_;
  const absl::Time started_;
  absl::Mutex mu_;
  std::map<std::string, Cached, std::less<>> dirs_ ABSL_GUARDED_BY(mu_);
};

}  // namespace mount

#endif  // FICHIER_MOUNT_DIR_CACHE_H_
