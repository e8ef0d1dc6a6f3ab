// What the backend knows of each folder it has listed: sub-folders and files, names decoded.
// 1fichier rations listings (one per folder per 30 s) and every call counts, so a folder is
// listed at most once per run and the cached listing is then kept current from our own
// uploads, moves, copies and deletes instead of being listed again.
//
// Thread-safe. A fetch holds the lock, so a change made while a listing is in flight can never
// be overwritten by the (older) listing when it lands.
#ifndef FICHIER_BACKEND_FICHIER_FOLDER_CACHE_H_
#define FICHIER_BACKEND_FICHIER_FOLDER_CACHE_H_

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "backend/fichier/api_types.h"

namespace backend::fichier {

struct CachedFolder {
  int64_t id = 0;
  std::string name;  // decoded (standard form)
  std::string create_date;
};

struct CachedFile {
  FileItem item;     // as the service reports it (item.filename is the wire name)
  std::string name;  // decoded (standard form)
  // Order of the changes we made in this run (0 = as listed): breaks ties between duplicates
  // uploaded within the same second, whose dates are equal.
  uint64_t seq = 0;
};

struct Listing {
  std::vector<CachedFolder> folders;  // by name, then id
  std::vector<CachedFile> files;      // by name, date, seq, url: duplicates oldest first
};

class FolderCache {
 public:
  using Fetch = std::function<absl::StatusOr<Listing>(int64_t folder_id)>;
  explicit FolderCache(Fetch fetch) : fetch_(std::move(fetch)) {}

  // The folder's listing, fetched on first use.
  absl::StatusOr<Listing> Get(int64_t folder_id);
  bool Has(int64_t folder_id) const;
  // The cached listing, never fetching.
  std::optional<Listing> Peek(int64_t folder_id) const;
  // Records a listing known without asking (a folder we just created is empty).
  void Set(int64_t folder_id, Listing listing);
  // Drops a folder's listing (and nothing else): the next Get lists it again.
  void Forget(int64_t folder_id);

  // Changes we made. Each is a no-op for a folder not cached: its first listing will show it.
  void AddFile(int64_t folder_id, CachedFile file);
  void RemoveFile(int64_t folder_id, const std::string& url);
  void AddFolder(int64_t parent_id, CachedFolder folder);
  void RemoveFolder(int64_t parent_id, int64_t folder_id);
  void RenameFolder(int64_t parent_id, int64_t folder_id, const std::string& name);

  // Listing calls made through this cache.
  int64_t fetches() const;

  static void SortListing(Listing& listing);

 private:
  Fetch fetch_;
  mutable absl::Mutex mu_;
  std::map<int64_t, Listing> listings_ ABSL_GUARDED_BY(mu_);
  int64_t fetches_ ABSL_GUARDED_BY(mu_) = 0;
  uint64_t seq_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace backend::fichier

#endif  // FICHIER_BACKEND_FICHIER_FOLDER_CACHE_H_
