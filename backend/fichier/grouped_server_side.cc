#include "backend/fichier/grouped_server_side.h"

#include <algorithm>

namespace backend::fichier {
namespace {

// The members whose URL an earlier member already carries: one URL may appear once per call.
template <typename Pending>
void SplitRepeats(const std::vector<Pending*>& members, std::vector<Pending*>& first,
                  std::vector<Pending*>& repeats) {
  for (Pending* p : members) {
    bool seen = std::any_of(first.begin(), first.end(),
                            [&](const Pending* q) { return q->url == p->url; });
    (seen ? repeats : first).push_back(p);
  }
}

template <typename Pending>
std::vector<std::string> UrlsOf(const std::vector<Pending*>& members) {
  std::vector<std::string> urls;
  for (const Pending* p : members) urls.push_back(p->url);
  return urls;
}

}  // namespace

absl::StatusOr<std::string> GroupedServerSide::Copy(const std::string& url, int64_t folder_id) {
  PendingCopy me{url};
  copies_.Join(folder_id, &me, 1, [this](int64_t folder, const std::vector<PendingCopy*>& m) {
    RunCopies(folder, m);
  });
  return me.result;
}

absl::Status GroupedServerSide::Move(const std::string& url, int64_t folder_id) {
  PendingMove me{url};
  moves_.Join(folder_id, &me, 1, [this](int64_t folder, const std::vector<PendingMove*>& m) {
    RunMoves(folder, m);
  });
  return me.result;
}

void GroupedServerSide::RunCopies(int64_t folder_id, const std::vector<PendingCopy*>& members) {
  std::vector<PendingCopy*> batch, repeats;
  SplitRepeats(members, batch, repeats);
  CopyFilesRequest request;
  request.urls = UrlsOf(batch);
  request.folder_id = folder_id;
  absl::StatusOr<CopyFilesResult> copied = api_.CopyFiles(request);
  if (!copied.ok() && batch.size() > 1) {
    // Which file was refused is not said: ask file by file.
    for (PendingCopy* p : batch) RunCopies(folder_id, {p});
  } else if (!copied.ok()) {
    batch[0]->result = copied.status();
  } else {
    std::vector<bool> used(copied->urls.size(), false);
    for (PendingCopy* p : batch) {
      p->result = absl::InternalError("file/cp.cgi reported no URL for the copy");
      for (size_t i = 0; i < copied->urls.size(); ++i) {
        if (used[i] || copied->urls[i].from_url != p->url || copied->urls[i].to_url.empty()) {
          continue;
        }
        used[i] = true;
        p->result = copied->urls[i].to_url;
        break;
      }
    }
  }
  for (PendingCopy* p : repeats) RunCopies(folder_id, {p});
}

void GroupedServerSide::RunMoves(int64_t folder_id, const std::vector<PendingMove*>& members) {
  // Moving a URL twice into one folder is one move: the repeats share the first one's answer.
  std::vector<PendingMove*> batch, repeats;
  SplitRepeats(members, batch, repeats);
  MoveFilesRequest request;
  request.urls = UrlsOf(batch);
  request.destination_folder_id = folder_id;
  absl::StatusOr<MoveFilesResult> moved = api_.MoveFiles(request);
  if (!moved.ok() && batch.size() > 1) {
    for (PendingMove* p : batch) RunMoves(folder_id, {p});
  } else if (!moved.ok()) {
    batch[0]->result = moved.status();
  } else if (moved->moved >= static_cast<int64_t>(batch.size())) {
    for (PendingMove* p : batch) p->result = absl::OkStatus();
  } else {
    // Fewer moved than asked: a file already in place counts as moved; others go alone.
    for (PendingMove* p : batch) {
      absl::StatusOr<FileInfo> info = api_.GetFileInfo(FileInfoRequest{p->url, ""});
      if (info.ok() && info->folder_id == folder_id) {
        p->result = absl::OkStatus();
      } else if (batch.size() > 1) {
        RunMoves(folder_id, {p});
      } else {
        p->result = info.ok() ? absl::InternalError("file/mv.cgi did not move the file")
                              : info.status();
      }
    }
  }
  for (PendingMove* p : repeats) {
    for (const PendingMove* q : batch) {
      if (q->url == p->url) {
        p->result = q->result;
        break;
      }
    }
  }
}

}  // namespace backend::fichier
