// File removal with shared calls: removals that arrive close together (a sync deleting many
// files, updates replacing old copies) go out as one file/rm.cgi holding every URL.
#ifndef FICHIER_BACKEND_FICHIER_REMOVER_H_
#define FICHIER_BACKEND_FICHIER_REMOVER_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "backend/fichier/api.h"
#include "backend/fichier/call_batcher.h"

namespace backend::fichier {

class Remover {
 public:
  Remover(Api& api, BatchLimits limits) : api_(api), batcher_(limits) {}

  // Removes the file at `url`: OK once it is gone, absl NotFound when it did not exist (as far
  // as the answer tells), else the call's error.
  absl::Status Remove(const std::string& url);

 private:
  struct Pending {
    std::string url;
    absl::Status result = absl::UnknownError("not run");
  };

  void Run(const std::vector<Pending*>& members);
  // rm.cgi removed fewer files than it was given: find out member by member.
  void Settle(const std::vector<Pending*>& members);

  Api& api_;
  CallBatcher<Pending> batcher_;  // one key: rm.cgi takes files from any folder
};

}  // namespace backend::fichier

#endif  // FICHIER_BACKEND_FICHIER_REMOVER_H_
