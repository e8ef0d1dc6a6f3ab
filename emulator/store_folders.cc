// The folder calls of the store (spec §8): mkdir, rm, mv, sharing and public listings.
#include "emulator/store.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "emulator/api_error.h"

namespace emulator {

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

}  // namespace emulator
