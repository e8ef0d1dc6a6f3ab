// The upload journal: what this machine's fclone runs sent to one 1fichier account and may not
// have seen the end of. 1fichier stores an upload after its body arrives and lists it later
// (spec 2.11), so a run killed after sending a body, or one that sent it and stopped before the
// files showed in listings, leaves files the next run cannot see; without a record, it uploads
// them again and the folder ends with duplicate names.
//
// One file per account (CacheDir()/fichier/<tag>.journal), one record per line:
//   S  a session about to send its body: upload id, node, folder, members, owner process
//   D  the session is settled (its stored files, if any, follow as F records)
//   F  a file a session stored, until a listing shows it or the service says it is gone
//   G  forget the F record of this URL
// Each line carries a checksum; a line cut short by a kill, or damaged, is skipped. Appends are
// fsynced before the call returns, and made under an flock of a separate lock file, so several
// processes may use one journal at once: a session is settled by another process only when
// the process that wrote it is gone (pid + start time). The file is rewritten (atomically)
// without dead records when a process opens it and finds enough of them.
#ifndef FICHIER_BACKEND_FICHIER_UPLOAD_JOURNAL_H_
#define FICHIER_BACKEND_FICHIER_UPLOAD_JOURNAL_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace backend::fichier {

struct JournalMember {
  std::string wire_name;  // as sent (encoded)
  int64_t size = 0;
};

// The process that wrote a session: it may still be running it.
struct JournalOwner {
  int64_t pid = 0;
  uint64_t start_ticks = 0;  // /proc/<pid>/stat field 22: tells a reused pid from the owner
  bool operator==(const JournalOwner&) const = default;
};

struct JournalSession {
  std::string xid;
  std::string node;
  int64_t folder_id = 0;
  absl::Time started;
  JournalOwner owner;
  std::vector<JournalMember> members;
};

struct JournalFile {
  std::string xid;
  int64_t folder_id = 0;
  std::string url;
  std::string wire_name;
  int64_t size = 0;
  std::string whirlpool;
  absl::Time stored;
};

class UploadJournal {
 public:
  // Opens the journal of the account tagged `tag` in `dir` (the folder, 0700, and the file,
  // 0600, are made by the first record). On a problem (foreign or unreadable file...) the
  // journal still opens but is disabled or starts afresh, and `warning()` says why in one line
  // for the user; a folder that cannot be made fails the first record.
  static std::unique_ptr<UploadJournal> Open(const std::string& dir, const std::string& tag,
                                             absl::Time now);

  // The journal tag of an account: a hash of the API URL and key (never the key itself).
  static std::string AccountTag(const std::string& api_url, const std::string& api_key);
  // This process, as sessions record it.
  static JournalOwner Self();
  // The running process `pid` as sessions record it; nullopt when there is none (or a zombie).
  static std::optional<JournalOwner> OwnerOf(int64_t pid);
  // Whether `owner` is still running (same pid and start time).
  static bool Alive(const JournalOwner& owner);

  bool enabled() const { return enabled_; }
  const std::string& warning() const { return warning_; }
  const std::string& path() const { return path_; }

  std::vector<JournalSession> Sessions() const;
  std::vector<JournalFile> Files() const;
  // The F records of one folder (a listing of it calls this: no copy of the others).
  std::vector<JournalFile> FilesIn(int64_t folder_id) const;

  // Each returns once the record is on disk. An error means the record may be missing; the
  // caller decides (an upload whose session could not be recorded is still sent, with a warning:
  // a duplicate is better than refusing every upload when the disk is full).
  absl::Status Begin(const JournalSession& session);
  // Settles session `xid`: it stored `stored` (empty = nothing).
  absl::Status Settle(const std::string& xid, const std::vector<JournalFile>& stored);
  // Drops the F records of these URLs (listed by the service, or gone).
  absl::Status Forget(const std::vector<std::string>& urls);

 private:
  struct State {
    std::vector<JournalSession> sessions;  // open (not settled)
    std::vector<JournalFile> files;
  };

  UploadJournal() = default;
  // Reads the file; counts lines skipped as damaged and records made dead by later ones.
  void Load(const std::string& text, int* damaged, int* dead);
  absl::Status Append(const std::vector<std::string>& lines);
  absl::Status Rewrite();
  void Apply(const std::vector<std::string>& fields) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  bool enabled_ = false;
  std::string warning_;
  std::string dir_;
  std::string path_;
  std::string lock_path_;
  std::string tag_;
  mutable absl::Mutex mu_;
  State state_ ABSL_GUARDED_BY(mu_);
};

}  // namespace backend::fichier

#endif  // FICHIER_BACKEND_FICHIER_UPLOAD_JOURNAL_H_
