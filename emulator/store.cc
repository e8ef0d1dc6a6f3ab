#include "emulator/store.h"

#include <algorithm>
#include <map>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "base/json_writer.h"
#include "base/mime_type.h"
#include "emulator/api_error.h"

namespace emulator {
namespace {

constexpr absl::Duration kUploadIdLifetime = absl::Hours(24);
constexpr absl::Duration kUploadReportLifetime = absl::Hours(2);
constexpr size_t kMaxNameLength = 250;
constexpr absl::Duration kTokenRecovery = absl::Minutes(25);

// The id part of a file URL: what follows "?" up to any "&", 5-20 alphanumerics (§2.7).
std::optional<std::string> FileIdFromUrl(absl::string_view url) {
  const size_t q = url.find('?');
  if (q == absl::string_view::npos) return std::nullopt;
  absl::string_view id = url.substr(q + 1);
  id = id.substr(0, id.find('&'));
  if (id.size() < 5 || id.size() > 20) return std::nullopt;
  for (char c : id) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c))) return std::nullopt;
  }
  return std::string(id);
}

}  // namespace

Store::Store(const Options& options, IdGenerator* ids) : options_(options), ids_(ids) {
  int n = 0;
  for (const ApiKey& key : options.keys) {
    Account a;
    a.key = key.key;
    a.premium = key.premium;
    a.email = absl::StrCat("user", ++n, "@example.com");
    account_by_key_.emplace(a.key, static_cast<int>(accounts_.size()));
    accounts_.push_back(std::move(a));
  }
  Account anonymous;
  anonymous.email = "anonymous";
  accounts_.push_back(std::move(anonymous));
  absl::MutexLock lock(&mu_);
  ResetLocked();
}

std::optional<int> Store::AccountForKey(absl::string_view key) const {
  auto it = account_by_key_.find(key);
  if (it == account_by_key_.end()) return std::nullopt;
  return it->second;
}

void Store::Reset() {
  absl::MutexLock lock(&mu_);
  ResetLocked();
}

void Store::ResetLocked() {
  clock_offset_ = absl::ZeroDuration();
  const absl::Time now = NowLocked();
  roots_.clear();
  for (size_t i = 0; i < accounts_.size(); ++i) {
    Folder root;
    root.id = 0;
    root.account = static_cast<int>(i);
    root.created = now;
    roots_.push_back(std::move(root));
    accounts_[i].settings.clear();
  }
  folders_.clear();
  files_.clear();
  uploads_.clear();
  tokens_.clear();
  shares_.clear();
  remote_jobs_.clear();
  next_folder_id_ = 1000000;
  next_remote_job_id_ = 4000;
  last_sweep_ = now;
}

absl::Time Store::NowLocked() { return absl::Now() + clock_offset_; }

absl::Time Store::Now() {
  absl::MutexLock lock(&mu_);
  return NowLocked();
}

void Store::AdvanceClock(absl::Duration d) {
  absl::MutexLock lock(&mu_);
  clock_offset_ += d;
}

std::string Store::FileUrl(absl::string_view id) const {
  return absl::StrCat("https://", options_.file_url_host, "/?", id);
}

std::string Store::ShareUrl(absl::string_view share_id) const {
  return absl::StrCat("https://", options_.file_url_host, "/dir/", share_id);
}

Store::Folder* Store::FindFolder(int account, int64_t id) {
  if (id == 0) return &roots_[account];
  auto it = folders_.find(id);
  if (it == folders_.end() || it->second.account != account) return nullptr;
  return &it->second;
}

Store::File* Store::FindFile(absl::string_view url) {
  auto id = FileIdFromUrl(url);
  if (!id) return nullptr;
  auto it = files_.find(*id);
  return it == files_.end() ? nullptr : &it->second;
}

absl::StatusOr<std::string> Store::CheckName(absl::string_view name) const {
  static constexpr absl::string_view kMangled = "\\<>\"'$`";
  std::string out(name);
  switch (options_.name_policy) {
    case NamePolicy::kKeep:
      break;
    case NamePolicy::kStrip:
      out.erase(std::remove_if(out.begin(), out.end(),
                               [](char c) { return kMangled.find(c) != absl::string_view::npos; }),
                out.end());
      out = std::string(absl::StripAsciiWhitespace(out));
      break;
    case NamePolicy::kReject:
      if (out.find_first_of(kMangled.data(), 0, kMangled.size()) != std::string::npos || absl::StartsWith(out, " ") ||
          absl::EndsWith(out, " ")) {
        return BadRequest();
      }
      break;
  }
  if (out.empty() || out.size() > kMaxNameLength || out.find('/') != std::string::npos) {
    return BadRequest();
  }
  return out;
}

std::string Store::PathOf(int account, int64_t folder_id) {
  std::vector<absl::string_view> parts;
  const Folder* f = FindFolder(account, folder_id);
  // Bounded by the number of folders; parents always exist while a child does.
  while (f != nullptr && f->id != 0) {
    parts.push_back(f->name);
    f = FindFolder(account, f->parent);
  }
  std::reverse(parts.begin(), parts.end());
  return absl::StrJoin(parts, "/");
}

FileView Store::ViewOf(const File& f) {
  FileView v;
  v.id = f.id;
  v.url = FileUrl(f.id);
  v.name = f.name;
  v.size = f.blob->size();
  v.date = f.date;
  v.checksum = f.blob->whirlpool();
  v.content_type = f.content_type;
  v.description = f.description;
  v.folder_id = f.folder_id;
  v.has_password = !f.password.empty();
  v.no_ssl = f.no_ssl;
  v.inline_ = f.inline_;
  v.cdn = f.cdn;
  v.acl_json = f.acl_json;
  return v;
}

FolderView Store::ViewOf(const Folder& f) const {
  FolderView v;
  v.id = f.id;
  v.name = f.name;
  v.created = f.created;
  v.has_password = !f.share_pass.empty();
  if (!f.share_id.empty()) v.share_url = ShareUrl(f.share_id);
  return v;
}

std::string Store::NewFileIdLocked() {
  // 36^20 ids make a collision practically impossible; the loop only guards correctness.
  for (;;) {
    std::string id = ids_->FileId();
    if (!files_.contains(id)) return id;
  }
}

void Store::DetachFile(File& f) {
  if (Folder* folder = FindFolder(f.account, f.folder_id)) folder->files.erase(f.id);
}

void Store::AttachFile(File& f) {
  Folder* folder = FindFolder(f.account, f.folder_id);
  if (folder == nullptr) {
    f.folder_id = 0;
    folder = &roots_[f.account];
  }
  folder->files.insert(f.id);
}

// ---------------------------------------------------------------------------------- files

absl::StatusOr<std::vector<FileView>> Store::ListFiles(int account, int64_t folder_id,
                                                       std::optional<absl::Time> sent_before,
                                                       std::optional<absl::Time> sent_after,
                                                       absl::Duration hide_younger_than) {
  absl::MutexLock lock(&mu_);
  const absl::Time now = NowLocked();
  std::vector<const File*> picked;
  auto consider = [&](const File& f) {
    if (f.visible_after > now || now - f.date < hide_younger_than) return;
    if (sent_before && !(f.date < *sent_before)) return;
    if (sent_after && !(f.date > *sent_after)) return;
    picked.push_back(&f);
  };
  if (folder_id == -1) {
    for (const auto& [id, f] : files_) {
      if (f.account == account) consider(f);
    }
  } else {
    const Folder* folder = FindFolder(account, folder_id);
    if (folder == nullptr) return ResourceNotFound();
    for (const std::string& id : folder->files) consider(files_.at(id));
  }
  std::sort(picked.begin(), picked.end(), [](const File* a, const File* b) {
    return std::tie(a->date, a->name, a->id) < std::tie(b->date, b->name, b->id);
  });
  if (picked.size() > options_.listing_cap) picked.resize(options_.listing_cap);
  std::vector<FileView> out;
  out.reserve(picked.size());
  for (const File* f : picked) out.push_back(ViewOf(*f));
  return out;
}

absl::StatusOr<FolderListing> Store::ListFolder(int account, int64_t folder_id, bool with_files,
                                                absl::Duration hide_younger_than) {
  absl::MutexLock lock(&mu_);
  const absl::Time now = NowLocked();
  const Folder* folder = FindFolder(account, folder_id);
  if (folder == nullptr) return ResourceNotFound();
  FolderListing out;
  out.folder = ViewOf(*folder);
  std::vector<const Folder*> subs;
  for (int64_t id : folder->children) subs.push_back(&folders_.at(id));
  std::sort(subs.begin(), subs.end(), [](const Folder* a, const Folder* b) {
    return std::tie(a->name, a->id) < std::tie(b->name, b->id);
  });
  for (const Folder* f : subs) out.sub_folders.push_back(ViewOf(*f));
  std::vector<const File*> files;
  for (const std::string& id : folder->files) {
    const File& f = files_.at(id);
    if (f.visible_after > now || now - f.date < hide_younger_than) continue;
    files.push_back(&f);
    ++out.file_count;
    out.total_size += f.blob->size();
  }
  if (with_files) {
    std::sort(files.begin(), files.end(), [](const File* a, const File* b) {
      return std::tie(a->date, a->name, a->id) < std::tie(b->date, b->name, b->id);
    });
    if (files.size() > options_.listing_cap) files.resize(options_.listing_cap);
    for (const File* f : files) out.files.push_back(ViewOf(*f));
  }
  return out;
}

absl::StatusOr<FileView> Store::FileInfo(int account, absl::string_view url,
                                         const std::optional<std::string>& pass) {
  absl::MutexLock lock(&mu_);
  File* f = FindFile(url);
  if (f == nullptr) return ResourceNotFound();
  if (f->account != account && !f->password.empty()) {
    if (!pass || pass->empty()) return PasswordNotProvided();
    if (*pass != f->password) return InvalidPassword();
  }
  FileView v = ViewOf(*f);
  // The containing folder is private to the owner.
  if (f->account == account) {
    v.path = PathOf(account, f->folder_id);
  } else {
    v.folder_id = 0;
  }
  return v;
}

absl::StatusOr<std::vector<std::string>> Store::RemoveFiles(
    int account, const std::vector<RemoveRequest>& requests) {
  absl::MutexLock lock(&mu_);
  std::vector<std::string> removed;
  for (const RemoveRequest& r : requests) {
    File* f = FindFile(r.url);
    if (f == nullptr) continue;
    const bool owner = f->account == account;
    const bool by_code = !f->removal_code.empty() && r.code == f->removal_code;
    if (!owner && !by_code) continue;
    removed.push_back(FileUrl(f->id));
    DetachFile(*f);
    files_.erase(f->id);
  }
  if (removed.empty()) return ResourceNotFound();
  return removed;
}

absl::StatusOr<std::vector<std::string>> Store::MoveFiles(
    int account, const std::vector<std::string>& urls, int64_t destination,
    const std::optional<std::string>& rename) {
  if (urls.empty()) return BadRequest();
  if (rename && urls.size() != 1) return BadRequest();
  std::optional<std::string> new_name;
  if (rename) {
    auto checked = CheckName(*rename);
    if (!checked.ok()) return checked.status();
    new_name = *checked;
  }
  absl::MutexLock lock(&mu_);
  if (FindFolder(account, destination) == nullptr) return ResourceNotFound();
  // Validate everything first so a failed call changes nothing.
  std::vector<File*> targets;
  for (const std::string& url : urls) {
    File* f = FindFile(url);
    if (f == nullptr || f->account != account) return ResourceNotFound();
    targets.push_back(f);
  }
  if (new_name && targets[0]->name == *new_name) return NothingRenamed();
  std::vector<std::string> moved;
  for (File* f : targets) {
    DetachFile(*f);
    f->folder_id = destination;
    if (new_name) f->name = *new_name;
    AttachFile(*f);
    moved.push_back(FileUrl(f->id));
  }
  return moved;
}

absl::StatusOr<std::vector<Store::CopyResult>> Store::CopyFiles(
    int account, const std::vector<std::string>& urls, int64_t destination,
    const std::optional<std::string>& rename, const std::optional<std::string>& pass) {
  if (urls.empty()) return BadRequest();
  if (rename && urls.size() != 1) return BadRequest();
  std::optional<std::string> new_name;
  if (rename) {
    auto checked = CheckName(*rename);
    if (!checked.ok()) return checked.status();
    new_name = *checked;
  }
  absl::MutexLock lock(&mu_);
  if (FindFolder(account, destination) == nullptr) return ResourceNotFound();
  // Copies of the sources, not pointers: inserting into files_ may move its elements.
  std::vector<File> sources;
  for (const std::string& url : urls) {
    File* f = FindFile(url);
    if (f == nullptr) return ResourceNotFound();
    if (f->account != account && !f->password.empty()) {
      if (!pass || pass->empty()) return PasswordNotProvided();
      if (*pass != f->password) return InvalidPassword();
    }
    sources.push_back(*f);
  }
  const absl::Time now = NowLocked();
  std::vector<CopyResult> out;
  for (const File& src : sources) {
    File copy;
    copy.id = NewFileIdLocked();
    copy.account = account;
    copy.folder_id = destination;
    copy.name = new_name ? *new_name : src.name;
    copy.blob = src.blob;
    copy.date = now;
    copy.visible_after = now + absl::Milliseconds(options_.visibility_delay_ms);
    copy.content_type = src.content_type;
    auto [it, inserted] = files_.emplace(copy.id, std::move(copy));
    AttachFile(it->second);
    out.push_back({FileUrl(src.id), FileUrl(it->first)});
  }
  return out;
}

absl::StatusOr<std::vector<Store::RenameResult>> Store::RenameFiles(
    int account, const std::vector<std::pair<std::string, std::string>>& renames) {
  if (renames.empty()) return BadRequest();
  std::vector<std::string> names;
  for (const auto& [url, name] : renames) {
    auto checked = CheckName(name);
    if (!checked.ok()) return checked.status();
    names.push_back(*checked);
  }
  absl::MutexLock lock(&mu_);
  std::vector<RenameResult> out;
  for (size_t i = 0; i < renames.size(); ++i) {
    File* f = FindFile(renames[i].first);
    if (f == nullptr || f->account != account || f->name == names[i]) continue;
    out.push_back({FileUrl(f->id), f->name, names[i]});
    f->name = names[i];
  }
  if (out.empty()) return NothingRenamed();
  return out;
}

absl::StatusOr<std::vector<std::string>> Store::ChangeAttributes(
    int account, const std::vector<std::string>& urls, const Attributes& a) {
  if (urls.empty()) return BadRequest();
  if (a.filename && urls.size() != 1) return BadRequest();
  if (a.pass && !a.pass->empty() && a.pass->size() < 6) return BadRequest();
  std::optional<std::string> new_name;
  if (a.filename) {
    auto checked = CheckName(*a.filename);
    if (!checked.ok()) return checked.status();
    new_name = *checked;
  }
  absl::MutexLock lock(&mu_);
  std::vector<File*> targets;
  for (const std::string& url : urls) {
    File* f = FindFile(url);
    if (f == nullptr || f->account != account) return ResourceNotFound();
    targets.push_back(f);
  }
  std::vector<std::string> updated;
  for (File* f : targets) {
    if (new_name) f->name = *new_name;
    if (a.description) f->description = *a.description;
    if (a.pass) f->password = *a.pass;
    if (a.no_ssl) f->no_ssl = *a.no_ssl;
    if (a.inline_) f->inline_ = *a.inline_;
    if (a.cdn) f->cdn = *a.cdn;
    if (a.acl_json) f->acl_json = (*a.acl_json == "{}" || *a.acl_json == "[]") ? "" : *a.acl_json;
    updated.push_back(FileUrl(f->id));
  }
  return updated;
}

// -------------------------------------------------------------------------------- folders

absl::StatusOr<FolderView> Store::MakeFolder(int account, int64_t parent_id,
                                             absl::string_view name) {
  auto checked = CheckName(name);
  if (!checked.ok()) return checked.status();
  absl::MutexLock lock(&mu_);
  Folder* parent = FindFolder(account, parent_id);
  if (parent == nullptr) return ResourceNotFound();
  if (!options_.allow_duplicate_folders) {
    for (int64_t id : parent->children) {
      if (folders_.at(id).name == *checked) return FolderExists();
    }
  }
  Folder f;
  f.id = next_folder_id_++;
  f.account = account;
  f.parent = parent_id;
  f.name = *checked;
  f.created = NowLocked();
  parent->children.insert(f.id);
  FolderView view = ViewOf(f);
  folders_.emplace(f.id, std::move(f));
  return view;
}

absl::Status Store::RemoveFolder(int account, int64_t folder_id) {
  absl::MutexLock lock(&mu_);
  if (folder_id == 0) return RootFolderLocked();
  Folder* f = FindFolder(account, folder_id);
  if (f == nullptr) return ResourceNotFound();
  if (!f->children.empty() || !f->files.empty()) return FolderNotEmpty();
  if (Folder* parent = FindFolder(account, f->parent)) parent->children.erase(folder_id);
  if (!f->share_id.empty()) shares_.erase(f->share_id);
  folders_.erase(folder_id);
  return absl::OkStatus();
}

absl::StatusOr<Store::FolderMove> Store::MoveFolder(int account, int64_t folder_id,
                                                    int64_t destination,
                                                    const std::optional<std::string>& rename) {
  std::optional<std::string> new_name;
  if (rename && !rename->empty()) {
    auto checked = CheckName(*rename);
    if (!checked.ok()) return checked.status();
    new_name = *checked;
  }
  absl::MutexLock lock(&mu_);
  if (folder_id == 0) return RootFolderLocked();
  Folder* f = FindFolder(account, folder_id);
  if (f == nullptr) return ResourceNotFound();
  FolderMove out{f->name, f->name};
  Folder* parent = FindFolder(account, f->parent);
  if (new_name) {
    // Per the doc, a rename ignores the destination (spec §8.4).
    if (!options_.allow_duplicate_folders) {
      for (int64_t id : parent->children) {
        if (id != folder_id && folders_.at(id).name == *new_name) return FolderExists();
      }
    }
    f->name = *new_name;
    out.new_name = *new_name;
    return out;
  }
  Folder* dest = FindFolder(account, destination);
  if (dest == nullptr) return ResourceNotFound();
  // Walk up from the destination: reaching the folder itself means a cycle.
  for (const Folder* p = dest; p != nullptr && p->id != 0; p = FindFolder(account, p->parent)) {
    if (p->id == folder_id) return FolderIntoItself();
  }
  if (!options_.allow_duplicate_folders) {
    for (int64_t id : dest->children) {
      if (id != folder_id && folders_.at(id).name == f->name) return FolderExists();
    }
  }
  parent->children.erase(folder_id);
  dest->children.insert(folder_id);
  f->parent = destination;
  return out;
}

absl::StatusOr<std::string> Store::ShareFolder(int account, int64_t folder_id, bool share,
                                               const std::optional<std::string>& pass,
                                               const std::optional<std::string>& shares_json) {
  if (pass && !pass->empty() && pass->size() < 6) return BadRequest();
  absl::MutexLock lock(&mu_);
  Folder* f = FindFolder(account, folder_id);
  if (f == nullptr) return ResourceNotFound();
  if (shares_json) f->shares_json = *shares_json;
  if (!share) {
    if (!f->share_id.empty()) shares_.erase(f->share_id);
    f->share_id.clear();
    f->share_pass.clear();
    return std::string();
  }
  if (f->share_id.empty()) {
    std::string id;
    do {
      id = ids_->ShareId();
    } while (shares_.contains(id));
    f->share_id = id;
    // A root share is keyed by account since every root has wire id 0.
    shares_[id] = folder_id == 0 ? -1 - account : folder_id;
  }
  if (pass) f->share_pass = *pass;
  return ShareUrl(f->share_id);
}

absl::StatusOr<std::vector<FileView>> Store::PublicListing(
    absl::string_view share_id, const std::optional<std::string>& pass) {
  absl::MutexLock lock(&mu_);
  auto it = shares_.find(share_id);
  if (it == shares_.end()) return ResourceNotFound();
  Folder* f;
  if (it->second < 0) {
    f = &roots_[-1 - it->second];
  } else {
    auto fit = folders_.find(it->second);
    if (fit == folders_.end()) return ResourceNotFound();
    f = &fit->second;
  }
  if (!f->share_pass.empty() && (!pass || *pass != f->share_pass)) return InvalidPassword();
  const absl::Time now = NowLocked();
  std::vector<const File*> files;
  for (const std::string& id : f->files) {
    const File& file = files_.at(id);
    if (file.visible_after <= now) files.push_back(&file);
  }
  std::sort(files.begin(), files.end(), [](const File* a, const File* b) {
    return std::tie(a->date, a->name, a->id) < std::tie(b->date, b->name, b->id);
  });
  std::vector<FileView> out;
  for (const File* file : files) out.push_back(ViewOf(*file));
  return out;
}

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
  File* f = FindFile(url);
  if (f == nullptr) return ResourceNotFound();
  if (f->account != account && !f->password.empty()) {
    if (!pass || pass->empty()) return PasswordNotProvided();
    if (*pass != f->password) return InvalidPassword();
  }
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

// ----------------------------------------------------------------------------------- user

Store::Usage Store::AccountUsage(int account) {
  absl::MutexLock lock(&mu_);
  Usage u;
  for (const auto& [id, f] : files_) {
    if (f.account != account) continue;
    u.bytes += f.blob->size();
    ++u.files;
  }
  return u;
}

void Store::SetSetting(int account, absl::string_view name, int64_t value) {
  absl::MutexLock lock(&mu_);
  accounts_[account].settings[name] = value;
}

int64_t Store::Setting(int account, absl::string_view name, int64_t default_value) {
  absl::MutexLock lock(&mu_);
  auto& s = accounts_[account].settings;
  auto it = s.find(name);
  return it == s.end() ? default_value : it->second;
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

// ---------------------------------------------------------------------------------- admin

void Store::DumpFolder(base::JsonWriter& w, const Folder& folder) {
  w.BeginObject();
  w.Field("id", folder.id).Field("name", folder.name);
  if (!folder.share_id.empty()) w.Field("shared", ShareUrl(folder.share_id));
  w.Key("files").BeginArray();
  std::vector<const File*> files;
  for (const std::string& id : folder.files) files.push_back(&files_.at(id));
  std::sort(files.begin(), files.end(), [](const File* a, const File* b) {
    return std::tie(a->date, a->name, a->id) < std::tie(b->date, b->name, b->id);
  });
  for (const File* f : files) {
    w.BeginObject()
        .Field("url", FileUrl(f->id))
        .Field("filename", f->name)
        .Field("size", f->blob->size())
        .Field("checksum", f->blob->whirlpool());
    if (!f->removal_code.empty()) w.Field("removal_code", f->removal_code);
    w.EndObject();
  }
  w.EndArray();
  w.Key("folders").BeginArray();
  std::vector<const Folder*> subs;
  for (int64_t id : folder.children) subs.push_back(&folders_.at(id));
  std::sort(subs.begin(), subs.end(), [](const Folder* a, const Folder* b) {
    return std::tie(a->name, a->id) < std::tie(b->name, b->id);
  });
  for (const Folder* sub : subs) DumpFolder(w, *sub);
  w.EndArray();
  w.EndObject();
}

std::string Store::DumpTreeJson() {
  absl::MutexLock lock(&mu_);
  base::JsonWriter w(/*pretty=*/true);
  w.BeginObject().Key("accounts").BeginArray();
  for (size_t i = 0; i < accounts_.size(); ++i) {
    w.BeginObject().Field("email", accounts_[i].email);
    if (static_cast<int>(i) != anonymous_account()) {
      w.Field("premium", accounts_[i].premium ? 1 : 0);
    }
    w.Key("root");
    DumpFolder(w, roots_[i]);
    w.EndObject();
  }
  w.EndArray().EndObject();
  return w.Take();
}

}  // namespace emulator
