#include "backend/fichier/api_endpoint.h"

namespace backend::fichier {

std::string_view EndpointName(Endpoint endpoint) {
  switch (endpoint) {
    case Endpoint::kGetUploadServer: return "upload/get_upload_server.cgi";
    case Endpoint::kUpload: return "upload.cgi";
    case Endpoint::kEndUpload: return "end.pl";
    case Endpoint::kGetToken: return "download/get_token.cgi";
    case Endpoint::kDownload: return "download";
    case Endpoint::kFileLs: return "file/ls.cgi";
    case Endpoint::kFileInfo: return "file/info.cgi";
    case Endpoint::kFileRm: return "file/rm.cgi";
    case Endpoint::kFileMv: return "file/mv.cgi";
    case Endpoint::kFileCp: return "file/cp.cgi";
    case Endpoint::kFileRename: return "file/rename.cgi";
    case Endpoint::kFolderLs: return "folder/ls.cgi";
    case Endpoint::kFolderMkdir: return "folder/mkdir.cgi";
    case Endpoint::kFolderRm: return "folder/rm.cgi";
    case Endpoint::kFolderMv: return "folder/mv.cgi";
    case Endpoint::kUserInfo: return "user/info.cgi";
    case Endpoint::kRemoteRequest: return "remote/request.cgi";
    case Endpoint::kRemoteLs: return "remote/ls.cgi";
    case Endpoint::kRemoteInfo: return "remote/info.cgi";
    case Endpoint::kSharedFolderLs: return "dir";
  }
  return "unknown";
}

}  // namespace backend::fichier
