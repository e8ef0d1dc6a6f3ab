// The single place where an answer of the service becomes a status. Everything the catalogue
// (spec/fichier-api.md section 3) knows is here: the `#NNN` codes, the message texts, the HTTP
// statuses, and answers that are not JSON at all. When vfs/errors.h lands, its helpers replace
// the bare absl codes below without touching callers.
//
//   flood (#374 #412 #38 #223, "Flood detected")     -> ResourceExhausted  (pause, then retry)
//   not authenticated #247, no such user #93 #142     -> Unauthenticated    (fatal)
//   IP blocked #186, not premium #200 #236, #620,
//     #631 / passwords, #887, #913 (CDN needed)       -> PermissionDenied   (fatal)
//   resource not found #469, HTTP 404 / 410           -> NotFound
//   "already exists"                                  -> AlreadyExists
//   "not empty"                                       -> FailedPrecondition
//   bad request #1, HTTP 400, #312 nothing renamed    -> InvalidArgument
//   HTML or unparsable answer with 2xx, HTTP 5xx, 408 -> Unavailable        (retryable)
#ifndef FICHIER_BACKEND_FICHIER_API_ERROR_H_
#define FICHIER_BACKEND_FICHIER_API_ERROR_H_

#include <optional>
#include <string_view>

#include "absl/status/status.h"

namespace backend::fichier {

enum class AnswerFormat {
  kJson,       // parsed; `status` and `message` as found
  kHtml,       // a web page where JSON was expected
  kMalformed,  // claimed or looked like JSON but did not parse
};

struct Answer {
  std::string_view endpoint;  // EndpointName(...)
  int http_status = 0;
  AnswerFormat format = AnswerFormat::kJson;
  bool has_status = false;    // the body had a `status` key
  std::string_view status;    // its value ("OK", "KO")
  std::string_view message;   // `message` of a KO answer
};

// OK when the call succeeded: 2xx AND JSON AND (no `status` OR `status == "OK"`). Otherwise a
// status whose message names the endpoint, quotes the server's message, and tells the user what
// to do for the permanent kinds. Never includes request headers or bodies.
absl::Status StatusFromAnswer(const Answer& answer);

// The `#NNN` carried by a status built above, if any.
std::optional<int> FichierErrorCode(const absl::Status& status);
// True if the status came from a non-JSON (HTML) answer.
bool IsHtmlAnswer(const absl::Status& status);
// Parses the last "#NNN" of a message.
std::optional<int> ParseErrorCode(std::string_view message);

}  // namespace backend::fichier

#endif  // FICHIER_BACKEND_FICHIER_API_ERROR_H_
