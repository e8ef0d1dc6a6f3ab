// Turns libcurl failures into statuses and records whether the request can have reached the
// server, which is what decides if a non-idempotent call may be repeated blindly.
#ifndef FICHIER_BACKEND_REST_TRANSPORT_ERROR_H_
#define FICHIER_BACKEND_REST_TRANSPORT_ERROR_H_

#include <cstddef>
#include <string_view>

#include "absl/status/status.h"

namespace backend::rest {

// Maps a CURLcode (passed as int so this header does not pull in curl.h) to a status:
// Unavailable for failures worth retrying (connect, reset, timeout, broken TLS record...),
// FailedPrecondition for certificate problems, InvalidArgument for bad URLs and options,
// Internal otherwise. `what` (e.g. "POST https://host/path") and curl's own detail go into the
// message; headers never do. Failures that happen before any byte of the request is written
// (DNS, connect, TLS handshake) are marked with MarkNotSent().
absl::Status TransportStatus(int curl_code, std::string_view what, std::string_view detail);

// An answer longer than the client's cap: a bad answer (OutOfRange), never a flood nor a
// transient failure, so it is not paused for nor retried.
absl::Status OversizedAnswer(std::string_view what, size_t max_bytes);

// True if the request certainly never reached the server, so repeating it cannot duplicate an
// effect. Statuses without the mark are "maybe sent".
bool WasNotSent(const absl::Status& status);
void MarkNotSent(absl::Status& status);

// HTTP statuses worth retrying for any JSON API: 408, 425, 429, 500, 502, 503, 504, 509.
bool IsRetryableHttpStatus(int http_status);

}  // namespace backend::rest

#endif  // FICHIER_BACKEND_REST_TRANSPORT_ERROR_H_
