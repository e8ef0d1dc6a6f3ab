// Which calls may be repeated after a failure whose outcome is unknown (a timeout, a reset, a
// 5xx: the server may have acted). Reads and token requests can be repeated freely. Changes
// are repeated only after the fs layer has checked that the first attempt did not take effect;
// an upload is never repeated here, since its body has been consumed.
#ifndef FICHIER_BACKEND_FICHIER_IDEMPOTENCY_H_
#define FICHIER_BACKEND_FICHIER_IDEMPOTENCY_H_

#include "backend/fichier/api_endpoint.h"

namespace backend::fichier {

enum class Idempotency {
  kSafe,        // listings, info, tokens, end.pl, downloads: repeat at will
  kCheckFirst,  // rm, mv, cp, rename, mkdir, folder rm/mv, remote request
  kNever,       // upload.cgi: only repeated when the request certainly never left
};

Idempotency IdempotencyOf(Endpoint endpoint);

}  // namespace backend::fichier

#endif  // FICHIER_BACKEND_FICHIER_IDEMPOTENCY_H_
