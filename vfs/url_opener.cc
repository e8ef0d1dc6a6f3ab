#include "vfs/url_opener.h"

#include <utility>

#include "absl/synchronization/mutex.h"
#include "vfs/errors.h"

namespace vfs {
namespace {

struct InstalledOpener {
  absl::Mutex mu;
  UrlOpener opener ABSL_GUARDED_BY(mu);
};

InstalledOpener& Installed() {
  static InstalledOpener* installed = new InstalledOpener;  // never destroyed: used at exit
  return *installed;
}

}  // namespace

void InstallUrlOpener(UrlOpener opener) {
  InstalledOpener& installed = Installed();
  absl::MutexLock lock(&installed.mu);
  installed.opener = std::move(opener);
}

absl::StatusOr<UrlResponse> OpenUrl(std::string_view url) {
  UrlOpener opener;
  {
    InstalledOpener& installed = Installed();
    absl::MutexLock lock(&installed.mu);
    opener = installed.opener;
  }
  if (!opener) return NotImplemented("fetching a URL (no HTTP client linked in)");
  return opener(url);
}

}  // namespace vfs
