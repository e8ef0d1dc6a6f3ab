// An in-memory stand-in for the 1fichier API: enough of the service's behaviour (folders,
// files with duplicates, upload sessions, tokens) for the fs/object layer's logic, plus a record
// of every call and of the fields that matter to the tests (names, passwords, URLs).
#ifndef FICHIER_TESTS_FICHIER_FAKE_API_H_
#define FICHIER_TESTS_FICHIER_FAKE_API_H_

#include <map>
#include <string>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "backend/fichier/api.h"

namespace fichier_test {

using namespace backend::fichier;  // NOLINT: test helper

class FakeApi : public Api {
 public:
  struct File {
    std::string url, filename, content, date;
    int64_t folder = 0;
  };
  struct Folder {
    int64_t parent = 0;
    std::string name;
  };

  // State and records; tests read them directly (under no concurrency) or via calls().
  absl::Mutex mu;
  std::map<int64_t, Folder> folders;  // 0 (root) is implicit
  std::map<std::string, File> files;  // by url
  std::vector<std::string> calls;
  std::vector<std::string> uploaded_names, mkdir_names, rename_names, mv_renames, cp_renames,
      folder_renames, token_passwords, cp_passwords, removed_urls;
  std::vector<bool> token_singles;  // `single` of every get_token
  int refuse_downloads = 0;  // the next N downloads answer 403 (an expired or revoked token)
  bool corrupt_whirlpool = false;
  bool shuffle_listing = false;  // reverse the order of items
  int64_t next_id = 1000;
  int next_file = 0;
  std::map<std::string, std::vector<File>> sessions;  // upload id -> files

  int64_t Calls(const std::string& name);
  int64_t TotalCalls();
  std::string AddFile(int64_t folder, const std::string& filename, const std::string& content,
                      const std::string& date);
  int64_t AddFolder(int64_t parent, const std::string& name);

  absl::StatusOr<UploadServer> GetUploadServer() override;
  absl::StatusOr<UploadReceipt> Upload(const UploadRequest& request) override;
  absl::StatusOr<UploadReport> EndUpload(const std::string& node, const std::string& xid) override;
  absl::StatusOr<DownloadToken> GetToken(const TokenRequest& request) override;
  absl::StatusOr<Download> OpenDownload(const DownloadRequest& request) override;
  absl::StatusOr<FileList> ListFiles(const FileListRequest& request) override;
  absl::StatusOr<FileInfo> GetFileInfo(const FileInfoRequest& request) override;
  absl::StatusOr<RemoveFilesResult> RemoveFiles(const std::vector<RemoveFile>& files) override;
  absl::StatusOr<MoveFilesResult> MoveFiles(const MoveFilesRequest& request) override;
  absl::StatusOr<CopyFilesResult> CopyFiles(const CopyFilesRequest& request) override;
  absl::StatusOr<RenameFilesResult> RenameFiles(const std::vector<RenameFile>& files) override;
  absl::StatusOr<FolderList> ListFolder(const FolderListRequest& request) override;
  absl::StatusOr<MkdirResult> CreateFolder(const MkdirRequest& request) override;
  absl::StatusOr<FolderRemoveResult> RemoveFolder(int64_t folder_id) override;
  absl::StatusOr<FolderMoveResult> MoveFolder(const FolderMoveRequest& request) override;
  absl::StatusOr<UserInfo> GetUserInfo() override;
  absl::StatusOr<RemoteUploadJob> RequestRemoteUpload(const RemoteUploadRequest&) override {
    return absl::UnimplementedError("fake");
  }
  absl::StatusOr<std::vector<RemoteUploadJob>> ListRemoteUploads() override {
    return absl::UnimplementedError("fake");
  }
  absl::StatusOr<RemoteUploadInfo> GetRemoteUploadInfo(int64_t) override {
    return absl::UnimplementedError("fake");
  }
  absl::StatusOr<std::vector<SharedFile>> ListSharedFolder(const SharedFolderRequest&) override {
    return absl::UnimplementedError("fake");
  }

 private:
  FileItem ItemOf(const File& f) const;
};

}  // namespace fichier_test

#endif  // FICHIER_TESTS_FICHIER_FAKE_API_H_
