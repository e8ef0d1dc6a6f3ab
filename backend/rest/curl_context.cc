#include "backend/rest/curl_context.h"

#include <cstdlib>

namespace backend::rest::internal {
namespace {

void GlobalInitOnce() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) std::abort();
  });
}

}  // namespace

CurlContext::CurlContext(size_t max_idle_handles) : max_idle_(max_idle_handles) {
  GlobalInitOnce();
  share_ = curl_share_init();
  if (share_ == nullptr) std::abort();
  curl_share_setopt(share_, CURLSHOPT_LOCKFUNC, &CurlContext::Lock);
  curl_share_setopt(share_, CURLSHOPT_UNLOCKFUNC, &CurlContext::Unlock);
  curl_share_setopt(share_, CURLSHOPT_USERDATA, this);
  curl_share_setopt(share_, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
  curl_share_setopt(share_, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
  curl_share_setopt(share_, CURLSHOPT_SHARE, CURL_LOCK_DATA_CONNECT);
}

CurlContext::~CurlContext() {
  {
    absl::MutexLock lock(&mu_);
    for (CURL* easy : idle_) curl_easy_cleanup(easy);
    idle_.clear();
  }
  curl_share_cleanup(share_);
}

CURL* CurlContext::Acquire() {
  CURL* easy = nullptr;
  {
    absl::MutexLock lock(&mu_);
    if (!idle_.empty()) {
      easy = idle_.back();
      idle_.pop_back();
    }
  }
  if (easy == nullptr) {
    easy = curl_easy_init();
    if (easy == nullptr) std::abort();
  }
  curl_easy_setopt(easy, CURLOPT_SHARE, share_);
  return easy;
}

void CurlContext::Release(CURL* easy) {
  // Reset drops every option (headers, callbacks, pointers into the finished request) so the
  // next user starts clean; the share keeps the connections alive.
  curl_easy_reset(easy);
  {
    absl::MutexLock lock(&mu_);
    if (idle_.size() < max_idle_) {
      idle_.push_back(easy);
      return;
    }
  }
  curl_easy_cleanup(easy);
}

void CurlContext::Lock(CURL*, curl_lock_data data, curl_lock_access, void* self) {
  static_cast<CurlContext*>(self)->locks_[data].lock();
}

void CurlContext::Unlock(CURL*, curl_lock_data data, void* self) {
  static_cast<CurlContext*>(self)->locks_[data].unlock();
}

}  // namespace backend::rest::internal
