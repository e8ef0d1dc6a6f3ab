#include "backend/fichier/download_tokens.h"

#include <utility>
#include <vector>

namespace backend::fichier {

DownloadTokens::DownloadTokens(Api& api, base::Clock* clock, size_t max_cached)
    : api_(api), clock_(clock), max_cached_(max_cached) {}

std::shared_ptr<DownloadTokens::Entry> DownloadTokens::EntryFor(const std::string& key) {
  absl::MutexLock lock(&mu_);
  if (auto it = entries_.find(key); it != entries_.end()) return it->second;
  if (entries_.size() >= max_cached_) {
    // Drop the entries nobody holds whose token is stale (or was never fetched).
    const absl::Time now = clock_->Now();
    for (auto it = entries_.begin(); it != entries_.end();) {
      bool stale = it->second.use_count() == 1;
      if (stale) {
        absl::MutexLock entry_lock(&it->second->fetch);
        stale = it->second->fresh_until <= now;
      }
      it = stale ? entries_.erase(it) : std::next(it);
    }
  }
  auto entry = std::make_shared<Entry>();
  entries_.emplace(key, entry);
  return entry;
}

absl::StatusOr<std::string> DownloadTokens::UrlFor(const TokenRequest& file) {
  std::shared_ptr<Entry> entry = EntryFor(file.url);
  absl::MutexLock lock(&entry->fetch);
  if (clock_->Now() < entry->fresh_until) return entry->url;
  TokenRequest request = file;
  request.single = false;  // one token for every range and stream of this file
  const absl::Time asked = clock_->Now();
  absl::StatusOr<DownloadToken> token = api_.GetToken(request);
  if (!token.ok()) return token.status();
  entry->url = token->url;
  // Counted from the request, not the answer: the service's clock started no later.
  entry->fresh_until = asked + kLifetime - kRenewBefore;
  return entry->url;
}

void DownloadTokens::Invalidate(std::string_view file_url) {
  std::shared_ptr<Entry> entry;
  {
    absl::MutexLock lock(&mu_);
    auto it = entries_.find(file_url);
    if (it == entries_.end()) return;
    entry = it->second;
  }
  absl::MutexLock lock(&entry->fetch);
  entry->fresh_until = absl::InfinitePast();
}

size_t DownloadTokens::size() const {
  absl::MutexLock lock(&mu_);
  return entries_.size();
}

}  // namespace backend::fichier
