// Server-side copies and moves with shared calls. file/cp.cgi and file/mv.cgi take many URLs
// for one destination folder as long as no file is renamed, so copies (or moves) into one
// folder that keep their names and arrive within the window go out as one call. A grouped
// call that fails is repeated file by file, so each caller gets its own file's answer.
#ifndef FICHIER_BACKEND_FICHIER_GROUPED_SERVER_SIDE_H_
#define FICHIER_BACKEND_FICHIER_GROUPED_SERVER_SIDE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "backend/fichier/api.h"
#include "backend/fichier/call_batcher.h"

namespace backend::fichier {

class GroupedServerSide {
 public:
  GroupedServerSide(Api& api, BatchLimits limits) : api_(api), copies_(limits), moves_(limits) {}

  // Copies the file at `url` into folder `folder_id`, keeping its name; returns the copy's URL.
  absl::StatusOr<std::string> Copy(const std::string& url, int64_t folder_id);
  // Moves the file at `url` into folder `folder_id`, keeping its name (and URL).
  absl::Status Move(const std::string& url, int64_t folder_id);

 private:
  struct PendingCopy {
    std::string url;
    absl::StatusOr<std::string> result = absl::UnknownError("not run");
  };
  struct PendingMove {
    std::string url;
    absl::Status result = absl::UnknownError("not run");
  };

  void RunCopies(int64_t folder_id, const std::vector<PendingCopy*>& members);
  void RunMoves(int64_t folder_id, const std::vector<PendingMove*>& members);

  Api& api_;
  CallBatcher<PendingCopy> copies_;  // keyed by destination folder
  CallBatcher<PendingMove> moves_;
};

}  // namespace backend::fichier

#endif  // FICHIER_BACKEND_FICHIER_GROUPED_SERVER_SIDE_H_
