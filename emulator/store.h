// The emulated service's state: accounts, folder trees, files, upload sessions, download tokens,
// public shares and remote-upload jobs. One mutex guards it all; calls are short (bodies are
// streamed outside the lock) and return copies, so callers serialise answers unlocked.
//
// Folder ids on the wire are per account for the root (0) and global otherwise; file identity
// is the file URL https://<file_url_host>/?<20 chars>. Errors are Statuses from api_error.h.
#ifndef FICHIER_EMULATOR_STORE_H_
#define FICHIER_EMULATOR_STORE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include "base/clock.h"
#include "absl/strings/string_view.h"
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "base/json_writer.h"
#include "emulator/blob.h"
#include "emulator/id_generator.h"
#include "emulator/options.h"

namespace emulator {

struct FileView {
  std::string id;
  std::string url;
  std::string name;
  uint64_t size = 0;
  absl::Time date;
  std::string checksum;
  std::string content_type;
  std::string description;
  int64_t folder_id = 0;
  std::string path;  // folder path without leading slash ("a/b")
  bool has_password = false;
  bool no_ssl = false;
  bool inline_ = false;
  bool cdn = false;
  std::string acl_json;  // as given to chattr; empty = no ACL
};

struct FolderView {
  int64_t id = 0;
  std::string name;
  absl::Time created;
  bool has_password = false;
  std::string share_url;
};

struct FolderListing {
  FolderView folder;
  std::vector<FolderView> sub_folders;
  std::vector<FileView> files;  // filled only when asked for
  uint64_t file_count = 0;
  uint64_t total_size = 0;
};

// What end.pl reports for one uploaded part.
struct UploadLink {
  std::string download;
  std::string filename;
  std::string remove;
  uint64_t size = 0;
  std::string whirlpool;
};

struct UploadReport {
  bool finished = false;
  std::vector<UploadLink> links;
};

struct DownloadTarget {
  std::shared_ptr<const Blob> blob;
  std::string filename;
  std::string content_type;
  bool inline_ = false;
};

struct RemoteJobResult {
  std::string url;
  bool ok = false;
  std::string download_link;
  std::string message;
};

struct RemoteJob {
  int64_t id = 0;
  int account = 0;
  int64_t folder_id = 0;
  std::vector<std::string> urls;
  std::vector<std::pair<std::string, std::string>> headers;
  absl::Time requested;
  std::optional<absl::Time> executed;
  std::vector<RemoteJobResult> results;
};

class Store {
 public:
  // Removal-code requests etc. use the generator; `keys` fixes the accounts.
  // `clock` (the emulator's one clock; /_emulator/clock moves it) must outlive the store.
  Store(const Options& options, IdGenerator* ids, base::OffsetClock* clock);

  // ---- accounts (fixed at start; no lock needed)
  std::optional<int> AccountForKey(absl::string_view key) const;
  bool IsPremium(int account) const { return accounts_[account].premium; }
  const std::string& Email(int account) const { return accounts_[account].email; }
  // Files uploaded without a key belong to this pseudo-account, which no key opens.
  int anonymous_account() const { return static_cast<int>(accounts_.size()) - 1; }

  // Back to an empty service (keys and options stay).
  void Reset();

  std::string FileUrl(absl::string_view id) const;
  std::string ShareUrl(absl::string_view share_id) const;

  // ---- files
  // folder_id -1 = every file of the account. Files created less than `hide_younger_than` ago
  // (or not yet visible) are left out.
  absl::StatusOr<std::vector<FileView>> ListFiles(int account, int64_t folder_id,
                                                  std::optional<absl::Time> sent_before,
                                                  std::optional<absl::Time> sent_after,
                                                  absl::Duration hide_younger_than);
  absl::StatusOr<FolderListing> ListFolder(int account, int64_t folder_id, bool with_files,
                                           absl::Duration hide_younger_than);
  absl::StatusOr<FileView> FileInfo(int account, absl::string_view url,
                                    const std::optional<std::string>& pass);

  struct RemoveRequest {
    std::string url;
    std::string code;
  };
  // Removes what exists and may be removed; NotFound when nothing was.
  absl::StatusOr<std::vector<std::string>> RemoveFiles(int account,
                                                       const std::vector<RemoveRequest>& files);
  absl::StatusOr<std::vector<std::string>> MoveFiles(int account,
                                                     const std::vector<std::string>& urls,
                                                     int64_t destination,
                                                     const std::optional<std::string>& rename);
  struct CopyResult {
    std::string from_url;
    std::string to_url;
  };
  absl::StatusOr<std::vector<CopyResult>> CopyFiles(int account,
                                                    const std::vector<std::string>& urls,
                                                    int64_t destination,
                                                    const std::optional<std::string>& rename,
                                                    const std::optional<std::string>& pass);
  struct RenameResult {
    std::string url;
    std::string old_name;
    std::string new_name;
  };
  absl::StatusOr<std::vector<RenameResult>> RenameFiles(
      int account, const std::vector<std::pair<std::string, std::string>>& renames);
  struct Attributes {
    std::optional<std::string> filename;
    std::optional<std::string> description;
    std::optional<std::string> pass;
    std::optional<bool> no_ssl;
    std::optional<bool> inline_;
    std::optional<bool> cdn;
    std::optional<std::string> acl_json;
  };
  absl::StatusOr<std::vector<std::string>> ChangeAttributes(int account,
                                                            const std::vector<std::string>& urls,
                                                            const Attributes& attributes);

  // ---- folders
  absl::StatusOr<FolderView> MakeFolder(int account, int64_t parent, absl::string_view name);
  absl::Status RemoveFolder(int account, int64_t folder_id);
  struct FolderMove {
    std::string old_name;
    std::string new_name;
  };
  absl::StatusOr<FolderMove> MoveFolder(int account, int64_t folder_id, int64_t destination,
                                        const std::optional<std::string>& rename);
  // Returns the public URL when shared, "" when unshared.
  absl::StatusOr<std::string> ShareFolder(int account, int64_t folder_id, bool share,
                                          const std::optional<std::string>& pass,
                                          const std::optional<std::string>& shares_json);
  // §13: the files of a publicly shared folder. NotFound for an unknown share id,
  // PermissionDenied for a missing or wrong password.
  absl::StatusOr<std::vector<FileView>> PublicListing(absl::string_view share_id,
                                                      const std::optional<std::string>& pass);

  // ---- upload
  struct NewFile {
    int account = 0;
    int64_t folder_id = 0;  // invalid or foreign folders fall back to the root
    std::string name;
    std::shared_ptr<const Blob> blob;
    std::string password;
  };
  UploadLink AddFile(NewFile file);
  std::string NewUploadSession(int account);
  // Marks the session as in use; NotFound for an unknown or expired id, FailedPrecondition when
  // the id was already used.
  absl::StatusOr<int> BeginUpload(absl::string_view upload_id);
  void FinishUpload(absl::string_view upload_id, std::vector<UploadLink> links);
  void AbortUpload(absl::string_view upload_id);
  std::optional<UploadReport> GetUploadReport(absl::string_view upload_id);

  // ---- downloads
  absl::StatusOr<std::string> CreateToken(int account, absl::string_view url,
                                          const std::optional<std::string>& pass, bool single,
                                          bool inline_);
  // NotFound for an unknown token, FailedPrecondition for an expired or consumed one.
  absl::StatusOr<DownloadTarget> OpenToken(absl::string_view token);

  // ---- user
  struct Usage {
    uint64_t bytes = 0;
    uint64_t files = 0;
  };
  Usage AccountUsage(int account);
  // user/info.cgi settings; integers only.
  void SetSetting(int account, absl::string_view name, int64_t value);
  int64_t Setting(int account, absl::string_view name, int64_t default_value);

  // ---- remote upload
  int64_t AddRemoteJob(int account, int64_t folder_id, std::vector<std::string> urls,
                       std::vector<std::pair<std::string, std::string>> headers);
  std::vector<RemoteJob> RemoteJobs(int account);
  std::optional<RemoteJob> GetRemoteJob(int account, int64_t id);
  // For the fetcher: the next job not executed yet (any account).
  std::optional<RemoteJob> NextPendingRemoteJob();
  void CompleteRemoteJob(int64_t id, std::vector<RemoteJobResult> results);
  // The folder where a remote job's files land (validated at request time).
  absl::Status CheckFolder(int account, int64_t folder_id);

  // ---- admin
  std::string DumpTreeJson();
  // Wall-clock time source; tests of expiry shift it forward.
  absl::Time Now();
  void AdvanceClock(absl::Duration d);

 private:
  struct Account {
    std::string key;
    bool premium = true;
    std::string email;
    absl::flat_hash_map<std::string, int64_t> settings;
  };
  struct Folder {
    int64_t id = 0;  // wire id; 0 for a root
    int account = 0;
    int64_t parent = -1;  // wire id of the parent within the account; -1 for a root
    std::string name;
    absl::Time created;
    std::string share_id;
    std::string share_pass;
    std::string shares_json;
    absl::flat_hash_set<int64_t> children;
    absl::flat_hash_set<std::string> files;
  };
  struct File {
    std::string id;
    int account = 0;
    int64_t folder_id = 0;
    std::string name;
    std::shared_ptr<const Blob> blob;
    absl::Time date;
    absl::Time visible_after;
    std::string content_type;
    std::string description;
    std::string password;
    bool no_ssl = false;
    bool inline_ = false;
    bool cdn = false;
    std::string acl_json;
    std::string removal_code;
  };
  struct UploadSession {
    int account = 0;
    absl::Time created;
    enum class State { kFresh, kUploading, kDone } state = State::kFresh;
    absl::Time finished;
    std::vector<UploadLink> links;
  };
  struct Token {
    std::string file_id;
    absl::Time expires;
    bool single = false;
    bool used = false;
    bool inline_ = false;
  };

  absl::Time NowLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void ResetLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  Folder* FindFolder(int account, int64_t id) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  File* FindFile(absl::string_view url) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // FindFile for reading its content or info: another account's protected file needs `pass`.
  absl::StatusOr<File*> FindReadableFile(int account, absl::string_view url,
                                         const std::optional<std::string>& pass)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  absl::StatusOr<std::string> CheckName(absl::string_view name) const;
  // mv/cp arguments: some URLs, a rename only for one; the checked new name if any.
  absl::StatusOr<std::optional<std::string>> CheckedRename(
      const std::vector<std::string>& urls, const std::optional<std::string>& rename) const;
  FileView ViewOf(const File& f) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  FolderView ViewOf(const Folder& f) const;
  std::string PathOf(int account, int64_t folder_id) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  std::string NewFileIdLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void DetachFile(File& f) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void AttachFile(File& f) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void DumpFolder(base::JsonWriter& w, const Folder& folder) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  const Options& options_;
  IdGenerator* ids_;
  std::vector<Account> accounts_;  // last one = anonymous
  absl::flat_hash_map<std::string, int> account_by_key_;

  absl::Mutex mu_;
  base::OffsetClock* const clock_;
  std::vector<Folder> roots_ ABSL_GUARDED_BY(mu_);  // one per account
  absl::flat_hash_map<int64_t, Folder> folders_ ABSL_GUARDED_BY(mu_);
  absl::flat_hash_map<std::string, File> files_ ABSL_GUARDED_BY(mu_);
  absl::flat_hash_map<std::string, UploadSession> uploads_ ABSL_GUARDED_BY(mu_);
  absl::flat_hash_map<std::string, Token> tokens_ ABSL_GUARDED_BY(mu_);
  absl::flat_hash_map<std::string, int64_t> shares_ ABSL_GUARDED_BY(mu_);  // share id -> folder
  std::vector<RemoteJob> remote_jobs_ ABSL_GUARDED_BY(mu_);
  int64_t next_folder_id_ ABSL_GUARDED_BY(mu_) = 1000000;
  int64_t next_remote_job_id_ ABSL_GUARDED_BY(mu_) = 4000;
  absl::Time last_sweep_ ABSL_GUARDED_BY(mu_);
};

}  // namespace emulator

#endif  // FICHIER_EMULATOR_STORE_H_
