#include "backend/fichier/idempotency.h"

namespace backend::fichier {

Idempotency IdempotencyOf(Endpoint endpoint) {
  switch (endpoint) {
    case Endpoint::kGetUploadServer:  // each call hands out a fresh id; unused ids expire
    case Endpoint::kEndUpload:
    case Endpoint::kGetToken:
    case Endpoint::kDownload:
    case Endpoint::kFileLs:
    case Endpoint::kFileInfo:
    case Endpoint::kFolderLs:
    case Endpoint::kUserInfo:
    case Endpoint::kRemoteLs:
    case Endpoint::kRemoteInfo:
    case Endpoint::kSharedFolderLs:
      return Idempotency::kSafe;
    case Endpoint::kFileRm:
    case Endpoint::kFileMv:
    case Endpoint::kFileCp:
    case Endpoint::kFileRename:
    case Endpoint::kFolderMkdir:
    case Endpoint::kFolderRm:
    case Endpoint::kFolderMv:
    case Endpoint::kRemoteRequest:
      return Idempotency::kCheckFirst;
    case Endpoint::kUpload:
      return Idempotency::kNever;
  }
  return Idempotency::kNever;
}

}  // namespace backend::fichier
