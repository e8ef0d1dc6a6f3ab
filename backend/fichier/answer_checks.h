// What a successful answer must hold before anything uses it. The parser (api_json.h) accepts
// any well-formed JSON; these checks refuse the values that would otherwise turn into silent
// wrong behaviour.
// - CheckAnswer (run by RestApi on each OK answer): a negative size (which once turned download
//   verification off), a size no file can have, a file without URL, a checksum that is not a
//   Whirlpool, a folder id that is not positive. A failure is a bad answer (InvalidArgument:
//   not retried, not paused for) whose message escapes the server's text.
// - CheckListedName (run by the fs layer on each listed name, raw and decoded): an empty, "."
//   or ".." name (which would merge a folder into its parent), a name with '/' or NUL. Such an
//   entry is left out of the listing with an ERROR naming it: one odd name must not make a
//   whole folder unreadable.
#ifndef FICHIER_BACKEND_FICHIER_ANSWER_CHECKS_H_
#define FICHIER_BACKEND_FICHIER_ANSWER_CHECKS_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "backend/fichier/api_types.h"

namespace backend::fichier {

// Larger than any file the service can hold (uploads stop at 300 GB, spec 5.2): a listed size
// above it is a broken answer, not a file to download.
inline constexpr int64_t kLargestPlausibleSize = 10'000'000'000'000;

// `raw` as the service stores it, `decoded` as it becomes a path segment.
absl::Status CheckListedName(std::string_view raw, std::string_view decoded);
absl::Status CheckSize(std::string_view what, int64_t size);

absl::Status CheckAnswer(const FolderList& answer);
absl::Status CheckAnswer(const FileList& answer);
absl::Status CheckAnswer(const FileInfo& answer);
absl::Status CheckAnswer(const UploadReport& answer);
absl::Status CheckAnswer(const std::vector<SharedFile>& answer);
// Answers with nothing that could mislead.
template <typename T>
absl::Status CheckAnswer(const T&) {
  return absl::OkStatus();
}

}  // namespace backend::fichier

#endif  // FICHIER_BACKEND_FICHIER_ANSWER_CHECKS_H_
