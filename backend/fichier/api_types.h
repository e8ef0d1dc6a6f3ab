// Typed requests and answers of the 1fichier API (spec/fichier-api.md sections 5-10 and 13).
// Fields keep the wire names; numbers the service sometimes sends as strings arrive here as
// numbers. Dates stay strings ("YYYY-MM-DD HH:MM:SS", Europe/Paris): converting them is the
// fs layer's business.
#ifndef FICHIER_BACKEND_FICHIER_API_TYPES_H_
#define FICHIER_BACKEND_FICHIER_API_TYPES_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "backend/rest/byte_source.h"
#include "backend/rest/http_types.h"

namespace backend::fichier {

// ---- upload (section 5)
struct UploadServer {
  std::string url;  // node host[:port], no scheme
  std::string id;   // upload id, 10 alphanumerics
};

struct UploadFile {
  std::string filename;                 // stored name (already encoded)
  rest::ByteSource* source = nullptr;   // not owned; read once
  int64_t size = 0;                     // exact
};

struct UploadRequest {
  std::string node;                     // UploadServer::url
  std::string id;                       // UploadServer::id
  std::optional<int64_t> folder_id;     // `did`; absent = root
  std::vector<UploadFile> files;        // 1..500 `file[]` parts
};

struct UploadReceipt {
  std::string xid;  // from the 302 Location, else the id sent
};

struct UploadedLink {
  std::string download;   // file URL
  std::string filename;
  std::string remove;
  int64_t size = 0;       // a string on the wire
  std::string whirlpool;
};

struct UploadReport {
  int64_t incoming = 0;
  std::vector<UploadedLink> links;
};

// ---- downloads (section 6)
struct TokenRequest {
  std::string url;
  bool single = true;
  std::string password;  // file password, revealed; empty = none
  bool cdn = false;
};

struct DownloadToken {
  std::string url;
};

struct DownloadRequest {
  std::string url;  // DownloadToken::url
  std::optional<rest::ByteRange> range;
};

struct Download {
  std::unique_ptr<rest::ByteSource> body;
  std::optional<int64_t> size;  // bytes this response carries (Content-Length)
  int status_code = 0;          // 200 or 206
};

// ---- files (section 7)
struct FileItem {
  std::string url;
  std::string filename;
  int64_t size = 0;
  std::string date;
  std::string checksum;
  std::string content_type;
  int64_t pass = 0;
  int64_t acl = 0;
  int64_t cdn = 0;
};

struct FileListRequest {
  int64_t folder_id = 0;
  std::string sent_before;
  std::string sent_after;
};

struct FileList {
  int64_t count = 0;
  std::vector<FileItem> items;
};

struct FileInfoRequest {
  std::string url;
  std::string password;
};

struct FileInfo {
  std::string url;
  std::string filename;
  int64_t size = 0;
  std::string date;
  int64_t folder_id = 0;
  std::string path;
  std::string checksum;
  std::string content_type;  // `content-type` or `content_type`
  std::string description;
  int64_t pass = 0;
  int64_t no_ssl = 0;
  int64_t inline_ = 0;
  int64_t cdn = 0;
};

struct RemoveFile {
  std::string url;
  std::string code;  // removal code of an anonymous upload; empty = none
};

struct RemoveFilesResult {
  int64_t removed = 0;
};

struct MoveFilesRequest {
  std::vector<std::string> urls;
  int64_t destination_folder_id = 0;
  std::string rename;  // single URL only; empty = keep the name (sent only when non-empty)
};

struct MoveFilesResult {
  int64_t moved = 0;
  std::vector<std::string> urls;
  std::string filename;
};

struct CopyFilesRequest {
  std::vector<std::string> urls;
  int64_t folder_id = 0;
  std::string rename;    // single URL only
  std::string password;  // source's access password
};

struct CopiedFile {
  std::string from_url;
  std::string to_url;
};

struct CopyFilesResult {
  int64_t copied = 0;
  std::vector<CopiedFile> urls;
  std::string filename;
};

struct RenameFile {
  std::string url;
  std::string filename;
};

struct RenamedFile {
  std::string url;
  std::string old_filename;
  std::string new_filename;
};

struct RenameFilesResult {
  int64_t renamed = 0;
  std::vector<RenamedFile> urls;
};

// ---- folders (section 8)
struct SubFolder {
  int64_t id = 0;
  std::string name;
  std::string create_date;
  int64_t pass = 0;
};

struct FolderListRequest {
  int64_t folder_id = 0;
  bool files = true;  // also list the folder's files: one call instead of two
};

struct FolderList {
  int64_t folder_id = 0;
  std::string name;
  std::string create_date;
  int64_t pass = 0;
  std::string shared;
  int64_t files = 0;
  int64_t size = 0;
  std::vector<SubFolder> sub_folders;
  std::vector<FileItem> items;
};

struct MkdirRequest {
  std::string name;
  int64_t folder_id = 0;
};

struct MkdirResult {
  int64_t folder_id = 0;
  std::string name;
};

struct FolderRemoveResult {
  std::string message;
};

struct FolderMoveRequest {
  int64_t folder_id = 0;
  std::optional<int64_t> destination_folder_id;
  std::string rename;  // non-empty: rename in place (the service then ignores the destination)
};

struct FolderMoveResult {
  std::string message;
  std::string old_name;
  std::string new_name;
};

// ---- user (section 9)
struct UserInfo {
  std::string email;
  int64_t offer = 0;  // 0 free, 1 Premium, 2 Access, 3 Premium GOLD
  std::string subscription_end;
  int64_t hot_storage = 0;
  int64_t cold_storage = 0;            // used
  int64_t allowed_cold_storage = 0;
  int64_t available_cold_storage = 0;  // total
  int64_t available_storage = 0;
  int64_t overquota = 0;
  int64_t upload_forbidden = 0;
  std::string cdn;  // CDN credits in GB; number or string on the wire
};

// ---- remote upload (section 10)
struct RemoteUploadRequest {
  std::vector<std::string> urls;
  int64_t folder_id = 0;
  std::vector<std::pair<std::string, std::string>> headers;
};

struct RemoteUploadJob {
  int64_t id = 0;
  std::string request_date;
  std::string execution_date;  // empty until the job ran
};

struct RemoteUploadResult {
  std::string status;  // "OK" / "KO"
  std::string url;
  std::string download_link;
  std::string message;
};

struct RemoteUploadInfo {
  int64_t id = 0;
  std::string request_date;
  std::string execution_date;
  std::vector<std::string> links;
  std::vector<RemoteUploadResult> result;
};

// ---- public shared folder (section 13)
struct SharedFolderRequest {
  std::string folder;    // the id in https://1fichier.com/dir/<id>
  std::string password;  // revealed; empty = none
};

struct SharedFile {
  std::string filename;
  std::string link;
  int64_t size = 0;
};

}  // namespace backend::fichier

#endif  // FICHIER_BACKEND_FICHIER_API_TYPES_H_
