#include "backend/fichier/outcome_checks.h"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

namespace backend::fichier {

OutcomeChecks MakeOutcomeChecks(Api& api, Account& account) {
  Api* raw = &api;
  Account* acct = &account;
  OutcomeChecks checks;
  checks.remove_files = [raw](const std::vector<RemoveFile>& files)
      -> absl::StatusOr<std::optional<RemoveFilesResult>> {
    int64_t gone = 0;
    for (const RemoveFile& f : files) {
      absl::StatusOr<FileInfo> info = raw->GetFileInfo(FileInfoRequest{f.url, ""});
      if (info.ok()) return std::optional<RemoveFilesResult>();  // still there: repeat
      if (!absl::IsNotFound(info.status())) return info.status();
      ++gone;
    }
    return std::optional<RemoveFilesResult>(RemoveFilesResult{gone});
  };
  checks.rename_files = [raw](const std::vector<RenameFile>& files)
      -> absl::StatusOr<std::optional<RenameFilesResult>> {
    RenameFilesResult result;
    for (const RenameFile& f : files) {
      absl::StatusOr<FileInfo> info = raw->GetFileInfo(FileInfoRequest{f.url, ""});
      if (!info.ok()) return info.status();
      if (info->filename != f.filename) return std::optional<RenameFilesResult>();
      result.urls.push_back(RenamedFile{f.url, "", f.filename});
    }
    result.renamed = static_cast<int64_t>(files.size());
    return std::optional<RenameFilesResult>(result);
  };
  checks.move_files = [raw](const MoveFilesRequest& request)
      -> absl::StatusOr<std::optional<MoveFilesResult>> {
    MoveFilesResult result;
    for (const std::string& url : request.urls) {
      absl::StatusOr<FileInfo> info = raw->GetFileInfo(FileInfoRequest{url, ""});
      if (!info.ok()) return info.status();
      if (info->folder_id != request.destination_folder_id ||
          (!request.rename.empty() && info->filename != request.rename)) {
        return std::optional<MoveFilesResult>();
      }
      result.urls.push_back(url);
      result.filename = info->filename;
    }
    result.moved = static_cast<int64_t>(request.urls.size());
    return std::optional<MoveFilesResult>(result);
  };
  // A copy has a new URL: look in the destination for a file we did not know before with the
  // source's name (or the new one), size and Whirlpool.
  checks.copy_files = [raw, acct](const CopyFilesRequest& request)
      -> absl::StatusOr<std::optional<CopyFilesResult>> {
    absl::StatusOr<std::vector<FileItem>> fresh = acct->ListNewFiles(request.folder_id);
    if (!fresh.ok()) return fresh.status();
    CopyFilesResult result;
    std::vector<std::string> taken;
    for (const std::string& url : request.urls) {
      absl::StatusOr<FileInfo> source =
          raw->GetFileInfo(FileInfoRequest{url, request.password});
      if (!source.ok()) return source.status();
      const std::string& name = request.rename.empty() ? source->filename : request.rename;
      const FileItem* copy = nullptr;
      for (const FileItem& item : *fresh) {
        if (item.url != url && item.filename == name && item.size == source->size &&
            item.checksum == source->checksum &&
            std::find(taken.begin(), taken.end(), item.url) == taken.end()) {
          copy = &item;
          break;
        }
      }
      if (copy == nullptr) {
        // Nothing (or only part) was copied. Repeating a multi-file copy could duplicate
        // the part that was done, so only a single-file copy is repeated.
        if (!taken.empty() || request.urls.size() > 1) {
          return absl::UnknownError("file/cp.cgi: the copy may be partly done");
        }
        return std::optional<CopyFilesResult>();
      }
      taken.push_back(copy->url);
      result.urls.push_back(CopiedFile{url, copy->url});
      result.filename = copy->filename;
    }
    result.copied = static_cast<int64_t>(result.urls.size());
    return std::optional<CopyFilesResult>(result);
  };
  checks.create_folder = [raw](const MkdirRequest& request)
      -> absl::StatusOr<std::optional<MkdirResult>> {
    absl::StatusOr<FolderList> parent =
        raw->ListFolder(FolderListRequest{request.folder_id, false});
    if (!parent.ok()) return parent.status();
    for (const SubFolder& f : parent->sub_folders) {
      if (f.name == request.name) return std::optional<MkdirResult>(MkdirResult{f.id, f.name});
    }
    return std::optional<MkdirResult>();
  };
  checks.remove_folder = [raw](const int64_t& folder_id)
      -> absl::StatusOr<std::optional<FolderRemoveResult>> {
    absl::StatusOr<FolderList> folder = raw->ListFolder(FolderListRequest{folder_id, false});
    if (folder.ok()) return std::optional<FolderRemoveResult>();  // still there: repeat
    if (!absl::IsNotFound(folder.status())) return folder.status();
    return std::optional<FolderRemoveResult>(FolderRemoveResult{"Folder removed"});
  };
  checks.move_folder = [raw](const FolderMoveRequest& request)
      -> absl::StatusOr<std::optional<FolderMoveResult>> {
    if (!request.rename.empty()) {
      absl::StatusOr<FolderList> folder =
          raw->ListFolder(FolderListRequest{request.folder_id, false});
      if (!folder.ok()) return folder.status();
      if (folder->name != request.rename) return std::optional<FolderMoveResult>();
      return std::optional<FolderMoveResult>(FolderMoveResult{"Folder renamed", "", folder->name});
    }
    absl::StatusOr<FolderList> destination =
        raw->ListFolder(FolderListRequest{request.destination_folder_id.value_or(0), false});
    if (!destination.ok()) return destination.status();
    for (const SubFolder& f : destination->sub_folders) {
      if (f.id == request.folder_id) {
        return std::optional<FolderMoveResult>(FolderMoveResult{"Folder moved", f.name, f.name});
      }
    }
    return std::optional<FolderMoveResult>();
  };
  return checks;
}

}  // namespace backend::fichier
