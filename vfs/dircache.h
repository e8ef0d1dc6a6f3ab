// Path <-> id cache for backends whose API addresses folders by id (1fichier's folder_id),
// rclone's lib/dircache. FindDir resolves a path one segment at a time through callbacks, filling
// the cache as it goes, and can create what is missing.
//
// Thread-safe. Lookups that hit the cache take one short lock. Resolutions that must ask the
// backend are serialised, so two threads asking for the same missing folder cannot both create it
// (on a backend that allows duplicate names that would make two folders of one name).
#ifndef FICHIER_VFS_DIRCACHE_H_
#define FICHIER_VFS_DIRCACHE_H_

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"

namespace vfs {

class DirCache {
 public:
  // How FindDir talks to the backend.
  struct Resolver {
    // The id of directory `leaf` inside directory `parent_id`, nullopt when there is none.
    std::function<absl::StatusOr<std::optional<std::string>>(std::string_view parent_id,
                                                             std::string_view leaf)>
        find_leaf;
    // Creates directory `leaf` inside `parent_id` and returns its id. May be empty when FindDir
    // is never called with create = true.
    std::function<absl::StatusOr<std::string>(std::string_view parent_id, std::string_view leaf)>
        create_dir;
  };

  // `root_id` is the id of the path "" (the Fs root).
  explicit DirCache(std::string root_id);

  const std::string& root_id() const { return root_id_; }

  // Cached id of a clean path ("" is the root), nullopt if unknown.
  std::optional<std::string> Get(std::string_view path) const;
  // Cached path of an id, nullopt if unknown.
  std::optional<std::string> GetInverse(std::string_view id) const;
  // Records path <-> id, replacing what either side was mapped to.
  void Put(std::string_view path, std::string_view id);
  // Forgets `path` and everything below it (after a delete, or when a listing shows it changed).
  // Flushing "" forgets everything but the root.
  void FlushDir(std::string_view path);
  // Moves the cached subtree at `from` to `to` (after a server-side directory move).
  void Rename(std::string_view from, std::string_view to);
  size_t size() const;

  // The id of directory `path`, asking the resolver for the segments not cached. When a segment
  // is missing: creates it if `create`, else returns dir-not-found naming `path`.
  absl::StatusOr<std::string> FindDir(std::string_view path, bool create,
                                      const Resolver& resolver);

 private:
  void PutLocked(std::string_view path, std::string_view id) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  const std::string root_id_;
  mutable absl::Mutex mu_;
  std::map<std::string, std::string, std::less<>> by_path_ ABSL_GUARDED_BY(mu_);
  std::map<std::string, std::string, std::less<>> by_id_ ABSL_GUARDED_BY(mu_);
  // Held across backend calls in FindDir (never together with mu_ held first).
  absl::Mutex resolve_mu_;
};

}  // namespace vfs

#endif  // FICHIER_VFS_DIRCACHE_H_
