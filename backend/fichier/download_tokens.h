// Multi-use download tokens (spec 6.1: `single=0` lets a token URL be fetched any number of
// times within its 5-minute lifetime), one per file, shared by every Open, range and stream of
// that file for as long as the Account lives. A token is renewed before its lifetime ends; a
// caller whose GET on the URL fails with 403/404/410 invalidates it and asks again.
// This is the interface the FUSE mount and `serve http` use too: a URL for a file, and
// Invalidate when the URL stops working.
#ifndef FICHIER_BACKEND_FICHIER_DOWNLOAD_TOKENS_H_
#define FICHIER_BACKEND_FICHIER_DOWNLOAD_TOKENS_H_

#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "backend/fichier/api.h"
#include "base/clock.h"

namespace backend::fichier {

class DownloadTokens {
 public:
  // The service's stated lifetime (spec 6.1), and how long before its end a token is renewed:
  // a GET started near the end could otherwise meet an expired URL.
  static constexpr absl::Duration kLifetime = absl::Minutes(5);
  static constexpr absl::Duration kRenewBefore = absl::Minutes(1);

  // Above `max_cached` tokens, the stale ones are dropped (bounded memory in long runs).
  DownloadTokens(Api& api, base::Clock* clock, size_t max_cached = 4096);

  // The token URL for the file `file.url` (with its password and cdn choice): the cached one
  // while it is fresh, else one new `get_token.cgi` with `single=0` (`file.single` is ignored).
  // Callers asking for the same file at once share that one call.
  absl::StatusOr<std::string> UrlFor(const TokenRequest& file);
  // Forgets the token of `file_url`: its URL answered 403/404/410, or the file changed.
  void Invalidate(std::string_view file_url);
  // How many tokens are cached (tests).
  size_t size() const;

 private:
  struct Entry {
    absl::Mutex fetch;  // held while one caller asks the service; the others wait for it
    std::string url ABSL_GUARDED_BY(fetch);
    absl::Time fresh_until ABSL_GUARDED_BY(fetch) = absl::InfinitePast();
  };
  std::shared_ptr<Entry> EntryFor(const std::string& key);

  Api& api_;
  base::Clock* const clock_;
  const size_t max_cached_;
  mutable absl::Mutex mu_;
  std::map<std::string, std::shared_ptr<Entry>, std::less<>> entries_ ABSL_GUARDED_BY(mu_);
};

}  // namespace backend::fichier

#endif  // FICHIER_BACKEND_FICHIER_DOWNLOAD_TOKENS_H_
