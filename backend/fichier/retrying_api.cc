#include "backend/fichier/retrying_api.h"

#include <optional>
#include <utility>

#include "absl/strings/str_cat.h"
#include "backend/fichier/idempotency.h"
#include "base/string_views.h"
#include "backend/rest/transport_error.h"
#include "base/cancel.h"

namespace backend::fichier {
namespace {


// Same code and payloads, with a note appended to the message.
absl::Status Annotate(const absl::Status& status, std::string_view note) {
  absl::Status out(status.code(), absl::StrCat(status.message(), " (", base::ToAbsl(note), ")"));
  status.ForEachPayload([&](absl::string_view type, const absl::Cord& payload) {
    out.SetPayload(type, payload);
  });
  return out;
}

// Adapts an optional check taking the request into the loop's argument-free form.
template <typename Request, typename Result>
std::function<absl::StatusOr<std::optional<Result>>()> Bind(
    const OutcomeCheck<Request, Result>& check, const Request& request) {
  if (!check) return nullptr;
  return [&check, &request] { return check(request); };
}

bool ServedOutsideTheApi(Endpoint endpoint) {
  return endpoint == Endpoint::kDownload || endpoint == Endpoint::kUpload ||
         endpoint == Endpoint::kEndUpload;
}

}  // namespace

RetryingApi::RetryingApi(std::shared_ptr<Api> inner, std::shared_ptr<rest::Pacer> pacer,
                         RetryingApiOptions options)
    : inner_(std::move(inner)), pacer_(std::move(pacer)), options_(std::move(options)) {
  if (options_.policy.max_attempts < 1) options_.policy.max_attempts = 1;
  if (options_.policy.max_flood_waits < 0) options_.policy.max_flood_waits = 0;
}

void RetryingApi::Log(std::string_view line) const {
  if (options_.debug_log) options_.debug_log(line);
}

template <typename T>
absl::StatusOr<T> RetryingApi::Run(
    Endpoint endpoint, const std::function<absl::StatusOr<T>()>& attempt,
    const std::function<absl::StatusOr<std::optional<T>>()>& check) {
  const Idempotency idempotency = IdempotencyOf(endpoint);
  const int max_attempts = options_.policy.max_attempts;
  int flood_waits = 0;
  absl::Status last;
  for (int n = 1; n <= max_attempts; ++n) {
    absl::StatusOr<T> result;
    rest::RetryClass retry_class;
    {
      // A download's GET goes to a download host and an upload's POST and end.pl to an
      // upload node, not the API (spec 4.1 limits the API): only their retries wait their
      // turn, so a transfer starts as soon as its token or upload server is known.
      std::optional<rest::Pacer::Turn> turn;
      if (!ServedOutsideTheApi(endpoint) || n > 1) {
        absl::StatusOr<rest::Pacer::Turn> waited = pacer_->Wait();
        if (!waited.ok()) return waited.status();  // stopped while waiting: nothing was sent
        turn.emplace(std::move(*waited));
      } else if (const base::Cancel& cancel = base::CurrentCancel(); cancel.triggered()) {
        return cancel.status();
      }
      result = attempt();
      // A stop cuts the call short; its reason, not the failure it caused, is the answer, and
      // it is never retried.
      if (const base::Cancel& cancel = base::CurrentCancel(); cancel.triggered() && !result.ok()) {
        return cancel.status();
      }
      retry_class = rest::ClassifyForRetry(result.status());
      switch (retry_class) {
        case rest::RetryClass::kDone:
        case rest::RetryClass::kPermanent:
          // An answer, even a refusal, means the service is fine: let the pacer relax.
          if (turn) turn->Succeeded();
          return result;
        case rest::RetryClass::kFlood:
          if (turn) turn->Flooded();
          break;
        case rest::RetryClass::kRetry:
          if (turn) turn->Retry(rest::GetRetryAfter(result.status()));
          break;
      }
    }  // the pacer slot is free before any check runs
    last = result.status();
    if (retry_class == rest::RetryClass::kFlood && ++flood_waits > options_.policy.max_flood_waits) {
      return Annotate(last, absl::StrCat("still rate limited after ", flood_waits - 1,
                                         " pauses; try again later"));
    }
    if (n == max_attempts) break;
    // A flood answer is a refusal: the call was not carried out and can be sent again.
    const bool safe_to_repeat = idempotency == Idempotency::kSafe ||
                                retry_class == rest::RetryClass::kFlood ||
                                rest::WasNotSent(last);
    if (!safe_to_repeat) {
      if (idempotency != Idempotency::kCheckFirst || !check) {
        return Annotate(last, "not retried: the call may have taken effect");
      }
      absl::StatusOr<std::optional<T>> checked = check();
      if (!checked.ok()) {
        return Annotate(last, absl::StrCat("not retried: checking the outcome failed: ",
                                           checked.status().message()));
      }
      if (checked->has_value()) {
        Log(absl::StrCat(base::ToAbsl(EndpointName(endpoint)), ": took effect despite the error"));
        return **std::move(checked);
      }
    }
    ++retries_;
    Log(absl::StrCat("pacer: low level retry ", n, "/", max_attempts, " (",
                     base::ToAbsl(EndpointName(endpoint)), ": ", last.message(), ")"));
  }
  return Annotate(last, absl::StrCat("after ", max_attempts, " attempts"));
}

absl::StatusOr<UploadServer> RetryingApi::GetUploadServer() {
  return Run<UploadServer>(Endpoint::kGetUploadServer, [&] { return inner_->GetUploadServer(); },
                           nullptr);
}

absl::StatusOr<UploadReceipt> RetryingApi::Upload(const UploadRequest& request) {
  return Run<UploadReceipt>(Endpoint::kUpload, [&] { return inner_->Upload(request); }, nullptr);
}

absl::StatusOr<UploadReport> RetryingApi::EndUpload(const std::string& node,
                                                    const std::string& xid) {
  return Run<UploadReport>(Endpoint::kEndUpload, [&] { return inner_->EndUpload(node, xid); },
                           nullptr);
}

absl::StatusOr<DownloadToken> RetryingApi::GetToken(const TokenRequest& request) {
  return Run<DownloadToken>(Endpoint::kGetToken, [&] { return inner_->GetToken(request); },
                            nullptr);
}

absl::StatusOr<Download> RetryingApi::OpenDownload(const DownloadRequest& request) {
  return Run<Download>(Endpoint::kDownload, [&] { return inner_->OpenDownload(request); },
                       nullptr);
}

absl::StatusOr<FileList> RetryingApi::ListFiles(const FileListRequest& request) {
  return Run<FileList>(Endpoint::kFileLs, [&] { return inner_->ListFiles(request); }, nullptr);
}

absl::StatusOr<FileInfo> RetryingApi::GetFileInfo(const FileInfoRequest& request) {
  return Run<FileInfo>(Endpoint::kFileInfo, [&] { return inner_->GetFileInfo(request); },
                       nullptr);
}

absl::StatusOr<RemoveFilesResult> RetryingApi::RemoveFiles(const std::vector<RemoveFile>& files) {
  return Run<RemoveFilesResult>(Endpoint::kFileRm, [&] { return inner_->RemoveFiles(files); },
                                Bind(checks_.remove_files, files));
}

absl::StatusOr<MoveFilesResult> RetryingApi::MoveFiles(const MoveFilesRequest& request) {
  return Run<MoveFilesResult>(Endpoint::kFileMv, [&] { return inner_->MoveFiles(request); },
                              Bind(checks_.move_files, request));
}

absl::StatusOr<CopyFilesResult> RetryingApi::CopyFiles(const CopyFilesRequest& request) {
  return Run<CopyFilesResult>(Endpoint::kFileCp, [&] { return inner_->CopyFiles(request); },
                              Bind(checks_.copy_files, request));
}

absl::StatusOr<RenameFilesResult> RetryingApi::RenameFiles(const std::vector<RenameFile>& files) {
  return Run<RenameFilesResult>(Endpoint::kFileRename,
                                [&] { return inner_->RenameFiles(files); },
                                Bind(checks_.rename_files, files));
}

absl::StatusOr<FolderList> RetryingApi::ListFolder(const FolderListRequest& request) {
  return Run<FolderList>(Endpoint::kFolderLs, [&] { return inner_->ListFolder(request); },
                         nullptr);
}

absl::StatusOr<MkdirResult> RetryingApi::CreateFolder(const MkdirRequest& request) {
  return Run<MkdirResult>(Endpoint::kFolderMkdir, [&] { return inner_->CreateFolder(request); },
                          Bind(checks_.create_folder, request));
}

absl::StatusOr<FolderRemoveResult> RetryingApi::RemoveFolder(int64_t folder_id) {
  return Run<FolderRemoveResult>(Endpoint::kFolderRm,
                                 [&] { return inner_->RemoveFolder(folder_id); },
                                 Bind(checks_.remove_folder, folder_id));
}

absl::StatusOr<FolderMoveResult> RetryingApi::MoveFolder(const FolderMoveRequest& request) {
  return Run<FolderMoveResult>(Endpoint::kFolderMv, [&] { return inner_->MoveFolder(request); },
                               Bind(checks_.move_folder, request));
}

absl::StatusOr<UserInfo> RetryingApi::GetUserInfo() {
  return Run<UserInfo>(Endpoint::kUserInfo, [&] { return inner_->GetUserInfo(); }, nullptr);
}

absl::StatusOr<RemoteUploadJob> RetryingApi::RequestRemoteUpload(
    const RemoteUploadRequest& request) {
  return Run<RemoteUploadJob>(Endpoint::kRemoteRequest,
                              [&] { return inner_->RequestRemoteUpload(request); },
                              Bind(checks_.request_remote_upload, request));
}

absl::StatusOr<std::vector<RemoteUploadJob>> RetryingApi::ListRemoteUploads() {
  return Run<std::vector<RemoteUploadJob>>(Endpoint::kRemoteLs,
                                           [&] { return inner_->ListRemoteUploads(); }, nullptr);
}

absl::StatusOr<RemoteUploadInfo> RetryingApi::GetRemoteUploadInfo(int64_t id) {
  return Run<RemoteUploadInfo>(Endpoint::kRemoteInfo,
                               [&] { return inner_->GetRemoteUploadInfo(id); }, nullptr);
}

absl::StatusOr<std::vector<SharedFile>> RetryingApi::ListSharedFolder(
    const SharedFolderRequest& request) {
  return Run<std::vector<SharedFile>>(Endpoint::kSharedFolderLs,
                                      [&] { return inner_->ListSharedFolder(request); }, nullptr);
}

}  // namespace backend::fichier
