#include "backend/fichier/fichier_fs.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "backend/fichier/answer_checks.h"
#include "backend/fichier/fichier_object.h"
#include "base/mime_type.h"
#include "base/string_views.h"
#include "vfs/errors.h"
#include "vfs/global_options.h"
#include "vfs/log.h"
#include "vfs/path.h"
#include "vfs/spool.h"

namespace backend::fichier {
std::shared_ptr<FichierFs> FichierFs::Create(std::string name, std::string root,
                                             FichierOptions options,
                                             std::shared_ptr<Account> account) {
  return std::shared_ptr<FichierFs>(
      new FichierFs(std::move(name), std::move(root), std::move(options), std::move(account)));
}

FichierFs::FichierFs(std::string name, std::string root, FichierOptions options,
                     std::shared_ptr<Account> account)
    : BasicFs(std::move(name), std::move(root)),
      options_(std::move(options)),
      account_(std::move(account)) {
  features_.duplicate_files = true;
  features_.can_have_empty_dirs = true;
  features_.read_mime_type = true;
  features_.hashes = hash::HashSet{hash::HashType::kWhirlpool};
  features_.precision = vfs::kModTimeNotSupported;
  features_.put_unchecked = true;
  features_.copy = true;
  features_.move = true;
  features_.dir_move = true;
  features_.purge = true;
  features_.public_link = true;
  features_.about = true;
  features_.copy_url = true;
  features_.put_stream = true;
  // Small uploads share sessions and removals share rm.cgi calls (uploader.h, remover.h).
  // Up to 500 files of up to 4 MiB wait together, so that a folder's small files share one
  // session (the spec's 500 files per upload.cgi): few connections, a fraction of the calls.
  features_.batch_width = static_cast<int>(account_->uploader().max_files());
  features_.batch_put_max_size = std::min<int64_t>(4 << 20, account_->uploader().small_file_limit());
  if (shared()) {
    // A public shared folder: list and download only.
    features_ = vfs::Features{};
    features_.duplicate_files = true;
    features_.read_mime_type = false;
    features_.precision = vfs::kModTimeNotSupported;
  }
}

absl::Status FichierFs::ReadOnly(std::string_view what) const {
  return vfs::PermissionDenied(what, "a shared_folder remote is read-only");
}

absl::StatusOr<std::vector<CachedFile>> FichierFs::SharedFiles() {
  absl::MutexLock lock(&shared_mu_);
  if (shared_files_.has_value()) return *shared_files_;
  absl::StatusOr<std::vector<SharedFile>> listed = account_->api().ListSharedFolder(
      SharedFolderRequest{options_.shared_folder, options_.folder_password});
  if (!listed.ok()) return vfs::WithContext(listed.status(), "listing the shared folder");
  std::vector<CachedFile> files;
  for (const SharedFile& f : *listed) {
    CachedFile file;
    file.item.url = f.link;
    file.item.filename = f.filename;
    file.item.size = f.size;
    file.name = account_->encoder().Decode(f.filename);
    if (absl::Status name = CheckListedName(f.filename, file.name); !name.ok()) {
      vfs::Log(vfs::LogLevel::kError, "fichier shared folder", base::ToStd(name.message()));
      continue;
    }
    files.push_back(std::move(file));
  }
  std::stable_sort(files.begin(), files.end(), [](const CachedFile& a, const CachedFile& b) {
    return a.name != b.name ? a.name < b.name : a.item.url < b.item.url;
  });
  shared_files_ = files;
  return files;
}

std::string FichierFs::Abs(std::string_view remote) const { return vfs::JoinPath(root_, remote); }

std::shared_ptr<FichierObject> FichierFs::MakeObject(std::string remote, int64_t folder_id,
                                                     const CachedFile& file) {
  return std::make_shared<FichierObject>(shared_from_this(), std::move(remote), folder_id, file);
}

void FichierFs::ExpireListing(std::string_view dir) { account_->ExpireListing(Abs(dir)); }

absl::StatusOr<vfs::DirEntries> FichierFs::List(std::string_view dir) {
  std::string abs = Abs(dir);
  if (shared()) {
    // The service lists a shared folder's files only, never sub-folders.
    if (!abs.empty()) return vfs::DirNotFound(dir);
    absl::StatusOr<std::vector<CachedFile>> files = SharedFiles();
    if (!files.ok()) return files.status();
    vfs::DirEntries entries;
    for (const CachedFile& f : *files) {
      entries.emplace_back(vfs::ObjectPtr(MakeObject(vfs::JoinPath(dir, f.name), -1, f)));
    }
    vfs::SortEntries(entries);
    return entries;
  }
  absl::StatusOr<int64_t> id = account_->FolderId(abs, false);
  if (!id.ok()) return vfs::IsDirNotFound(id.status()) ? vfs::DirNotFound(dir) : id.status();
  absl::StatusOr<Listing> listing = account_->ListingOf(*id, abs);
  if (!listing.ok()) {
    return vfs::IsDirNotFound(listing.status()) ? vfs::DirNotFound(dir) : listing.status();
  }
  vfs::DirEntries entries;
  entries.reserve(listing->folders.size() + listing->files.size());
  for (const CachedFolder& f : listing->folders) {
    vfs::Directory d;
    d.remote = vfs::JoinPath(dir, f.name);
    d.mod_time = ParseFichierDate(f.create_date).value_or(absl::UnixEpoch());
    d.id = std::to_string(f.id);
    // Learn the sub-folder ids for free: later paths below need no lookup.
    account_->dirs().Put(vfs::JoinPath(abs, f.name), d.id);
    entries.emplace_back(std::move(d));
  }
  for (const CachedFile& f : listing->files) {
    entries.emplace_back(vfs::ObjectPtr(MakeObject(vfs::JoinPath(dir, f.name), *id, f)));
  }
  vfs::SortEntries(entries);
  return entries;
}

absl::StatusOr<std::optional<CachedFile>> FichierFs::FindFile(int64_t folder_id,
                                                              std::string_view dir_path,
                                                              std::string_view leaf,
                                                              size_t* others) {
  absl::StatusOr<Listing> listing = account_->ListingOf(folder_id, dir_path);
  if (!listing.ok()) return listing.status();
  // Duplicates are ordered oldest first: the pick is the newest, the copy most likely meant.
  std::optional<CachedFile> found;
  size_t count = 0;
  for (const CachedFile& f : listing->files) {
    if (f.name != leaf) continue;
    found = f;
    ++count;
  }
  if (others != nullptr) *others = count == 0 ? 0 : count - 1;
  return found;
}

absl::StatusOr<vfs::ObjectPtr> FichierFs::NewObject(std::string_view remote) {
  std::string abs = Abs(remote);
  auto [parent, leaf] = vfs::SplitPath(abs);
  if (leaf.empty()) return vfs::ObjectNotFound(remote);
  if (shared()) {
    if (!parent.empty()) return vfs::ObjectNotFound(remote);
    absl::StatusOr<std::vector<CachedFile>> files = SharedFiles();
    if (!files.ok()) return files.status();
    const CachedFile* found = nullptr;
    for (const CachedFile& f : *files) {
      if (f.name == leaf) found = &f;
    }
    if (found == nullptr) return vfs::ObjectNotFound(remote);
    return vfs::ObjectPtr(MakeObject(std::string(remote), -1, *found));
  }
  absl::StatusOr<int64_t> id = account_->FolderId(parent, false);
  if (!id.ok()) return vfs::IsDirNotFound(id.status()) ? vfs::ObjectNotFound(remote) : id.status();
  size_t others = 0;
  absl::StatusOr<std::optional<CachedFile>> file = FindFile(*id, parent, leaf, &others);
  if (!file.ok()) {
    return vfs::IsDirNotFound(file.status()) ? vfs::ObjectNotFound(remote) : file.status();
  }
  if (!file->has_value()) return vfs::ObjectNotFound(remote);
  if (others > 0) {
    vfs::Log(vfs::LogLevel::kNotice, remote,
             "Duplicate object found in destination - using the newest of " +
                 std::to_string(others + 1) + " (" + (*file)->item.url + ")");
  }
  return vfs::ObjectPtr(MakeObject(std::string(remote), *id, **file));
}

absl::StatusOr<CachedFile> FichierFs::UploadFile(int64_t folder_id, std::string_view leaf,
                                                 vfs::Source& in, int64_t size,
                                                 const std::string& remote) {
  if (size == 0) return vfs::CantUploadEmptyFiles(remote);
  if (size > kMaxFileSize) return vfs::BadInput(remote, "File too big, cant upload");
  if (size < 0) {
    return vfs::BadInput(remote, "the size must be known in advance to upload to 1fichier");
  }
  std::string wire = account_->encoder().Encode(leaf);
  absl::StatusOr<UploadedFile> up = account_->uploader().Upload(folder_id, wire, in, size, remote);
  if (!up.ok()) return up.status();
  CachedFile file;
  file.item.url = up->url;
  file.item.filename = up->wire_name;
  file.item.size = up->size;
  file.item.date = FormatFichierDateNow();
  file.item.checksum = up->whirlpool;
  file.item.content_type = base::MimeTypeFromName(leaf);
  file.name = account_->encoder().Decode(up->wire_name);
  if (file.name != leaf) {
    vfs::Log(vfs::LogLevel::kNotice, remote,
             "the service stored the name as \"" + up->wire_name + "\"");
  }
  account_->folders().AddFile(folder_id, file);
  return file;
}

absl::Status FichierFs::RemoveFileUrl(int64_t folder_id, const std::string& url,
                                      const std::string& remote) {
  absl::Status removed = account_->remover().Remove(url);
  if (!removed.ok()) {
    if (absl::IsNotFound(removed)) {
      account_->folders().RemoveFile(folder_id, url);
      return vfs::ObjectNotFound(remote);
    }
    return vfs::WithContext(removed, "removing " + remote);
  }
  account_->folders().RemoveFile(folder_id, url);
  return absl::OkStatus();
}

absl::StatusOr<vfs::ObjectPtr> FichierFs::Upload(vfs::Source& in, const vfs::ObjectInfo& info,
                                                 Existing existing) {
  const std::string remote = info.remote();
  if (shared()) return ReadOnly(remote);
  // Refused before any call, with rclone's error.
  if (info.size() == 0) return vfs::CantUploadEmptyFiles(remote);
  std::string abs = Abs(remote);
  auto [parent, leaf] = vfs::SplitPath(abs);
  if (leaf.empty()) return vfs::BadInput(remote, "cannot upload to the root of a remote");
  absl::StatusOr<int64_t> folder = account_->FolderId(parent, true);
  if (!folder.ok()) return vfs::WithContext(folder.status(), "uploading " + remote);
  std::optional<CachedFile> old;
  if (existing == Existing::kReplace) {
    absl::StatusOr<std::optional<CachedFile>> found = FindFile(*folder, parent, leaf, nullptr);
    if (!found.ok()) return vfs::WithContext(found.status(), "uploading " + remote);
    old = *std::move(found);
  }
  absl::StatusOr<CachedFile> file = UploadFile(*folder, leaf, in, info.size(), remote);
  if (!file.ok()) return file.status();
  if (old.has_value() && old->item.url != file->item.url) {
    // Upload first, remove after: the old content stays until the new one is safe. (An upload
    // confirmed by listing never names a file we knew, but never remove what we return.)
    absl::Status removed = RemoveFileUrl(*folder, old->item.url, remote);
    if (!removed.ok() && !vfs::IsObjectNotFound(removed)) {
      return vfs::WithContext(removed, "replacing (the new copy is stored)");
    }
  }
  return vfs::ObjectPtr(MakeObject(remote, *folder, *file));
}

absl::StatusOr<vfs::ObjectPtr> FichierFs::Put(vfs::Source& in, const vfs::ObjectInfo& info,
                                              const vfs::PutOptions& /*options*/) {
  return Upload(in, info, Existing::kReplace);
}

absl::StatusOr<vfs::ObjectPtr> FichierFs::PutStream(vfs::Source& in, const vfs::ObjectInfo& info,
                                                    const vfs::PutOptions& options) {
  const std::string remote = info.remote();
  if (shared()) return ReadOnly(remote);
  absl::StatusOr<std::unique_ptr<vfs::SpoolFile>> spool =
      vfs::SpoolFile::Fill(in, vfs::SpoolDir());
  if (!spool.ok()) return vfs::WithContext(spool.status(), "reading the stream for " + remote);
  std::unique_ptr<vfs::Source> body = (*spool)->Open();
  vfs::StaticObjectInfo sized(remote, (*spool)->size(), info.mod_time(), {}, info.mime_type());
  return Put(*body, sized, options);
}

absl::StatusOr<vfs::ObjectPtr> FichierFs::PutUnchecked(vfs::Source& in,
                                                       const vfs::ObjectInfo& info,
                                                       const vfs::PutOptions& /*options*/) {
  return Upload(in, info, Existing::kAddDuplicate);
}

absl::Status FichierFs::Mkdir(std::string_view dir) {
  if (shared()) return ReadOnly(dir);
  absl::StatusOr<int64_t> id = account_->FolderId(Abs(dir), true);
  return id.status();
}

absl::Status FichierFs::Rmdir(std::string_view dir) {
  if (shared()) return ReadOnly(dir);
  std::string abs = Abs(dir);
  if (abs.empty()) return vfs::PermissionDenied(dir, "the account root cannot be removed");
  absl::StatusOr<int64_t> id = account_->FolderId(abs, false);
  if (!id.ok()) return vfs::IsDirNotFound(id.status()) ? vfs::DirNotFound(dir) : id.status();
  absl::StatusOr<Listing> listing = account_->ListingOf(*id, abs);
  if (!listing.ok()) {
    return vfs::IsDirNotFound(listing.status()) ? vfs::DirNotFound(dir) : listing.status();
  }
  if (!listing->files.empty() || !listing->folders.empty()) return vfs::DirNotEmpty(dir);
  absl::StatusOr<FolderRemoveResult> removed = account_->api().RemoveFolder(*id);
  if (!removed.ok()) {
    if (absl::IsNotFound(removed.status())) {
      account_->ForgetPath(abs);
      return vfs::DirNotFound(dir);
    }
    if (absl::IsFailedPrecondition(removed.status())) return vfs::DirNotEmpty(dir);
    return vfs::WithContext(removed.status(), "removing directory " + std::string(dir));
  }
  std::optional<std::string> parent_id = account_->dirs().Get(vfs::ParentDir(abs));
  if (parent_id.has_value()) account_->folders().RemoveFolder(std::stoll(*parent_id), *id);
  account_->folders().Forget(*id);
  account_->dirs().FlushDir(abs);
  return absl::OkStatus();
}

const FichierObject* FichierFs::SameAccount(const vfs::Object& src) const {
  const auto* object = dynamic_cast<const FichierObject*>(&src);
  if (object == nullptr) return nullptr;
  if (&object->owner().account() != account_.get()) return nullptr;
  return object;
}

absl::Status FichierFs::RemoveOthers(int64_t folder_id, std::string_view dir_path,
                                     std::string_view leaf, const std::string& keep_url) {
  absl::StatusOr<Listing> listing = account_->ListingOf(folder_id, dir_path);
  if (!listing.ok()) return listing.status();
  std::vector<RemoveFile> doomed;
  for (const CachedFile& f : listing->files) {
    if (f.name == leaf && f.item.url != keep_url) doomed.push_back(RemoveFile{f.item.url, ""});
  }
  if (doomed.empty()) return absl::OkStatus();
  absl::StatusOr<RemoveFilesResult> removed = account_->api().RemoveFiles(doomed);
  if (!removed.ok()) return removed.status();
  for (const RemoveFile& f : doomed) account_->folders().RemoveFile(folder_id, f.url);
  return absl::OkStatus();
}

absl::StatusOr<vfs::ObjectPtr> FichierFs::Placed(int64_t folder_id, std::string_view dir_path,
                                                 std::string_view leaf, std::string_view remote,
                                                 const CachedFile& file) {
  account_->folders().AddFile(folder_id, file);
  absl::Status replaced = RemoveOthers(folder_id, dir_path, leaf, file.item.url);
  if (!replaced.ok()) return vfs::WithContext(replaced, "replacing " + std::string(remote));
  return vfs::ObjectPtr(MakeObject(std::string(remote), folder_id, file));
}

absl::StatusOr<FichierFs::Target> FichierFs::TargetOf(const vfs::Object& src,
                                                      std::string_view remote) {
  const FichierObject* from = SameAccount(src);
  if (from == nullptr || shared()) return Target{};
  const std::string abs = Abs(remote);
  auto [parent, leaf] = vfs::SplitPath(abs);
  Target to{from, std::string(parent), std::string(leaf), 0, account_->encoder().Encode(leaf)};
  absl::StatusOr<int64_t> folder = account_->FolderId(to.parent, true);
  if (!folder.ok()) return folder.status();
  to.folder = *folder;
  // Whether a file of that name is there already: the copy or move then replaces it, as Put
  // would.
  absl::StatusOr<Listing> dest = account_->ListingOf(to.folder, to.parent);
  if (!dest.ok()) return dest.status();
  return to;
}

absl::StatusOr<vfs::ObjectPtr> FichierFs::Move(const vfs::Object& src, std::string_view remote) {
  absl::StatusOr<Target> to = TargetOf(src, remote);
  if (!to.ok()) return to.status();
  if (to->from == nullptr) return vfs::CantMove();
  CachedFile file = to->from->file();
  const int64_t from_folder = to->from->folder_id();
  if (from_folder == to->folder) {
    if (file.name != to->leaf) {  // never send a rename to the current name
      absl::StatusOr<RenameFilesResult> renamed =
          account_->api().RenameFiles({RenameFile{file.item.url, to->wire}});
      if (!renamed.ok()) return vfs::WithContext(renamed.status(), "renaming " + src.remote());
    }
  } else if (file.name == to->leaf) {
    // No rename: may share one mv.cgi with other moves into this folder.
    absl::Status moved = account_->server_side().Move(file.item.url, to->folder);
    if (!moved.ok()) return vfs::WithContext(moved, "moving " + src.remote());
  } else {
    MoveFilesRequest request;
    request.urls = {file.item.url};
    request.destination_folder_id = to->folder;
    request.rename = to->wire;
    absl::StatusOr<MoveFilesResult> moved = account_->api().MoveFiles(request);
    if (!moved.ok()) return vfs::WithContext(moved.status(), "moving " + src.remote());
  }
  account_->folders().RemoveFile(from_folder, file.item.url);
  file.item.filename = to->wire;
  file.name = std::string(to->leaf);
  return Placed(to->folder, to->parent, to->leaf, remote, file);
}

absl::StatusOr<vfs::ObjectPtr> FichierFs::Copy(const vfs::Object& src, std::string_view remote) {
  absl::StatusOr<Target> to = TargetOf(src, remote);
  if (!to.ok()) return to.status();
  if (to->from == nullptr) return vfs::CantCopy();
  CachedFile file = to->from->file();
  absl::StatusOr<std::string> to_url;
  if (to->wire == file.item.filename && options_.file_password.empty()) {
    // Same name, no password: may share one cp.cgi with other copies into this folder.
    to_url = account_->server_side().Copy(file.item.url, to->folder);
  } else {
    CopyFilesRequest request;  // rename is single-file only; rclone always sends it
    request.urls = {file.item.url};
    request.folder_id = to->folder;
    request.rename = to->wire;
    request.password = options_.file_password;
    absl::StatusOr<CopyFilesResult> copied = account_->api().CopyFiles(request);
    if (!copied.ok()) {
      to_url = copied.status();
    } else if (copied->urls.empty() || copied->urls[0].to_url.empty()) {
      to_url = absl::InternalError("file/cp.cgi reported no URL for the copy");
    } else {
      to_url = copied->urls[0].to_url;
    }
  }
  if (!to_url.ok()) return vfs::WithContext(to_url.status(), "copying " + src.remote());
  file.item.url = *to_url;
  file.item.filename = to->wire;
  file.item.date = FormatFichierDateNow();
  file.name = std::string(to->leaf);
  return Placed(to->folder, to->parent, to->leaf, remote, file);
}

absl::Status FichierFs::DirMove(vfs::Fs& src_fs, std::string_view src_remote,
                                std::string_view dst_remote) {
  auto* src = dynamic_cast<FichierFs*>(&src_fs);
  if (src == nullptr || src->account_ != account_ || shared()) return vfs::CantDirMove();
  std::string from = src->Abs(src_remote);
  std::string to = Abs(dst_remote);
  if (from.empty()) return vfs::CantDirMove(src_remote);
  absl::StatusOr<int64_t> id = account_->FolderId(from, false);
  if (!id.ok()) return id.status();
  absl::StatusOr<int64_t> exists = account_->FolderId(to, false);
  if (exists.ok()) return vfs::DirExists(dst_remote);
  if (!vfs::IsDirNotFound(exists.status())) return exists.status();
  if (vfs::IsUnder(to, from)) return vfs::BadInput(dst_remote, "cannot move a directory into itself");
  auto [from_parent, from_leaf] = vfs::SplitPath(from);
  auto [to_parent, to_leaf] = vfs::SplitPath(to);
  absl::StatusOr<int64_t> from_parent_id = account_->FolderId(from_parent, false);
  if (!from_parent_id.ok()) return from_parent_id.status();
  absl::StatusOr<int64_t> to_parent_id = account_->FolderId(to_parent, true);
  if (!to_parent_id.ok()) return to_parent_id.status();
  // Moving and renaming are separate calls: with both fields the service only renames.
  if (*from_parent_id != *to_parent_id) {
    FolderMoveRequest move;
    move.folder_id = *id;
    move.destination_folder_id = *to_parent_id;
    absl::StatusOr<FolderMoveResult> moved = account_->api().MoveFolder(move);
    if (!moved.ok()) return vfs::WithContext(moved.status(), "moving " + std::string(src_remote));
    account_->folders().RemoveFolder(*from_parent_id, *id);
    account_->folders().Forget(*id);  // keeps nothing stale about its content's paths
  }
  if (from_leaf != to_leaf) {
    FolderMoveRequest rename;
    rename.folder_id = *id;
    rename.rename = account_->encoder().Encode(to_leaf);
    absl::StatusOr<FolderMoveResult> renamed = account_->api().MoveFolder(rename);
    if (!renamed.ok()) {
      return vfs::WithContext(renamed.status(), "renaming " + std::string(src_remote));
    }
  }
  account_->folders().RemoveFolder(*from_parent_id, *id);
  account_->folders().AddFolder(*to_parent_id,
                                CachedFolder{*id, std::string(to_leaf), FormatFichierDateNow()});
  account_->dirs().Rename(from, to);
  return absl::OkStatus();
}

absl::Status FichierFs::PurgeFolder(int64_t folder_id, const std::string& path) {
  absl::StatusOr<Listing> listing = account_->ListingOf(folder_id, path);
  if (!listing.ok()) return listing.status();
  for (const CachedFolder& sub : listing->folders) {
    absl::Status st = PurgeFolder(sub.id, vfs::JoinPath(path, sub.name));
    if (!st.ok()) return st;
  }
  if (!listing->files.empty()) {
    // One call for every file of the folder.
    std::vector<RemoveFile> files;
    for (const CachedFile& f : listing->files) files.push_back(RemoveFile{f.item.url, ""});
    absl::StatusOr<RemoveFilesResult> removed = account_->api().RemoveFiles(files);
    if (!removed.ok()) return vfs::WithContext(removed.status(), "purging " + path);
    for (const RemoveFile& f : files) account_->folders().RemoveFile(folder_id, f.url);
  }
  absl::StatusOr<FolderRemoveResult> gone = account_->api().RemoveFolder(folder_id);
  if (!gone.ok()) return vfs::WithContext(gone.status(), "purging " + path);
  account_->folders().Forget(folder_id);
  return absl::OkStatus();
}

absl::Status FichierFs::Purge(std::string_view dir) {
  std::string abs = Abs(dir);
  if (abs.empty() || shared()) return vfs::CantPurge(dir);  // never the whole account in one go
  absl::StatusOr<int64_t> id = account_->FolderId(abs, false);
  if (!id.ok()) return vfs::IsDirNotFound(id.status()) ? vfs::DirNotFound(dir) : id.status();
  absl::Status st = PurgeFolder(*id, abs);
  std::optional<std::string> parent_id = account_->dirs().Get(vfs::ParentDir(abs));
  if (st.ok() && parent_id.has_value()) {
    account_->folders().RemoveFolder(std::stoll(*parent_id), *id);
  }
  account_->dirs().FlushDir(abs);
  return st;
}

absl::StatusOr<std::string> FichierFs::PublicLink(std::string_view remote,
                                                  absl::Duration /*expire*/, bool unlink) {
  if (unlink) return vfs::NotImplemented("PublicLink unlink");
  absl::StatusOr<vfs::ObjectPtr> object = NewObject(remote);
  if (!object.ok()) return object.status();
  return (*object)->id();
}

absl::StatusOr<vfs::Usage> FichierFs::About() {
  absl::StatusOr<UserInfo> info = account_->api().GetUserInfo();
  if (!info.ok()) return info.status();
  vfs::Usage usage;
  usage.used = info->cold_storage;
  usage.total = info->available_cold_storage;
  usage.free = info->available_cold_storage - info->cold_storage;
  return usage;
}

}  // namespace backend::fichier
