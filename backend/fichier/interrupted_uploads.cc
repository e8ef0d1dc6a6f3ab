#include "backend/fichier/interrupted_uploads.h"

#include <unordered_set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "backend/fichier/fichier_options.h"
#include "vfs/log.h"

namespace backend::fichier {
namespace {

// end.pl keeps a session's report this long (spec 5.3). Past it, the listing is the truth.
constexpr absl::Duration kReportLifetime = absl::Hours(2);

std::string Names(const std::vector<JournalMember>& members) {
  std::vector<std::string> names;
  for (const JournalMember& m : members) names.push_back(m.wire_name);
  if (names.size() > 5) {
    const size_t more = names.size() - 5;
    names.resize(5);
    names.push_back(absl::StrCat("and ", more, " more"));
  }
  return absl::StrJoin(names, ", ");
}

}  // namespace

InterruptedUploads::InterruptedUploads(Api& api, std::unique_ptr<UploadJournal> journal,
                                       base::Clock* clock, absl::Duration grace)
    : api_(api), journal_(std::move(journal)), clock_(clock), grace_(grace) {
  if (journal_ != nullptr && !journal_->warning().empty()) {
    vfs::Log(journal_->enabled() ? vfs::LogLevel::kNotice : vfs::LogLevel::kError, "fichier",
             absl::StrCat(journal_->enabled() ? "upload journal: "
                                              : "upload journal disabled, an interrupted run "
                                                "may leave duplicate files: ",
                          journal_->warning()));
  }
}

void InterruptedUploads::Warn(const std::string& what, const absl::Status& status) {
  {
    absl::MutexLock l(&mu_);
    if (warned_) return;
    warned_ = true;
  }
  vfs::Log(vfs::LogLevel::kError, "fichier",
           absl::StrCat("upload journal: ", what, ": ", status.message(),
                        " (an interrupted run may leave duplicate files)"));
}

void InterruptedUploads::SettleOnce() {
  absl::MutexLock l(&settle_mu_);
  if (settled_) return;
  settled_ = true;
  if (journal_ == nullptr || !journal_->enabled()) return;
  std::vector<JournalSession> open;
  int64_t other_pid = 0;
  for (JournalSession& s : journal_->Sessions()) {
    if (s.owner == UploadJournal::Self()) continue;
    if (UploadJournal::Alive(s.owner)) {
      other_pid = s.owner.pid;
      continue;
    }
    if (clock_->Now() - s.started > kReportLifetime) {
      // The report is gone, and listings have long caught up: they tell what exists.
      vfs::Log(vfs::LogLevel::kInfo, "fichier",
               absl::StrCat("upload session ", s.xid, " of an earlier run is older than end.pl's "
                            "report; the listing of folder ", s.folder_id, " is trusted instead"));
      if (absl::Status st = journal_->Settle(s.xid, {}); !st.ok()) Warn("settling", st);
      continue;
    }
    open.push_back(std::move(s));
  }
  if (other_pid != 0) {
    vfs::Log(vfs::LogLevel::kNotice, "fichier",
             absl::StrCat("another fclone process (pid ", other_pid,
                          ") is uploading to this account; two runs copying the same files at "
                          "once may each upload them"));
  }
  // Ask every open session in rounds until each is settled or the grace period is over.
  const absl::Time until = clock_->Now() + grace_;
  std::vector<absl::Status> errors(open.size());
  std::vector<bool> done(open.size(), false);
  for (bool last = false; !last;) {
    last = clock_->Now() >= until;
    bool waiting = false;
    for (size_t i = 0; i < open.size(); ++i) {
      if (done[i]) continue;
      done[i] = TrySettle(open[i], last, &errors[i]);
      waiting = waiting || !done[i];
    }
    if (!waiting) break;
    if (!last && !clock_->Wait(std::min(absl::Seconds(1), until - clock_->Now())).ok()) break;
  }
  for (size_t i = 0; i < open.size(); ++i) {
    if (done[i]) continue;
    const JournalSession& s = open[i];
    const absl::Status why = errors[i].ok() ? absl::CancelledError("stopped") : errors[i];
    vfs::Log(vfs::LogLevel::kError, "fichier",
             absl::StrCat("cannot learn what an upload interrupted in an earlier run stored "
                          "(folder ", s.folder_id, ": ", Names(s.members), "): ", why.message(),
                          "; these files are not uploaded again until a later run can tell"));
    absl::MutexLock m(&mu_);
    for (const JournalMember& member : s.members) unknown_.emplace(s.folder_id, member.wire_name);
  }
}

bool InterruptedUploads::TrySettle(const JournalSession& s, bool final, absl::Status* error) {
  const std::string where = absl::StrCat("folder ", s.folder_id);
  absl::StatusOr<UploadReport> report = api_.EndUpload(s.node, s.xid);
  if (report.ok()) {
    vfs::Log(vfs::LogLevel::kNotice, "fichier",
             absl::StrCat("an upload interrupted in an earlier run stored ", report->links.size(),
                          " file(s) in ", where, " (", Names(s.members),
                          "); they are not uploaded again"));
    Settle(s.xid, s.folder_id, report->links);
    return true;
  }
  if (!absl::IsNotFound(report.status())) {
    *error = report.status();
    return false;
  }
  *error = absl::OkStatus();
  if (!final) return false;
  vfs::Log(vfs::LogLevel::kInfo, "fichier",
           absl::StrCat("an upload interrupted in an earlier run stored nothing (", where, ": ",
                        Names(s.members), ")"));
  if (absl::Status st = journal_->Settle(s.xid, {}); !st.ok()) Warn("settling", st);
  return true;
}

absl::Status InterruptedUploads::Complete(int64_t folder_id, std::vector<FileItem>& items) {
  if (journal_ == nullptr || !journal_->enabled()) return absl::OkStatus();
  SettleOnce();
  std::unordered_set<std::string> listed;
  for (const FileItem& item : items) listed.insert(item.url);
  std::vector<std::string> forget;
  for (const JournalFile& f : journal_->FilesIn(folder_id)) {
    if (listed.count(f.url)) {
      forget.push_back(f.url);
      continue;
    }
    absl::StatusOr<FileInfo> info = api_.GetFileInfo(FileInfoRequest{f.url, ""});
    if (absl::IsNotFound(info.status()) || (info.ok() && info->folder_id != folder_id)) {
      forget.push_back(f.url);  // removed or moved since: nothing to add
      continue;
    }
    if (!info.ok()) {
      return absl::Status(info.status().code(),
                          absl::StrCat("checking a file an earlier upload stored (", f.wire_name,
                                       "): ", info.status().message()));
    }
    vfs::Log(vfs::LogLevel::kInfo, "fichier",
             absl::StrCat(info->filename, ": stored by an earlier upload and not listed yet by "
                                          "the service; counted as present"));
    FileItem item;
    item.url = info->url.empty() ? f.url : info->url;
    item.filename = info->filename;
    item.size = info->size;
    item.date = info->date;
    item.checksum = info->checksum;
    item.content_type = info->content_type;
    item.pass = info->pass;
    item.cdn = info->cdn;
    items.push_back(std::move(item));
  }
  if (absl::Status st = journal_->Forget(forget); !st.ok()) Warn("recording", st);
  return absl::OkStatus();
}

void InterruptedUploads::Begin(const UploadServer& server, int64_t folder_id,
                               const std::vector<JournalMember>& members) {
  if (journal_ == nullptr || !journal_->enabled()) return;
  JournalSession s;
  s.xid = server.id;
  s.node = server.url;
  s.folder_id = folder_id;
  s.started = clock_->Now();
  s.owner = UploadJournal::Self();
  s.members = members;
  if (absl::Status st = journal_->Begin(s); !st.ok()) Warn("recording an upload", st);
}

void InterruptedUploads::Settle(const std::string& xid, int64_t folder_id,
                                const std::vector<UploadedLink>& stored) {
  if (journal_ == nullptr || !journal_->enabled()) return;
  std::vector<JournalFile> files;
  for (const UploadedLink& link : stored) {
    if (link.download.empty()) continue;
    files.push_back(JournalFile{xid, folder_id, link.download, link.filename, link.size,
                                link.whirlpool, clock_->Now()});
  }
  if (absl::Status st = journal_->Settle(xid, files); !st.ok()) Warn("recording an upload", st);
}

void InterruptedUploads::Unknown(const std::string& xid, int64_t folder_id,
                                 const std::vector<JournalMember>& members) {
  (void)xid;  // stays open in the journal: the next run settles it
  absl::MutexLock l(&mu_);
  for (const JournalMember& m : members) unknown_.emplace(folder_id, m.wire_name);
}

bool InterruptedUploads::IsUnknown(int64_t folder_id, const std::string& wire_name) const {
  absl::MutexLock l(&mu_);
  return unknown_.count({folder_id, wire_name}) > 0;
}

}  // namespace backend::fichier
