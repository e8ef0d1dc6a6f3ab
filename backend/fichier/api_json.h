// Parsing of the service's answers: each body is walked once with simdjson's ondemand API,
// member by member (order-independent, unknown members skipped). The `status` and `message`
// members of the envelope are collected on the way for StatusFromAnswer. Numbers are accepted
// as JSON numbers or numeric strings (spec section 2.5), `null` means absent.
#ifndef FICHIER_BACKEND_FICHIER_API_JSON_H_
#define FICHIER_BACKEND_FICHIER_API_JSON_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "backend/fichier/api_types.h"

namespace backend::fichier {

struct Envelope {
  bool has_status = false;
  std::string status;
  std::string message;
};

// Each parser fills `out` and `envelope`; a non-OK status means the body is not the JSON
// expected (the caller reports it as a malformed answer).
absl::Status ParseEnvelopeOnly(std::string_view body, Envelope& envelope);
absl::Status ParseUploadServer(std::string_view body, Envelope& envelope, UploadServer& out);
absl::Status ParseUploadReport(std::string_view body, Envelope& envelope, UploadReport& out);
absl::Status ParseDownloadToken(std::string_view body, Envelope& envelope, DownloadToken& out);
absl::Status ParseFileList(std::string_view body, Envelope& envelope, FileList& out);
absl::Status ParseFileInfo(std::string_view body, Envelope& envelope, FileInfo& out);
absl::Status ParseRemoveFiles(std::string_view body, Envelope& envelope, RemoveFilesResult& out);
absl::Status ParseMoveFiles(std::string_view body, Envelope& envelope, MoveFilesResult& out);
absl::Status ParseCopyFiles(std::string_view body, Envelope& envelope, CopyFilesResult& out);
absl::Status ParseRenameFiles(std::string_view body, Envelope& envelope, RenameFilesResult& out);
absl::Status ParseFolderList(std::string_view body, Envelope& envelope, FolderList& out);
absl::Status ParseMkdir(std::string_view body, Envelope& envelope, MkdirResult& out);
absl::Status ParseFolderRemove(std::string_view body, Envelope& envelope,
                               FolderRemoveResult& out);
absl::Status ParseFolderMove(std::string_view body, Envelope& envelope, FolderMoveResult& out);
absl::Status ParseUserInfo(std::string_view body, Envelope& envelope, UserInfo& out);
absl::Status ParseRemoteUploadJob(std::string_view body, Envelope& envelope,
                                  RemoteUploadJob& out);
absl::Status ParseRemoteUploadJobs(std::string_view body, Envelope& envelope,
                                   std::vector<RemoteUploadJob>& out);
absl::Status ParseRemoteUploadInfo(std::string_view body, Envelope& envelope,
                                   RemoteUploadInfo& out);
// The shared-folder listing is a top-level array (no envelope).
absl::Status ParseSharedFolder(std::string_view body, std::vector<SharedFile>& out);

}  // namespace backend::fichier

#endif  // FICHIER_BACKEND_FICHIER_API_JSON_H_
