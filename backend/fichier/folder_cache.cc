#include "backend/fichier/folder_cache.h"

#include <algorithm>
#include <tuple>
#include <utility>

namespace backend::fichier {

void FolderCache::SortListing(Listing& listing) {
  std::stable_sort(listing.folders.begin(), listing.folders.end(),
                   [](const CachedFolder& a, const CachedFolder& b) {
                     return std::tie(a.name, a.id) < std::tie(b.name, b.id);
                   });
  std::stable_sort(listing.files.begin(), listing.files.end(),
                   [](const CachedFile& a, const CachedFile& b) {
                     return std::tie(a.name, a.item.date, a.seq, a.item.url) <
                            std::tie(b.name, b.item.date, b.seq, b.item.url);
                   });
}

absl::StatusOr<Listing> FolderCache::Get(int64_t folder_id) {
  absl::MutexLock lock(&mu_);
  if (auto it = listings_.find(folder_id); it != listings_.end()) return it->second;
  ++fetches_;
  absl::StatusOr<Listing> listing = fetch_(folder_id);
  if (!listing.ok()) return listing.status();
  SortListing(*listing);
  listings_[folder_id] = *listing;
  return listing;
}

bool FolderCache::Has(int64_t folder_id) const {
  absl::MutexLock lock(&mu_);
  return listings_.contains(folder_id);
}

std::optional<Listing> FolderCache::Peek(int64_t folder_id) const {
  absl::MutexLock lock(&mu_);
  auto it = listings_.find(folder_id);
  if (it == listings_.end()) return std::nullopt;
  return it->second;
}

void FolderCache::Set(int64_t folder_id, Listing listing) {
  SortListing(listing);
  absl::MutexLock lock(&mu_);
  listings_[folder_id] = std::move(listing);
}

void FolderCache::Forget(int64_t folder_id) {
  absl::MutexLock lock(&mu_);
  listings_.erase(folder_id);
}

void FolderCache::AddFile(int64_t folder_id, CachedFile file) {
  absl::MutexLock lock(&mu_);
  auto it = listings_.find(folder_id);
  if (it == listings_.end()) return;
  file.seq = ++seq_;
  it->second.files.push_back(std::move(file));
  SortListing(it->second);
}

void FolderCache::RemoveFile(int64_t folder_id, const std::string& url) {
  absl::MutexLock lock(&mu_);
  auto it = listings_.find(folder_id);
  if (it == listings_.end()) return;
  std::erase_if(it->second.files, [&](const CachedFile& f) { return f.item.url == url; });
}

void FolderCache::AddFolder(int64_t parent_id, CachedFolder folder) {
  absl::MutexLock lock(&mu_);
  auto it = listings_.find(parent_id);
  if (it == listings_.end()) return;
  std::erase_if(it->second.folders, [&](const CachedFolder& f) { return f.id == folder.id; });
  it->second.folders.push_back(std::move(folder));
  SortListing(it->second);
}

void FolderCache::RemoveFolder(int64_t parent_id, int64_t folder_id) {
  absl::MutexLock lock(&mu_);
  listings_.erase(folder_id);
  auto it = listings_.find(parent_id);
  if (it == listings_.end()) return;
  std::erase_if(it->second.folders, [&](const CachedFolder& f) { return f.id == folder_id; });
}

void FolderCache::RenameFolder(int64_t parent_id, int64_t folder_id, const std::string& name) {
  absl::MutexLock lock(&mu_);
  auto it = listings_.find(parent_id);
  if (it == listings_.end()) return;
  for (CachedFolder& f : it->second.folders) {
    if (f.id == folder_id) f.name = name;
  }
  SortListing(it->second);
}

int64_t FolderCache::fetches() const {
  absl::MutexLock lock(&mu_);
  return fetches_;
}

}  // namespace backend::fichier
