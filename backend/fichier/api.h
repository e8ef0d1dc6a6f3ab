// The fichier API as an interface: one method per endpoint, typed in and out. RestApi talks to
// the service; RetryingApi wraps any Api with pacing and retries; tests substitute fakes. The
// fs/object layer only sees this interface.
#ifndef FICHIER_BACKEND_FICHIER_API_H_
#define FICHIER_BACKEND_FICHIER_API_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "backend/fichier/api_types.h"

namespace backend::fichier {

class Api {
 public:
  virtual ~Api() = default;

  virtual absl::StatusOr<UploadServer> GetUploadServer() = 0;
  // Streams every file part; consumes the sources.
  virtual absl::StatusOr<UploadReceipt> Upload(const UploadRequest& request) = 0;
  // Unavailable (retryable) while the node answers HTML or no links yet.
  virtual absl::StatusOr<UploadReport> EndUpload(const std::string& node,
                                                 const std::string& xid) = 0;

  virtual absl::StatusOr<DownloadToken> GetToken(const TokenRequest& request) = 0;
  virtual absl::StatusOr<Download> OpenDownload(const DownloadRequest& request) = 0;

  virtual absl::StatusOr<FileList> ListFiles(const FileListRequest& request) = 0;
  virtual absl::StatusOr<FileInfo> GetFileInfo(const FileInfoRequest& request) = 0;
  virtual absl::StatusOr<RemoveFilesResult> RemoveFiles(const std::vector<RemoveFile>& files) = 0;
  virtual absl::StatusOr<MoveFilesResult> MoveFiles(const MoveFilesRequest& request) = 0;
  virtual absl::StatusOr<CopyFilesResult> CopyFiles(const CopyFilesRequest& request) = 0;
  virtual absl::StatusOr<RenameFilesResult> RenameFiles(const std::vector<RenameFile>& files) = 0;

  virtual absl::StatusOr<FolderList> ListFolder(const FolderListRequest& request) = 0;
  virtual absl::StatusOr<MkdirResult> CreateFolder(const MkdirRequest& request) = 0;
  virtual absl::StatusOr<FolderRemoveResult> RemoveFolder(int64_t folder_id) = 0;
  virtual absl::StatusOr<FolderMoveResult> MoveFolder(const FolderMoveRequest& request) = 0;

  virtual absl::StatusOr<UserInfo> GetUserInfo() = 0;

  virtual absl::StatusOr<RemoteUploadJob> RequestRemoteUpload(
      const RemoteUploadRequest& request) = 0;
  virtual absl::StatusOr<std::vector<RemoteUploadJob>> ListRemoteUploads() = 0;
  virtual absl::StatusOr<RemoteUploadInfo> GetRemoteUploadInfo(int64_t id) = 0;

  virtual absl::StatusOr<std::vector<SharedFile>> ListSharedFolder(
      const SharedFolderRequest& request) = 0;
};

// Every endpoint of Api, declared `override`: the body of each implementation's class, so the
// list of endpoints is written once.
#define FICHIER_API_OVERRIDES                                                                   \
  absl::StatusOr<UploadServer> GetUploadServer() override;                                      \
  absl::StatusOr<UploadReceipt> Upload(const UploadRequest& request) override;                  \
  absl::StatusOr<UploadReport> EndUpload(const std::string& node, const std::string& xid)       \
      override;                                                                                 \
  absl::StatusOr<DownloadToken> GetToken(const TokenRequest& request) override;                 \
  absl::StatusOr<Download> OpenDownload(const DownloadRequest& request) override;               \
  absl::StatusOr<FileList> ListFiles(const FileListRequest& request) override;                  \
  absl::StatusOr<FileInfo> GetFileInfo(const FileInfoRequest& request) override;                \
  absl::StatusOr<RemoveFilesResult> RemoveFiles(const std::vector<RemoveFile>& files) override; \
  absl::StatusOr<MoveFilesResult> MoveFiles(const MoveFilesRequest& request) override;          \
  absl::StatusOr<CopyFilesResult> CopyFiles(const CopyFilesRequest& request) override;          \
  absl::StatusOr<RenameFilesResult> RenameFiles(const std::vector<RenameFile>& files) override; \
  absl::StatusOr<FolderList> ListFolder(const FolderListRequest& request) override;             \
  absl::StatusOr<MkdirResult> CreateFolder(const MkdirRequest& request) override;               \
  absl::StatusOr<FolderRemoveResult> RemoveFolder(int64_t folder_id) override;                  \
  absl::StatusOr<FolderMoveResult> MoveFolder(const FolderMoveRequest& request) override;       \
  absl::StatusOr<UserInfo> GetUserInfo() override;                                              \
  absl::StatusOr<RemoteUploadJob> RequestRemoteUpload(const RemoteUploadRequest& request)       \
      override;                                                                                 \
  absl::StatusOr<std::vector<RemoteUploadJob>> ListRemoteUploads() override;                    \
  absl::StatusOr<RemoteUploadInfo> GetRemoteUploadInfo(int64_t id) override;                    \
  absl::StatusOr<std::vector<SharedFile>> ListSharedFolder(const SharedFolderRequest& request)  \
      override;

}  // namespace backend::fichier

#endif  // FICHIER_BACKEND_FICHIER_API_H_
