#include "mount/dir_cache.h"

#include <utility>

#include "vfs/path.h"

namespace mount {

DirCache::DirCache(vfs::FsPtr fs, absl::Duration ttl, base::Clock* clock)
    : fs_(std::move(fs)), ttl_(ttl), clock_(clock), started_(clock->Now()) {}

absl::StatusOr<Listing> DirCache::Fetch(std::string_view dir) {
  absl::StatusOr<vfs::DirEntries> entries = fs_->List(dir);
  // A root that does not exist yet is an empty directory (made by the first write into it).
  if (!entries.ok() && dir.empty() && absl::IsNotFound(entries.status())) return Listing{};
  if (!entries.ok()) return entries.status();
  Listing listing;
  for (const vfs::DirEntry& e : *entries) {
    std::string leaf(vfs::Leaf(e.remote()));
    Node node;
    node.is_dir = e.is_dir();
    node.size = e.is_dir() ? 0 : e.size();
    node.mod_time = e.mod_time();
    if (e.is_object()) node.object = e.object();
    auto [it, added] = listing.try_emplace(leaf, node);
    // A directory wins over a file of the same name; of two files, the newest.
    if (!added && !it->second.is_dir && (node.is_dir || node.mod_time > it->second.mod_time)) {
      it->second = node;
    }
  }
  return listing;
}

absl::StatusOr<Listing> DirCache::List(std::string_view dir) {
  bool expired = false;
  {
    absl::MutexLock lock(&mu_);
    auto it = dirs_.find(dir);
    if (it != dirs_.end() && clock_->Now() - it->second.fetched < ttl_) return it->second.entries;
    expired = it != dirs_.end();
  }
  // Expired: the Fs must not answer from a listing of its own kept since.
  if (expired) fs_->ExpireListing(dir);
  // Listed outside the lock: a slow remote must not stall readers of other directories.
  absl::StatusOr<Listing> listing = Fetch(dir);
  if (!listing.ok()) return listing.status();
  absl::MutexLock lock(&mu_);
  Cached& cached = dirs_[std::string(dir)];
  // Entries the VFS added while the listing ran (files not uploaded yet) stay visible.
  for (const auto& [leaf, node] : cached.entries) {
    if (!node.is_dir && node.object == nullptr && !listing->contains(leaf)) {
      listing->emplace(leaf, node);
    }
  }
  cached.entries = *listing;
  cached.fetched = clock_->Now();
  return cached.entries;
}

absl::StatusOr<Node> DirCache::Stat(std::string_view path) {
  if (path.empty()) return Node{true, 0, started_, nullptr};  // the root: the mount's time
  auto [parent, leaf] = vfs::SplitPath(path);
  absl::StatusOr<Listing> listing = List(parent);
  if (!listing.ok()) {
    if (absl::IsNotFound(listing.status())) return vfs::ObjectNotFound(path);
    return listing.status();
  }
  auto it = listing->find(leaf);
  if (it == listing->end()) return vfs::ObjectNotFound(path);
  return it->second;
}

void DirCache::Upsert(std::string_view path, const Node& node) {
  auto [parent, leaf] = vfs::SplitPath(path);
  absl::MutexLock lock(&mu_);
  auto it = dirs_.find(parent);
  if (it != dirs_.end()) it->second.entries[std::string(leaf)] = node;
  // A new directory is known to be empty: no need to list it.
  if (node.is_dir && !dirs_.contains(path)) dirs_[std::string(path)] = {{}, clock_->Now()};
}

void DirCache::Remove(std::string_view path) {
  auto [parent, leaf] = vfs::SplitPath(path);
  absl::MutexLock lock(&mu_);
  auto it = dirs_.find(parent);
  if (it != dirs_.end()) {
    auto entry = it->second.entries.find(leaf);
    if (entry != it->second.entries.end()) it->second.entries.erase(entry);
  }
}

void DirCache::ExpireAll() {
  absl::MutexLock lock(&mu_);
  for (auto& [dir, cached] : dirs_) cached.fetched = absl::InfinitePast();
}

void DirCache::ForgetTree(std::string_view dir) {
  absl::MutexLock lock(&mu_);
  for (auto it = dirs_.begin(); it != dirs_.end();) {
    it = vfs::IsUnder(it->first, dir) ? dirs_.erase(it) : std::next(it);
  }
}

}  // namespace mount
