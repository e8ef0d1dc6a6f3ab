// Every request the fichier backend can make, named as on the wire. Used to count calls (the
// scarce resource), to pick the retry rule of each call, and in messages.
#ifndef FICHIER_BACKEND_FICHIER_API_ENDPOINT_H_
#define FICHIER_BACKEND_FICHIER_API_ENDPOINT_H_

#include <array>
#include <cstddef>
#include <string_view>

namespace backend::fichier {

enum class Endpoint {
  kGetUploadServer,  // upload/get_upload_server.cgi
  kUpload,           // <node>/upload.cgi
  kEndUpload,        // <node>/end.pl
  kGetToken,         // download/get_token.cgi
  kDownload,         // GET of a token URL
  kFileLs,
  kFileInfo,
  kFileRm,
  kFileMv,
  kFileCp,
  kFileRename,
  kFolderLs,
  kFolderMkdir,
  kFolderRm,
  kFolderMv,
  kUserInfo,
  kRemoteRequest,
  kRemoteLs,
  kRemoteInfo,
  kSharedFolderLs,  // https://1fichier.com/dir/<id>?json=1
};

inline constexpr size_t kEndpointCount = static_cast<size_t>(Endpoint::kSharedFolderLs) + 1;

// "file/ls.cgi", "upload.cgi", "end.pl", "download", "dir" ...
std::string_view EndpointName(Endpoint endpoint);

}  // namespace backend::fichier

#endif  // FICHIER_BACKEND_FICHIER_API_ENDPOINT_H_
