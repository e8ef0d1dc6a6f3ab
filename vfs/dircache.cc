#include "vfs/dircache.h"

#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "vfs/errors.h"
#include "vfs/path.h"

namespace vfs {

DirCache::DirCache(std::string root_id) : root_id_(std::move(root_id)) {
  absl::MutexLock lock(&mu_);
  PutLocked("", root_id_);
}

std::optional<std::string> DirCache::Get(std::string_view path) const {
  absl::MutexLock lock(&mu_);
  auto it = by_path_.find(path);
  if (it == by_path_.end()) return std::nullopt;
  return it->second;
}

std::optional<std::string> DirCache::GetInverse(std::string_view id) const {
  absl::MutexLock lock(&mu_);
  auto it = by_id_.find(id);
  if (it == by_id_.end()) return std::nullopt;
  return it->second;
}

void DirCache::Put(std::string_view path, std::string_view id) {
  absl::MutexLock lock(&mu_);
  PutLocked(path, id);
}

void DirCache::PutLocked(std::string_view path, std::string_view id) {
  // Drop stale pairings on both sides so the two maps stay inverse of each other.
  if (auto it = by_path_.find(path); it != by_path_.end()) by_id_.erase(it->second);
  if (auto it = by_id_.find(id); it != by_id_.end()) by_path_.erase(it->second);
  by_path_.insert_or_assign(std::string(path), std::string(id));
  by_id_.insert_or_assign(std::string(id), std::string(path));
}

void DirCache::FlushDir(std::string_view path) {
  absl::MutexLock lock(&mu_);
  std::vector<std::string> doomed;
  for (const auto& [p, id] : by_path_) {
    if (!p.empty() && IsUnder(p, path)) doomed.push_back(p);
  }
  for (const std::string& p : doomed) {
    auto it = by_path_.find(p);
    by_id_.erase(by_id_.find(it->second));
    by_path_.erase(it);
  }
}

void DirCache::Rename(std::string_view from, std::string_view to) {
  absl::MutexLock lock(&mu_);
  std::vector<std::pair<std::string, std::string>> moved;
  for (const auto& [p, id] : by_path_) {
    if (!p.empty() && IsUnder(p, from)) moved.emplace_back(p, id);
  }
  for (const auto& [p, id] : moved) {
    by_path_.erase(p);
    by_id_.erase(id);
  }
  for (const auto& [p, id] : moved) {
    std::string rel(RelativeTo(p, from));
    PutLocked(JoinPath(to, rel), id);
  }
}

size_t DirCache::size() const {
  absl::MutexLock lock(&mu_);
  return by_path_.size();
}

absl::StatusOr<std::string> DirCache::FindDir(std::string_view path, bool create,
                                              const Resolver& resolver) {
  if (std::optional<std::string> hit = Get(path)) return *hit;
  absl::MutexLock resolving(&resolve_mu_);
  // Another thread may have resolved it while we waited.
  if (std::optional<std::string> hit = Get(path)) return *hit;

  std::vector<std::string_view> segments = PathSegments(path);
  // Start from the deepest cached ancestor.
  size_t known = segments.size();
  std::string prefix(path);
  std::string id;
  while (true) {
    if (std::optional<std::string> hit = Get(prefix)) {
      id = *hit;
      break;
    }
    --known;
    prefix = std::string(ParentDir(prefix));
  }
  for (size_t i = known; i < segments.size(); ++i) {
    std::string_view leaf = segments[i];
    absl::StatusOr<std::optional<std::string>> found = resolver.find_leaf(id, leaf);
    if (!found.ok()) return found.status();
    std::string next_prefix = JoinPath(prefix, leaf);
    if (found->has_value()) {
      id = **found;
    } else if (create && resolver.create_dir) {
      absl::StatusOr<std::string> created = resolver.create_dir(id, leaf);
      if (!created.ok()) return created.status();
      id = *created;
    } else {
      return DirNotFound(path);
    }
    prefix = std::move(next_prefix);
    Put(prefix, id);
  }
  return id;
}

}  // namespace vfs
