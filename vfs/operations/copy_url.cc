#include "vfs/operations/copy_url.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "base/string_views.h"
#include "vfs/errors.h"
#include "vfs/object_info.h"
#include "vfs/operations/rcat.h"
#include "vfs/url_opener.h"

namespace vfs::operations {
namespace {

bool FetchableScheme(std::string_view url) {
  return url.rfind("http://", 0) == 0 || url.rfind("https://", 0) == 0 ||
         url.rfind("ftp://", 0) == 0;
}

// Errors after which streaming the URL through here cannot help (or must not start: a stop).
bool EndsWithoutFallback(const absl::Status& status) {
  return absl::IsCancelled(status) || IsBadCredentials(status) || IsRateLimited(status) ||
         absl::IsPermissionDenied(status) || absl::IsDeadlineExceeded(status);
}

absl::StatusOr<ObjectPtr> DownloadThenUpload(Fs& dst, std::string_view url,
                                             std::string_view remote) {
  absl::StatusOr<UrlResponse> response = OpenUrl(url);
  if (!response.ok()) return WithContext(response.status(), "fetching the URL");
  if (response->status_code != 200) {
    return Retryable(remote,
                     "fetching the URL answered HTTP " + std::to_string(response->status_code));
  }
  // A body of unknown length (no Content-Length) goes the way rcat's stdin does.
  RcatOptions stream;
  stream.size = response->size;
  stream.mod_time = absl::Now();
  return StoreStream(dst, remote, *response->body, stream);
}

}  // namespace

std::string FileNameFromUrl(std::string_view url) {
  size_t scheme = url.find("://");
  std::string_view rest = scheme == std::string_view::npos ? url : url.substr(scheme + 3);
  rest = rest.substr(0, rest.find_first_of("?#"));
  size_t slash = rest.find('/');
  if (slash == std::string_view::npos) return "";
  rest = rest.substr(slash);
  return std::string(rest.substr(rest.rfind('/') + 1));
}

absl::StatusOr<ObjectPtr> StoreUrl(Fs& dst, std::string_view url, std::string_view remote,
                                   const CopyUrlOptions& options) {
  if (!FetchableScheme(url)) return BadInput(url, "copyurl needs an http, https or ftp URL");
  if (options.allow_server_side && dst.features().copy_url) {
    absl::StatusOr<ObjectPtr> fetched = dst.CopyUrl(url, remote);
    if (fetched.ok() || EndsWithoutFallback(fetched.status())) return fetched;
    Log(LogLevel::kNotice, remote,
        absl::StrCat("the service could not fetch the URL itself (", fetched.status().message(),
                     "); downloading it here and uploading it"));
  }
  return DownloadThenUpload(dst, url, remote);
}

absl::StatusOr<ObjectPtr> CopyUrl(const Context& ctx, Fs& dst, std::string_view url,
                                  std::string_view remote, const CopyUrlOptions& options) {
  if (options.no_clobber && dst.NewObject(remote).ok()) {
    return absl::AlreadyExistsError(
        absl::StrCat("CopyURL failed: file \"", base::ToAbsl(remote), "\" already exists"));
  }
  if (ctx.options.dry_run) {
    LogNotice(remote, "Skipped copy as --dry-run is set");
    return ObjectPtr();
  }
  absl::StatusOr<ObjectPtr> stored = StoreUrl(dst, url, remote, options);
  if (!stored.ok()) return stored.status();
  LogInfo(remote, absl::StrCat("Copied from URL (", (*stored)->size(), " bytes)"));
  return stored;
}

}  // namespace vfs::operations
