// The retrying layer: wraps any Api (normally RestApi) so that every call waits its turn on the
// remote's pacer, and failed calls are retried within bounds according to the idempotency
// table. Changes whose first attempt may have taken effect are repeated only after an outcome
// check supplied by the fs layer says they did not (or are answered by what the check found).
#ifndef FICHIER_BACKEND_FICHIER_RETRYING_API_H_
#define FICHIER_BACKEND_FICHIER_RETRYING_API_H_

#include <functional>
#include <memory>
#include <optional>
#include <string_view>

#include "absl/status/statusor.h"
#include "backend/fichier/api.h"
#include "backend/fichier/api_endpoint.h"
#include "backend/rest/pacer.h"

namespace backend::fichier {

// Looks whether a change whose answer was lost happened anyway. Returns the result if it did,
// nullopt if it certainly did not (the call may be repeated), or an error if it cannot tell
// (the original failure is then reported).
template <typename Request, typename Result>
using OutcomeCheck = std::function<absl::StatusOr<std::optional<Result>>(const Request&)>;

struct OutcomeChecks {
  OutcomeCheck<std::vector<RemoveFile>, RemoveFilesResult> remove_files;
  OutcomeCheck<MoveFilesRequest, MoveFilesResult> move_files;
  OutcomeCheck<CopyFilesRequest, CopyFilesResult> copy_files;
  OutcomeCheck<std::vector<RenameFile>, RenameFilesResult> rename_files;
  OutcomeCheck<MkdirRequest, MkdirResult> create_folder;
  OutcomeCheck<int64_t, FolderRemoveResult> remove_folder;
  OutcomeCheck<FolderMoveRequest, FolderMoveResult> move_folder;
  OutcomeCheck<RemoteUploadRequest, RemoteUploadJob> request_remote_upload;
};

struct RetryingApiOptions {
  rest::RetryPolicy policy;
  // rclone-style lines ("pacer: low level retry 2/10 (...)"); never secrets.
  std::function<void(std::string_view)> debug_log;
};

class RetryingApi : public Api {
 public:
  RetryingApi(std::shared_ptr<Api> inner, std::shared_ptr<rest::Pacer> pacer,
              RetryingApiOptions options = {});

  // Set before the api is shared between threads. A check may call back into this object
  // (e.g. ListFolder): no pacer slot is held while it runs.
  void set_outcome_checks(OutcomeChecks checks) { checks_ = std::move(checks); }
  int64_t retries() const { return retries_.load(); }

  FICHIER_API_OVERRIDES

 private:
  // The loop: wait for the pacer, attempt, classify, maybe check, repeat within the policy.
  template <typename T>
  absl::StatusOr<T> Run(Endpoint endpoint, const std::function<absl::StatusOr<T>()>& attempt,
                        const std::function<absl::StatusOr<std::optional<T>>()>& check);
  void Log(std::string_view line) const;

  std::shared_ptr<Api> inner_;
  std::shared_ptr<rest::Pacer> pacer_;
  RetryingApiOptions options_;
  OutcomeChecks checks_;
  std::atomic<int64_t> retries_{0};
};

}  // namespace backend::fichier

#endif  // FICHIER_BACKEND_FICHIER_RETRYING_API_H_
