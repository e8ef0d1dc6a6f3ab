// The store's transfers: upload sessions and reports (spec §5), download tokens (§6) and
// remote upload jobs (§10).
#include "emulator/store.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "base/mime_type.h"
#include "emulator/api_error.h"

namespace emulator {
namespace {

constexpr absl::Duration kUploadIdLifetime = absl::Hours(24);
constexpr absl::Duration kUploadReportLifetime = absl::Hours(2);
constexpr absl::Duration kTokenRecovery = absl::Minutes(25);

}  // namespace

// --------------------------------------------------------------------------------- upload

UploadLink Store::AddFile(NewFile nf) {
  auto checked = CheckName(nf.name);
  absl::MutexLock lock(&mu_);
  const absl::Time now = NowLocked();
  File f;
  f.id = NewFileIdLocked();
  f.account = nf.account;
  f.folder_id = FindFolder(nf.account, nf.folder_id) ? nf.folder_id : 0;
  // Upload names that the policy refuses are stored under a placeholder rather than lost; the
  // client sees the difference in end.pl's filename, as with the real service's mangling.
  f.name = checked.ok() ? *checked : std::string("file");
  f.blob = std::move(nf.blob);
  f.date = now;
  f.visible_after = now + absl::Milliseconds(options_.visibility_delay_ms);
  f.content_type = base::MimeTypeFromName(f.name);
  f.password = std::move(nf.password);
  if (nf.account == anonymous_account()) f.removal_code = ids_->RemovalCode();
  UploadLink link;
  link.download = FileUrl(f.id);
  link.filename = f.name;
  if (!f.removal_code.empty()) {
    link.remove = absl::StrCat("https://", options_.file_url_host, "/remove/", f.id, "/",
                               f.removal_code);
  }
  link.size = f.blob->size();
  link.whirlpool = f.blob->whirlpool();
  auto [it, inserted] = files_.emplace(f.id, std::move(f));
  AttachFile(it->second);
  return link;
}

std::string Store::NewUploadSession(int account) {
  absl::MutexLock lock(&mu_);
  const absl::Time now = NowLocked();
  // Forget stale sessions and tokens now and then so a long soak does not grow without bound.
  if (now - last_sweep_ > absl::Minutes(1)) {
    last_sweep_ = now;
    absl::erase_if(uploads_, [&](const auto& kv) {
      const UploadSession& s = kv.second;
      return (s.state == UploadSession::State::kFresh && now - s.created > kUploadIdLifetime) ||
             (s.state == UploadSession::State::kDone && now - s.finished > kUploadReportLifetime);
    });
    absl::erase_if(tokens_, [&](const auto& kv) {
      return now > kv.second.expires + absl::Minutes(30);
    });
  }
  std::string id;
  do {
    id = ids_->UploadId();
  } while (uploads_.contains(id));
  UploadSession s;
  s.account = account;
  s.created = now;
  uploads_.emplace(id, std::move(s));
  return id;
}

absl::StatusOr<int> Store::BeginUpload(absl::string_view upload_id) {
  absl::MutexLock lock(&mu_);
  auto it = uploads_.find(upload_id);
  if (it == uploads_.end() || NowLocked() - it->second.created > kUploadIdLifetime) {
    return ResourceNotFound();
  }
  if (it->second.state != UploadSession::State::kFresh) {
    return absl::FailedPreconditionError("upload id already used");
  }
  it->second.state = UploadSession::State::kUploading;
  return it->second.account;
}

void Store::FinishUpload(absl::string_view upload_id, std::vector<UploadLink> links) {
  absl::MutexLock lock(&mu_);
  auto it = uploads_.find(upload_id);
  if (it == uploads_.end()) return;
  it->second.state = UploadSession::State::kDone;
  it->second.finished = NowLocked();
  it->second.links = std::move(links);
}

void Store::AbortUpload(absl::string_view upload_id) {
  absl::MutexLock lock(&mu_);
  auto it = uploads_.find(upload_id);
  // A failed transfer leaves the id usable again, so a client may retry with the same id.
  if (it != uploads_.end()) it->second.state = UploadSession::State::kFresh;
}

std::optional<UploadReport> Store::GetUploadReport(absl::string_view upload_id) {
  absl::MutexLock lock(&mu_);
  auto it = uploads_.find(upload_id);
  if (it == uploads_.end()) return std::nullopt;
  UploadReport r;
  r.finished = it->second.state == UploadSession::State::kDone;
  if (r.finished && NowLocked() - it->second.finished > kUploadReportLifetime) {
    return std::nullopt;
  }
  r.links = it->second.links;
  return r;
}

// ------------------------------------------------------------------------------- download

absl::StatusOr<std::string> Store::CreateToken(int account, absl::string_view url,
                                               const std::optional<std::string>& pass,
                                               bool single, bool inline_) {
  absl::MutexLock lock(&mu_);
  absl::StatusOr<File*> found = FindReadableFile(account, url, pass);
  if (!found.ok()) return found.status();
  File* f = *found;
  std::string token;
  do {
    token = ids_->DownloadToken();
  } while (tokens_.contains(token));
  Token t;
  t.file_id = f->id;
  t.expires = NowLocked() + absl::Seconds(options_.token_lifetime_seconds);
  t.single = single;
  t.inline_ = inline_ || f->inline_;
  tokens_.emplace(token, std::move(t));
  return token;
}

absl::StatusOr<DownloadTarget> Store::OpenToken(absl::string_view token) {
  absl::MutexLock lock(&mu_);
  auto it = tokens_.find(token);
  if (it == tokens_.end()) return absl::NotFoundError("unknown token");
  Token& t = it->second;
  // Past its lifetime a token is dead, except that a multi-use token whose transfer started
  // may resume for a while ("recovery 30 minutes", spec §6.1).
  const absl::Time now = NowLocked();
  const bool recovering = t.used && !t.single && now <= t.expires + kTokenRecovery;
  if (now > t.expires && !recovering) return absl::FailedPreconditionError("token expired");
  if (t.single && t.used) return absl::FailedPreconditionError("token already used");
  auto fit = files_.find(t.file_id);
  if (fit == files_.end()) return absl::NotFoundError("file removed");
  t.used = true;
  DownloadTarget out;
  out.blob = fit->second.blob;
  out.filename = fit->second.name;
  out.content_type = fit->second.content_type;
  out.inline_ = t.inline_;
  return out;
}

// -------------------------------------------------------------------------- remote upload

absl::Status Store::CheckFolder(int account, int64_t folder_id) {
  absl::MutexLock lock(&mu_);
  return FindFolder(account, folder_id) ? absl::OkStatus() : ResourceNotFound();
}

int64_t Store::AddRemoteJob(int account, int64_t folder_id, std::vector<std::string> urls,
                            std::vector<std::pair<std::string, std::string>> headers) {
  absl::MutexLock lock(&mu_);
  RemoteJob job;
  job.id = next_remote_job_id_++;
  job.account = account;
  job.folder_id = folder_id;
  job.urls = std::move(urls);
  job.headers = std::move(headers);
  job.requested = NowLocked();
  remote_jobs_.push_back(job);
  return job.id;
}

std::vector<RemoteJob> Store::RemoteJobs(int account) {
  absl::MutexLock lock(&mu_);
  std::vector<RemoteJob> out;
  for (const RemoteJob& j : remote_jobs_) {
    if (j.account == account) out.push_back(j);
  }
  return out;
}

std::optional<RemoteJob> Store::GetRemoteJob(int account, int64_t id) {
  absl::MutexLock lock(&mu_);
  for (const RemoteJob& j : remote_jobs_) {
    if (j.id == id && j.account == account) return j;
  }
  return std::nullopt;
}

std::optional<RemoteJob> Store::NextPendingRemoteJob() {
  absl::MutexLock lock(&mu_);
  for (const RemoteJob& j : remote_jobs_) {
    if (!j.executed) return j;
  }
  return std::nullopt;
}

void Store::CompleteRemoteJob(int64_t id, std::vector<RemoteJobResult> results) {
  absl::MutexLock lock(&mu_);
  for (RemoteJob& j : remote_jobs_) {
    if (j.id != id) continue;
    j.executed = NowLocked();
    j.results = std::move(results);
  }
}

}  // namespace emulator
