#include "backend/fichier/copy_url.h"

#include <algorithm>
#include <memory>
#include <string>

#include "backend/fichier/fichier_fs.h"
#include "backend/fichier/fichier_object.h"
#include "backend/rest/http_client.h"
#include "vfs/config/control_chars.h"
#include "vfs/errors.h"
#include "vfs/global_options.h"
#include "vfs/log.h"
#include "vfs/path.h"
#include "vfs/source.h"
#include "vfs/url_opener.h"

namespace backend::fichier {
namespace {

class StreamSource : public vfs::Source {
 public:
  StreamSource(std::unique_ptr<rest::HttpClient> client,
               std::unique_ptr<rest::DownloadStream> stream)
      : client_(std::move(client)), stream_(std::move(stream)) {}
  absl::StatusOr<size_t> Read(std::span<uint8_t> buffer) override {
    return stream_->Read(buffer);
  }

 private:
  std::unique_ptr<rest::HttpClient> client_;
  std::unique_ptr<rest::DownloadStream> stream_;
};

}  // namespace

absl::StatusOr<vfs::UrlResponse> OpenUrlWithCurl(std::string_view url) {
  absl::StatusOr<std::unique_ptr<rest::HttpClient>> client =
      rest::HttpClient::Create(HttpOptionsFor(FichierOptions{}, vfs::GetGlobalOptions()));
  if (!client.ok()) return client.status();
  absl::StatusOr<std::unique_ptr<rest::DownloadStream>> stream =
      (*client)->Download(std::string(url), {}, std::nullopt);
  if (!stream.ok()) return stream.status();
  vfs::UrlResponse response;
  response.status_code = (*stream)->status_code();
  response.size = (*stream)->content_length().value_or(-1);
  response.body = std::make_unique<StreamSource>(*std::move(client), *std::move(stream));
  return response;
}

absl::StatusOr<vfs::ObjectPtr> FichierFs::CopyUrl(std::string_view url, std::string_view remote) {
  if (shared()) return ReadOnly(remote);
  const std::string abs = Abs(remote);
  auto [parent, leaf] = vfs::SplitPath(abs);
  if (leaf.empty()) return vfs::BadInput(remote, "copyurl needs a file name");
  absl::StatusOr<int64_t> folder = account_->FolderId(parent, true);
  if (!folder.ok()) return vfs::WithContext(folder.status(), "copyurl to " + std::string(remote));
  // What the folder holds now, so the stored file is told from older ones.
  absl::StatusOr<Listing> before = account_->ListingOf(*folder, parent);
  if (!before.ok()) return before.status();
  RemoteUploadRequest request;
  request.urls = {std::string(url)};
  request.folder_id = *folder;
  absl::StatusOr<RemoteUploadJob> job = account_->api().RequestRemoteUpload(request);
  if (!job.ok()) return vfs::WithContext(job.status(), "remote upload of " + std::string(remote));

  // Follow the job: back-off from 100 ms up to the pacer's ceiling, within the time bound.
  // The waits go through the clock, so a stop (base::Cancel) ends them at once.
  base::Clock& clock = *options_.clock;
  const absl::Time deadline = clock.Now() + options_.remote_upload_timeout;
  absl::Duration wait = absl::Milliseconds(100);
  const absl::Duration ceiling = std::max(options_.pacer_max_sleep, absl::Milliseconds(100));
  std::optional<RemoteUploadResult> result;
  while (!result.has_value()) {
    absl::StatusOr<RemoteUploadInfo> info = account_->api().GetRemoteUploadInfo(job->id);
    if (!info.ok()) return vfs::WithContext(info.status(), "following remote upload " +
                                                                std::to_string(job->id));
    if (!info->execution_date.empty() && !info->result.empty()) {
      result = info->result.front();
      break;
    }
    if (clock.Now() + wait > deadline) {
      return absl::DeadlineExceededError("remote upload job " + std::to_string(job->id) +
                                         " for " + std::string(remote) +
                                         " did not finish in time; it may still complete");
    }
    if (absl::Status waited = clock.Wait(wait); !waited.ok()) return waited;
    wait = std::min(wait * 2, ceiling);
  }
  if (result->status != "OK" || result->download_link.empty()) {
    return vfs::Retryable(remote, "the service could not fetch " + std::string(url) + ": " +
                                      vfs::EscapeControlChars(result->message.empty()
                                                                  ? result->status
                                                                  : result->message));
  }
  // The stored file: its real name, size and checksum (never reported without them).
  absl::StatusOr<FileInfo> stored =
      account_->api().GetFileInfo(FileInfoRequest{result->download_link, ""});
  if (!stored.ok()) return vfs::WithContext(stored.status(), "remote upload of " + std::string(remote));
  if (stored->checksum.empty() || stored->size <= 0) {
    return absl::DataLossError("remote upload of " + std::string(remote) +
                               ": the stored file reports no checksum or size");
  }
  CachedFile file;
  file.item.url = result->download_link;
  file.item.filename = stored->filename;
  file.item.size = stored->size;
  file.item.date = stored->date.empty() ? FormatFichierDateNow() : stored->date;
  file.item.checksum = stored->checksum;
  file.item.content_type = stored->content_type;
  file.name = account_->encoder().Decode(stored->filename);
  if (file.name != leaf) {
    const std::string wire = account_->encoder().Encode(leaf);
    absl::StatusOr<RenameFilesResult> renamed =
        account_->api().RenameFiles({RenameFile{file.item.url, wire}});
    if (!renamed.ok()) {
      return vfs::WithContext(renamed.status(), "naming the fetched file " + std::string(remote));
    }
    file.item.filename = wire;
    file.name = std::string(leaf);
  }
  return Placed(*folder, parent, leaf, remote, file);
}

}  // namespace backend::fichier
