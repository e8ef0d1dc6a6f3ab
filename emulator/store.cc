#include "emulator/store.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "base/json_writer.h"
#include "emulator/api_error.h"

namespace emulator {
namespace {

constexpr size_t kMaxNameLength = 250;

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

Store::Store(const Options& options, IdGenerator* ids, base::OffsetClock* clock)
    : options_(options), ids_(ids), clock_(clock) {
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
  clock_->Reset();
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

absl::Time Store::NowLocked() { return clock_->Now(); }

absl::Time Store::Now() {
  absl::MutexLock lock(&mu_);
  return NowLocked();
}

void Store::AdvanceClock(absl::Duration d) { clock_->Advance(d); }

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

absl::StatusOr<Store::File*> Store::FindReadableFile(int account, absl::string_view url,
                                                     const std::optional<std::string>& pass) {
  File* f = FindFile(url);
  if (f == nullptr) return ResourceNotFound();
  if (f->account != account && !f->password.empty()) {
    if (!pass || pass->empty()) return PasswordNotProvided();
    if (*pass != f->password) return InvalidPassword();
  }
  return f;
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
