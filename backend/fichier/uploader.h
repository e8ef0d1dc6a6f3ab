// Uploads with integrity checks and upload sessions. Every upload goes get_upload_server ->
// upload.cgi -> end.pl, hashes what it streams (Whirlpool, same pass) and compares the size and
// checksum end.pl reports; a mismatch is a data-loss error and the bad copy is removed.
//
// Calls are rationed, so small files bound for one folder that arrive close together share one
// session: the first caller waits for others until none came for a short window, then streams every
// file of the batch in one multipart upload.cgi (the API takes up to 500 parts) and reads one
// end.pl. Each caller's own Source is read by the thread that sends the batch while the caller
// waits, so memory stays bounded. One failing source aborts the request for the whole batch: the
// other members then fail with a retryable error and nothing of the batch is kept.
#ifndef FICHIER_BACKEND_FICHIER_UPLOADER_H_
#define FICHIER_BACKEND_FICHIER_UPLOADER_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "backend/fichier/api.h"
#include "backend/fichier/call_batcher.h"
#include "backend/fichier/interrupted_uploads.h"
#include "base/clock.h"
#include "vfs/hashing_source.h"
#include "vfs/source.h"

namespace backend::fichier {

struct UploaderOptions {
  // How one folder's small files share an upload session: the first waits `batch.window` for
  // companions (0 = no batching). The spec's limits per upload.cgi (2.10) are 500 files and
  // 500 GB within 4 hours: small files go in as few sessions (3 calls each) as possible, up to
  // 500 files or 2 GiB per session.
  BatchLimits batch = {.max_members = 500, .max_weight = int64_t{2} << 30};
  // Files larger than this always go alone (a slow big file must not hold small ones back).
  int64_t small_file_limit = 32 << 20;
  // When end.pl never gives a usable report (after the retrying layer's bounded polling), the
  // folder is listed up to this many times, `confirm_delay` apart, looking for the file.
  int confirm_attempts = 2;
  absl::Duration confirm_delay = absl::Seconds(5);
  base::Clock* clock = base::Clock::Real();
};

// Lists folder `folder_id` afresh and returns the files that were not there before this run's
// uploads (URLs the caller did not know), so an older identical file is never taken for ours.
using ListNewFiles = std::function<absl::StatusOr<std::vector<FileItem>>(int64_t folder_id)>;

// A verified upload: what end.pl reported, checked against what was streamed.
struct UploadedFile {
  std::string url;
  std::string wire_name;  // as stored
  int64_t size = 0;
  std::string whirlpool;
};

class Uploader {
 public:
  Uploader(Api& api, UploaderOptions options)
      : api_(api), options_(options), batcher_(options.batch) {}

  // Streams `size` bytes of `in` as `wire_name` (already encoded) into folder `folder_id`.
  // `path` names the file in messages.
  absl::StatusOr<UploadedFile> Upload(int64_t folder_id, const std::string& wire_name,
                                      vfs::Source& in, int64_t size, const std::string& path);

  int64_t sessions() const { return sessions_.load(); }
  size_t max_files() const {
    return options_.batch.window > absl::ZeroDuration() ? options_.batch.max_members : 1;
  }
  int64_t small_file_limit() const { return options_.small_file_limit; }
  // Set before use. Without it an upload whose report is missing fails (retryable).
  void set_list_new_files(ListNewFiles list) { list_new_files_ = std::move(list); }
  // Set before use; null = no journal (an interrupted run may then leave duplicates).
  void set_journal(InterruptedUploads* journal) { journal_ = journal; }

  // One caller's file in a session (public for the helpers of uploader.cc).
  struct Pending {
    std::string wire_name;
    vfs::Source* source = nullptr;
    int64_t size = 0;
    std::string path;
    absl::StatusOr<UploadedFile> result = absl::UnknownError("not run");
  };

 private:
  using Hashers = std::vector<std::unique_ptr<vfs::HashingSource>>;

  // One session for every member; fills each member's result.
  void Run(int64_t folder_id, const std::vector<Pending*>& members);
  // Checks each member of a report against what was streamed; returns false when some member's
  // outcome stays unknown (the session then stays open in the journal).
  bool Verify(int64_t folder_id, const std::vector<Pending*>& members, const Hashers& hashers,
              const UploadReport& report, std::vector<UploadedLink>* stored);
  // The body was sent but no usable report came (`why`): look for each member in the folder
  // (name, size and the Whirlpool we streamed) and fill its result; never uploads again. A
  // member not found has an unknown outcome (listings lag): it fails and is not sent again by
  // this process. Returns false when some member stays unknown.
  bool Confirm(int64_t folder_id, const std::vector<Pending*>& members, const Hashers& hashers,
               const std::vector<size_t>& which, const std::string& why,
               std::vector<UploadedLink>* stored);
  // Records the end of session `xid`: settled when every member's outcome is known.
  void Close(const std::string& xid, int64_t folder_id, const std::vector<Pending*>& members,
             bool all_known, const std::vector<UploadedLink>& stored);

  Api& api_;
  const UploaderOptions options_;
  ListNewFiles list_new_files_;
  InterruptedUploads* journal_ = nullptr;
  CallBatcher<Pending> batcher_;  // keyed by folder id
  std::atomic<int64_t> sessions_{0};
};

}  // namespace backend::fichier

#endif  // FICHIER_BACKEND_FICHIER_UPLOADER_H_
