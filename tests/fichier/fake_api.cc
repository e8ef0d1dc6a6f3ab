#include "tests/fichier/fake_api.h"

#include <algorithm>

#include "hash/whirlpool.h"
#include "tests/support/string_byte_source.h"

namespace fichier_test {
using test_support::StringByteSource;

namespace {
// The service's answer for a URL or folder id it does not know.
absl::Status NotFound() { return absl::NotFoundError("Resource not found #469"); }
}  // namespace

int64_t FakeApi::Calls(const std::string& name) {
  absl::MutexLock lock(&mu);
  return std::count(calls.begin(), calls.end(), name);
}

int64_t FakeApi::TotalCalls() {
  absl::MutexLock lock(&mu);
  return static_cast<int64_t>(calls.size());
}

std::string FakeApi::AddFile(int64_t folder, const std::string& filename,
                             const std::string& content, const std::string& date) {
  absl::MutexLock lock(&mu);
  std::string url = NewFileUrl();
  files[url] = File{url, filename, content, date, folder};
  return url;
}

int64_t FakeApi::AddFolder(int64_t parent, const std::string& name) {
  absl::MutexLock lock(&mu);
  return NewFolder(parent, name);
}

std::string FakeApi::NewFileUrl() {
  return "https://1fichier.com/?f" + std::to_string(next_file++);
}

int64_t FakeApi::NewFolder(int64_t parent, const std::string& name) {
  int64_t id = next_id++;
  folders[id] = Folder{parent, name};
  return id;
}

FileItem FakeApi::ItemOf(const File& f) const {
  FileItem item;
  item.url = f.url;
  item.filename = f.filename;
  item.size = static_cast<int64_t>(f.content.size());
  item.date = f.date;
  item.checksum = hash::WhirlpoolHex(f.content);
  item.content_type = "application/octet-stream";
  return item;
}

std::vector<FileItem> FakeApi::ItemsIn(int64_t folder) const {
  std::vector<FileItem> items;
  for (const auto& [url, f] : files) {
    if (f.folder == folder) items.push_back(ItemOf(f));
  }
  return items;
}

absl::StatusOr<UploadServer> FakeApi::GetUploadServer() {
  absl::MutexLock lock(&mu);
  calls.push_back("get_upload_server");
  return UploadServer{"node.test", "up" + std::to_string(next_id++)};
}

absl::StatusOr<UploadReceipt> FakeApi::Upload(const UploadRequest& request) {
  {
    absl::MutexLock lock(&mu);
    calls.push_back("upload");
  }
  std::vector<File> stored;
  for (const UploadFile& part : request.files) {
    std::string content;
    uint8_t buffer[4096];
    for (;;) {
      absl::StatusOr<size_t> n = part.source->Read(std::span<uint8_t>(buffer, sizeof buffer));
      if (!n.ok()) return n.status();
      if (*n == 0) break;
      content.append(reinterpret_cast<const char*>(buffer), *n);
    }
    if (static_cast<int64_t>(content.size()) != part.size) {
      return absl::InvalidArgumentError("size mismatch");
    }
    stored.push_back(File{"", part.filename, content, "2026-03-01 12:00:00",
                          request.folder_id.value_or(0)});
  }
  absl::MutexLock lock(&mu);
  for (File& f : stored) {
    f.url = NewFileUrl();
    files[f.url] = f;
    uploaded_names.push_back(f.filename);
  }
  sessions[request.id] = stored;
  return UploadReceipt{request.id};
}

absl::StatusOr<UploadReport> FakeApi::EndUpload(const std::string&, const std::string& xid) {
  absl::MutexLock lock(&mu);
  calls.push_back("end");
  UploadReport report;
  for (const File& f : sessions[xid]) {
    UploadedLink link;
    link.download = f.url;
    link.filename = f.filename;
    link.size = static_cast<int64_t>(f.content.size());
    link.whirlpool = corrupt_whirlpool ? hash::WhirlpoolHex(f.content + "x")
                                       : hash::WhirlpoolHex(f.content);
    report.links.push_back(link);
  }
  return report;
}

absl::StatusOr<DownloadToken> FakeApi::GetToken(const TokenRequest& request) {
  absl::MutexLock lock(&mu);
  calls.push_back("get_token");
  token_passwords.push_back(request.password);
  token_singles.push_back(request.single);
  if (!files.contains(request.url)) return NotFound();
  return DownloadToken{"token:" + request.url};
}

absl::StatusOr<Download> FakeApi::OpenDownload(const DownloadRequest& request) {
  absl::MutexLock lock(&mu);
  calls.push_back("download");
  if (refuse_downloads > 0) {
    --refuse_downloads;
    return absl::PermissionDeniedError("download: HTTP 403");
  }
  auto it = files.find(request.url.substr(6));
  if (it == files.end()) return absl::NotFoundError("gone");
  std::string body = it->second.content;
  if (request.range.has_value()) {
    size_t first = static_cast<size_t>(request.range->first);
    size_t last = request.range->last.has_value() ? static_cast<size_t>(*request.range->last)
                                                  : body.size() - 1;
    body = body.substr(first, last - first + 1);
  }
  Download d;
  d.size = static_cast<int64_t>(body.size());
  d.status_code = request.range.has_value() ? 206 : 200;
  d.body = std::make_unique<StringByteSource>(std::move(body));
  return d;
}

absl::StatusOr<FileList> FakeApi::ListFiles(const FileListRequest& request) {
  absl::MutexLock lock(&mu);
  calls.push_back("file_ls");
  FileList out;
  out.items = ItemsIn(request.folder_id);
  out.count = static_cast<int64_t>(out.items.size());
  return out;
}

absl::StatusOr<FileInfo> FakeApi::GetFileInfo(const FileInfoRequest& request) {
  absl::MutexLock lock(&mu);
  calls.push_back("file_info");
  auto it = files.find(request.url);
  if (it == files.end()) return NotFound();
  FileInfo info;
  FileItem item = ItemOf(it->second);
  info.url = item.url;
  info.filename = item.filename;
  info.size = item.size;
  info.checksum = item.checksum;
  info.folder_id = it->second.folder;
  return info;
}

absl::StatusOr<RemoveFilesResult> FakeApi::RemoveFiles(const std::vector<RemoveFile>& list) {
  absl::MutexLock lock(&mu);
  calls.push_back("file_rm");
  RemoveFilesResult result;
  for (const RemoveFile& f : list) {
    removed_urls.push_back(f.url);
    result.removed += static_cast<int64_t>(files.erase(f.url));
  }
  if (result.removed == 0) return NotFound();
  return result;
}

absl::StatusOr<MoveFilesResult> FakeApi::MoveFiles(const MoveFilesRequest& request) {
  absl::MutexLock lock(&mu);
  calls.push_back("file_mv");
  mv_renames.push_back(request.rename);
  MoveFilesResult result;
  for (const std::string& url : request.urls) {
    auto it = files.find(url);
    if (it == files.end()) return NotFound();
    it->second.folder = request.destination_folder_id;
    if (!request.rename.empty()) it->second.filename = request.rename;
    result.urls.push_back(url);
  }
  result.moved = static_cast<int64_t>(request.urls.size());
  return result;
}

absl::StatusOr<CopyFilesResult> FakeApi::CopyFiles(const CopyFilesRequest& request) {
  absl::MutexLock lock(&mu);
  calls.push_back("file_cp");
  cp_renames.push_back(request.rename);
  cp_passwords.push_back(request.password);
  CopyFilesResult result;
  // All or nothing, as the emulator does (the real service's partial behaviour is unknown).
  for (const std::string& url : request.urls) {
    if (files.count(url) == 0) return NotFound();
  }
  for (const std::string& url : request.urls) {
    auto it = files.find(url);
    File copy = it->second;
    copy.url = NewFileUrl();
    copy.folder = request.folder_id;
    if (!request.rename.empty()) copy.filename = request.rename;
    files[copy.url] = copy;
    result.urls.push_back(CopiedFile{url, copy.url});
  }
  result.copied = static_cast<int64_t>(result.urls.size());
  return result;
}

absl::StatusOr<RenameFilesResult> FakeApi::RenameFiles(const std::vector<RenameFile>& list) {
  absl::MutexLock lock(&mu);
  calls.push_back("file_rename");
  RenameFilesResult result;
  for (const RenameFile& r : list) {
    rename_names.push_back(r.filename);
    auto it = files.find(r.url);
    if (it == files.end()) return NotFound();
    if (it->second.filename == r.filename) return absl::InvalidArgumentError("nothing renamed #312");
    it->second.filename = r.filename;
    ++result.renamed;
  }
  return result;
}

absl::StatusOr<FolderList> FakeApi::ListFolder(const FolderListRequest& request) {
  absl::MutexLock lock(&mu);
  calls.push_back("folder_ls");
  if (request.folder_id != 0 && !folders.contains(request.folder_id)) {
    return NotFound();
  }
  FolderList out;
  out.folder_id = request.folder_id;
  for (const auto& [id, f] : folders) {
    if (f.parent == request.folder_id) {
      out.sub_folders.push_back(SubFolder{id, f.name, "2026-01-01 10:00:00", 0});
    }
  }
  if (request.files) {
    out.items = ItemsIn(request.folder_id);
    if (shuffle_listing) std::reverse(out.items.begin(), out.items.end());
  }
  return out;
}

absl::StatusOr<MkdirResult> FakeApi::CreateFolder(const MkdirRequest& request) {
  absl::MutexLock lock(&mu);
  calls.push_back("mkdir");
  mkdir_names.push_back(request.name);
  return MkdirResult{NewFolder(request.folder_id, request.name), request.name};
}

absl::StatusOr<FolderRemoveResult> FakeApi::RemoveFolder(int64_t folder_id) {
  absl::MutexLock lock(&mu);
  calls.push_back("folder_rm");
  if (!folders.contains(folder_id)) return NotFound();
  for (const auto& [id, f] : folders) {
    if (f.parent == folder_id) return absl::FailedPreconditionError("Folder not empty");
  }
  for (const auto& [url, f] : files) {
    if (f.folder == folder_id) return absl::FailedPreconditionError("Folder not empty");
  }
  folders.erase(folder_id);
  return FolderRemoveResult{"ok"};
}

absl::StatusOr<FolderMoveResult> FakeApi::MoveFolder(const FolderMoveRequest& request) {
  absl::MutexLock lock(&mu);
  calls.push_back("folder_mv");
  auto it = folders.find(request.folder_id);
  if (it == folders.end()) return NotFound();
  if (!request.rename.empty()) {
    folder_renames.push_back(request.rename);
    it->second.name = request.rename;
  } else {
    it->second.parent = request.destination_folder_id.value_or(0);
  }
  return FolderMoveResult{"ok", "", ""};
}

absl::StatusOr<UserInfo> FakeApi::GetUserInfo() {
  absl::MutexLock lock(&mu);
  calls.push_back("user_info");
  UserInfo info;
  info.cold_storage = 1000;
  info.available_cold_storage = 5000;
  return info;
}

absl::StatusOr<RemoteUploadJob> FakeApi::RequestRemoteUpload(const RemoteUploadRequest&) {
  return absl::UnimplementedError("fake");
}
absl::StatusOr<std::vector<RemoteUploadJob>> FakeApi::ListRemoteUploads() {
  return absl::UnimplementedError("fake");
}
absl::StatusOr<RemoteUploadInfo> FakeApi::GetRemoteUploadInfo(int64_t) {
  return absl::UnimplementedError("fake");
}
absl::StatusOr<std::vector<SharedFile>> FakeApi::ListSharedFolder(const SharedFolderRequest&) {
  return absl::UnimplementedError("fake");
}

}  // namespace fichier_test
