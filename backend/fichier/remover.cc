#include "backend/fichier/remover.h"

namespace backend::fichier {

absl::Status Remover::Remove(const std::string& url) {
  Pending me{url};
  batcher_.Join(0, &me, 1, [this](int64_t, const std::vector<Pending*>& members) {
    Run(members);
  });
  return me.result;
}

void Remover::Run(const std::vector<Pending*>& members) {
  std::vector<RemoveFile> files;
  for (const Pending* p : members) {
    bool seen = false;
    for (const RemoveFile& f : files) seen = seen || f.url == p->url;
    if (!seen) files.push_back(RemoveFile{p->url, ""});
  }
  absl::StatusOr<RemoveFilesResult> removed = api_.RemoveFiles(files);
  if (!removed.ok()) {
    // The API answers 404 only when it removed nothing; with several files that does not say
    // which were missing, and none was removed, so each is simply not found.
    for (Pending* p : members) p->result = removed.status();
    return;
  }
  if (removed->removed >= static_cast<int64_t>(files.size())) {
    for (Pending* p : members) p->result = absl::OkStatus();
    return;
  }
  Settle(members);
}

void Remover::Settle(const std::vector<Pending*>& members) {
  for (Pending* p : members) {
    absl::StatusOr<FileInfo> info = api_.GetFileInfo(FileInfoRequest{p->url, ""});
    if (absl::IsNotFound(info.status())) {
      // Gone now: removed by this call, or missing before it; either way the goal holds.
      p->result = absl::OkStatus();
    } else if (!info.ok()) {
      p->result = info.status();
    } else {
      absl::StatusOr<RemoveFilesResult> again = api_.RemoveFiles({RemoveFile{p->url, ""}});
      p->result = again.ok() ? absl::OkStatus() : again.status();
    }
  }
}

}  // namespace backend::fichier
