// What every Fs of one remote shares during a run: the API stack (one pacer), the folder
// listings, the path -> folder id cache, the upload sessions, grouped removals, copies and moves,
// and the multi-use download tokens. Fs instances made for the same
// account and settings in one process share one Account (see fichier_backend.cc), so a folder is
// listed once per run however many Fs objects look at it, and a change made through one is seen
// by the others. The per-endpoint call counts are logged (debug) when the last Fs goes away.
#ifndef FICHIER_BACKEND_FICHIER_ACCOUNT_H_
#define FICHIER_BACKEND_FICHIER_ACCOUNT_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "backend/fichier/api.h"
#include "backend/fichier/call_counter.h"
#include "backend/fichier/download_tokens.h"
#include "backend/fichier/folder_cache.h"
#include "backend/fichier/grouped_server_side.h"
#include "backend/fichier/interrupted_uploads.h"
#include "backend/fichier/remover.h"
#include "backend/fichier/uploader.h"
#include "encoding/multi_encoder.h"
#include "vfs/dircache.h"

namespace backend::fichier {

class Account {
 public:
  // `counter` may be null (then no report is logged); `journal` may be null (no memory of
  // interrupted uploads across runs).
  Account(std::shared_ptr<Api> api, std::shared_ptr<const CallCounter> counter,
          encoding::MultiEncoder encoder, UploaderOptions upload_options = {},
          std::unique_ptr<UploadJournal> journal = nullptr);
  ~Account();
  Account(const Account&) = delete;
  Account& operator=(const Account&) = delete;

  Api& api() { return *api_; }
  const encoding::MultiEncoder& encoder() const { return encoder_; }
  FolderCache& folders() { return folders_; }
  vfs::DirCache& dirs() { return dirs_; }
  Uploader& uploader() { return uploader_; }
  InterruptedUploads& interrupted_uploads() { return interrupted_; }
  Remover& remover() { return remover_; }
  GroupedServerSide& server_side() { return server_side_; }
  DownloadTokens& download_tokens() { return tokens_; }
  const CallCounter* counter() const { return counter_.get(); }

  // Id of the folder at account path `path` ("" = the account root, id 0). Missing folders are
  // created when `create`, else dir-not-found naming `path`.
  absl::StatusOr<int64_t> FolderId(std::string_view path, bool create);
  // The listing of folder `id`; a folder that vanished behind our back is forgotten and
  // reported as dir-not-found naming `path`.
  absl::StatusOr<Listing> ListingOf(int64_t id, std::string_view path);
  // Lists folder `id` afresh (bypassing and not touching the cache) and returns the files
  // whose URLs the cached listing does not hold: what appeared since we last knew the folder.
  absl::StatusOr<std::vector<FileItem>> ListNewFiles(int64_t id);
  // Called after a listing or a change showed `path` is gone.
  void ForgetPath(std::string_view path);
  // The next listing of the folder at `path` (if known) asks the service again.
  void ExpireListing(std::string_view path);

 private:
  absl::StatusOr<Listing> Fetch(int64_t folder_id);

  std::shared_ptr<Api> api_;
  std::shared_ptr<const CallCounter> counter_;
  const encoding::MultiEncoder encoder_;
  InterruptedUploads interrupted_;
  FolderCache folders_;
  vfs::DirCache dirs_;
  vfs::DirCache::Resolver resolver_;
  Uploader uploader_;
  Remover remover_;
  GroupedServerSide server_side_;
  DownloadTokens tokens_;
};

}  // namespace backend::fichier

#endif  // FICHIER_BACKEND_FICHIER_ACCOUNT_H_
