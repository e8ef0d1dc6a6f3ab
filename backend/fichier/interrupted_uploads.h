// What the upload journal means for one account's API: the reason an interrupted run, rerun,
// leaves each file once.
//  - Before this process lists or uploads anything, the sessions of runs that ended without
//    seeing their outcome are settled: end.pl still reports what a finished session stored
//    (for 2 hours, spec 5.3) even while listings lag. An unknown upload id means the body did
//    not arrive, but only once the bytes a killed process left in its socket have had time to
//    land: the kernel still sends them after the process is gone, and the service may store
//    the files a moment later. So an unknown id is asked again for `grace` before it counts.
//  - Every listing is completed with the files sessions stored that the service does not list
//    yet (each checked with file/info.cgi first, so a file removed since is not resurrected).
//  - A session whose outcome cannot be learned is reported and its files are not sent again
//    by this process: a guess either way could duplicate or lose a file.
#ifndef FICHIER_BACKEND_FICHIER_INTERRUPTED_UPLOADS_H_
#define FICHIER_BACKEND_FICHIER_INTERRUPTED_UPLOADS_H_

#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "backend/fichier/api.h"
#include "backend/fichier/upload_journal.h"
#include "base/clock.h"

namespace backend::fichier {

class InterruptedUploads {
 public:
  // `journal` may be null or disabled: then every hook is a no-op (its warning is logged once).
  InterruptedUploads(Api& api, std::unique_ptr<UploadJournal> journal,
                     base::Clock* clock = base::Clock::Real(),
                     absl::Duration grace = absl::Seconds(10));

  // Settles, once per process, the open sessions whose writer is gone. Thread-safe: callers
  // that arrive while it runs wait for it.
  void SettleOnce();

  // Completes a fresh listing of folder `folder_id` (items as the service sent them) with the
  // files sessions stored that it does not show yet, and forgets those it shows. An error
  // (file/info.cgi failed) means the listing cannot be trusted.
  absl::Status Complete(int64_t folder_id, std::vector<FileItem>& items);

  // Uploader hooks. Begin is on disk before the body is sent.
  void Begin(const UploadServer& server, int64_t folder_id,
             const std::vector<JournalMember>& members);
  void Settle(const std::string& xid, int64_t folder_id, const std::vector<UploadedLink>& stored);
  // The outcome of `xid` is unknown: its members stay in the journal for the next run and
  // are refused here.
  void Unknown(const std::string& xid, int64_t folder_id,
               const std::vector<JournalMember>& members);
  // Whether `wire_name` into `folder_id` belongs to a session whose outcome is unknown.
  bool IsUnknown(int64_t folder_id, const std::string& wire_name) const;

  UploadJournal* journal() { return journal_.get(); }

 private:
  // One end.pl question; true when the session is settled (stored files, or nothing when
  // `final` and the id is unknown), false when it must be asked again.
  bool TrySettle(const JournalSession& session, bool final, absl::Status* error);
  void Warn(const std::string& what, const absl::Status& status);

  Api& api_;
  std::unique_ptr<UploadJournal> journal_;
  base::Clock* clock_;
  const absl::Duration grace_;
  absl::Mutex settle_mu_;
  bool settled_ ABSL_GUARDED_BY(settle_mu_) = false;
  mutable absl::Mutex mu_;
  std::set<std::pair<int64_t, std::string>> unknown_ ABSL_GUARDED_BY(mu_);
  bool warned_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace backend::fichier

#endif  // FICHIER_BACKEND_FICHIER_INTERRUPTED_UPLOADS_H_
