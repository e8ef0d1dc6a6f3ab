// The file calls of the store (spec §7): listings, info, rm, mv, cp, rename, attributes.
#include "emulator/store.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "emulator/api_error.h"

namespace emulator {

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
  absl::StatusOr<File*> found = FindReadableFile(account, url, pass);
  if (!found.ok()) return found.status();
  File* f = *found;
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

absl::StatusOr<std::optional<std::string>> Store::CheckedRename(
    const std::vector<std::string>& urls, const std::optional<std::string>& rename) const {
  if (urls.empty()) return BadRequest();
  if (rename && urls.size() != 1) return BadRequest();
  if (!rename) return std::optional<std::string>();
  absl::StatusOr<std::string> checked = CheckName(*rename);
  if (!checked.ok()) return checked.status();
  return std::optional<std::string>(*std::move(checked));
}

absl::StatusOr<std::vector<std::string>> Store::MoveFiles(
    int account, const std::vector<std::string>& urls, int64_t destination,
    const std::optional<std::string>& rename) {
  absl::StatusOr<std::optional<std::string>> checked = CheckedRename(urls, rename);
  if (!checked.ok()) return checked.status();
  const std::optional<std::string>& new_name = *checked;
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
  absl::StatusOr<std::optional<std::string>> checked = CheckedRename(urls, rename);
  if (!checked.ok()) return checked.status();
  const std::optional<std::string>& new_name = *checked;
  absl::MutexLock lock(&mu_);
  if (FindFolder(account, destination) == nullptr) return ResourceNotFound();
  // Copies of the sources, not pointers: inserting into files_ may move its elements.
  std::vector<File> sources;
  for (const std::string& url : urls) {
    absl::StatusOr<File*> f = FindReadableFile(account, url, pass);
    if (!f.ok()) return f.status();
    sources.push_back(**f);
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

}  // namespace emulator
