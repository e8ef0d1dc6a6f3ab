// What every transfer of one HttpClient shares: the curl share (DNS cache, TLS sessions,
// connection pool) and a pool of idle easy handles. Internal to backend/rest.
#ifndef FICHIER_BACKEND_REST_CURL_CONTEXT_H_
#define FICHIER_BACKEND_REST_CURL_CONTEXT_H_

#include <curl/curl.h>

#include <array>
#include <cstddef>
#include <memory>
#include <mutex>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"

namespace backend::rest::internal {

class CurlContext {
 public:
  explicit CurlContext(size_t max_idle_handles);
  ~CurlContext();
  // Neither copied nor moved: its mutexes cannot be.

  // An easy handle reset to defaults and attached to the share. Reusing handles (rather than
  // creating one per call) keeps libcurl's per-handle buffers warm; connection reuse itself
  // comes from the share, so it works across threads.
  CURL* Acquire();
  void Release(CURL* easy);

 private:
  static void Lock(CURL*, curl_lock_data data, curl_lock_access, void* self);
  static void Unlock(CURL*, curl_lock_data data, void* self);

  CURLSH* share_ = nullptr;
  // One lock per kind of shared data, as libcurl asks; std::mutex because libcurl locks and
  // unlocks from separate callbacks, which thread-safety annotations cannot follow.
  std::array<std::mutex, CURL_LOCK_DATA_LAST> locks_;
  const size_t max_idle_;
  absl::Mutex mu_;
  std::vector<CURL*> idle_ ABSL_GUARDED_BY(mu_);
};

// Returns the handle to its context when it goes out of scope.
class EasyHandle {
 public:
  explicit EasyHandle(std::shared_ptr<CurlContext> context)
      : context_(std::move(context)), easy_(context_->Acquire()) {}
  ~EasyHandle() {
    if (easy_ != nullptr) context_->Release(easy_);
  }
  EasyHandle(const EasyHandle&) = delete;
  EasyHandle& operator=(const EasyHandle&) = delete;
  CURL* get() const { return easy_; }

 private:
  std::shared_ptr<CurlContext> context_;
  CURL* easy_;
};

}  // namespace backend::rest::internal

#endif  // FICHIER_BACKEND_REST_CURL_CONTEXT_H_
