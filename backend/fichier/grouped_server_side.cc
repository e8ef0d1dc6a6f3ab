#include "backend/fichier/grouped_server_side.h"

#include <algorithm>

namespace backend::fichier {
namespace {

// Splits off the members whose URL an earlier member already carries (one URL may appear once
// per call); returns the URLs of the others, the batch.
template <typename Pending>
std::vector<std::string> SplitRepeats(const std::vector<Pending*>& members,
                                      std::vector<Pending*>& batch,
                                      std::vector<Pending*>& repeats) {
  std::vector<std::string> urls;
  for (Pending* p : members) {
    bool seen =
        std::any_of(batch.begin(), batch.end(), [&](const Pending* q) { return q->url == p->url; });
    (seen ? repeats : batch).push_back(p);
    if (!seen) urls.push_back(p->url);
  }
  return urls;
}

// The outcome of one grouped call. When it fails for several files the answer does not say
// which was refused: each is tried `alone`; one file's failure is its result. Else `done`.
template <typename Pending, typename Result, typename Alone, typename Done>
void Settle(const std::vector<Pending*>& batch, const absl::StatusOr<Result>& answer, Alone alone,
            Done done) {
  if (!answer.ok() && batch.size() > 1) {
    for (Pending* p : batch) alone(p);
  } else if (!answer.ok()) {
    batch[0]->result = answer.status();
  } else {
    done(*answer);
  }
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
  CopyFilesRequest request;
  request.urls = SplitRepeats(members, batch, repeats);
  request.folder_id = folder_id;
  Settle(
      batch, api_.CopyFiles(request), [&](PendingCopy* p) { RunCopies(folder_id, {p}); },
      [&](const CopyFilesResult& copied) {
        std::vector<bool> used(copied.urls.size(), false);
        for (PendingCopy* p : batch) {
          p->result = absl::InternalError("file/cp.cgi reported no URL for the copy");
          for (size_t i = 0; i < copied.urls.size(); ++i) {
            if (used[i] || copied.urls[i].from_url != p->url || copied.urls[i].to_url.empty()) {
              continue;
            }
            used[i] = true;
            p->result = copied.urls[i].to_url;
            break;
          }
        }
      });
  for (PendingCopy* p : repeats) RunCopies(folder_id, {p});
}

void GroupedServerSide::RunMoves(int64_t folder_id, const std::vector<PendingMove*>& members) {
  // Moving a URL twice into one folder is one move: the repeats share the first one's answer.
  std::vector<PendingMove*> batch, repeats;
  MoveFilesRequest request;
  request.urls = SplitRepeats(members, batch, repeats);
  request.destination_folder_id = folder_id;
  Settle(
      batch, api_.MoveFiles(request), [&](PendingMove* p) { RunMoves(folder_id, {p}); },
      [&](const MoveFilesResult& moved) {
        if (moved.moved >= static_cast<int64_t>(batch.size())) {
          for (PendingMove* p : batch) p->result = absl::OkStatus();
          return;
        }
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
      });
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
