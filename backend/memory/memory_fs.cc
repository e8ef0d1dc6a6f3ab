#include "backend/memory/memory_fs.h"

#include <unistd.h>

#include <algorithm>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "backend/memory/memory_object.h"
#include "base/mime_type.h"
#include "vfs/errors.h"
#include "vfs/hashing_source.h"
#include "vfs/log.h"
#include "vfs/path.h"

namespace backend::memory {
namespace {

// Adds `dir` and every missing ancestor.
void EnsureDirsLocked(Store& store, std::string_view dir) ABSL_EXCLUSIVE_LOCKS_REQUIRED(store.mu) {
  std::string_view current = dir;
  absl::Time now = absl::Now();
  while (!store.dirs.contains(current)) {
    store.dirs.emplace(std::string(current), now);
    current = vfs::ParentDir(current);
  }
}

// True when `path` has anything (file or directory) below it.
bool HasChildrenLocked(Store& store, const std::string& path)
    ABSL_EXCLUSIVE_LOCKS_REQUIRED(store.mu) {
  std::string prefix = path.empty() ? "" : path + "/";
  auto d = store.dirs.upper_bound(path);
  if (d != store.dirs.end() && d->first.compare(0, prefix.size(), prefix) == 0 &&
      d->first != path) {
    return true;
  }
  auto f = store.files.lower_bound(prefix);
  return f != store.files.end() && f->first.compare(0, prefix.size(), prefix) == 0;
}

// Every store path (dirs and files) strictly below `path`.
template <typename Map>
std::vector<std::string> KeysBelow(const Map& map, const std::string& path) {
  std::vector<std::string> out;
  std::string prefix = path.empty() ? "" : path + "/";
  for (auto it = map.lower_bound(prefix);
       it != map.end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it) {
    if (!it->first.empty() && it->first != path) out.push_back(it->first);
  }
  return out;
}

}  // namespace

std::shared_ptr<MemoryFs> MemoryFs::Create(std::string name, std::string root,
                                           MemoryOptions options) {
  return std::shared_ptr<MemoryFs>(new MemoryFs(std::move(name), std::move(root), options));
}

MemoryFs::MemoryFs(std::string name, std::string root, MemoryOptions options)
    : StreamingPutFs(std::move(name), std::move(root)), options_(options) {
  features_.duplicate_files = options_.allow_duplicates;
  features_.put_unchecked = options_.allow_duplicates;
  features_.can_have_empty_dirs = true;
  features_.read_mime_type = true;
  features_.write_mime_type = true;
  features_.hashes = hash::kSupportedHashes;
  features_.precision = absl::Nanoseconds(1);
  features_.copy = true;
  features_.move = true;
  features_.dir_move = true;
  features_.purge = true;
  features_.about = true;
  features_.list_r = true;
}

absl::StatusOr<vfs::NewFsResult> MemoryFs::NewFs(const vfs::FsParams& params) {
  absl::StatusOr<bool> dups = params.GetBool("allow_duplicates");
  if (!dups.ok()) return dups.status();
  MemoryOptions options{.allow_duplicates = *dups};
  absl::StatusOr<std::string> root = vfs::CleanPath(params.root);
  if (!root.ok()) return root.status();
  bool root_is_file = false;
  if (!root->empty()) {
    Store& store = Store::Global();
    absl::MutexLock lock(&store.mu);
    root_is_file = store.files.contains(*root) && !store.dirs.contains(*root);
  }
  if (root_is_file) {
    std::string parent(vfs::ParentDir(*root));
    std::string leaf(vfs::Leaf(*root));
    return vfs::NewFsResult{Create(params.name, parent, options), leaf};
  }
  return vfs::NewFsResult{Create(params.name, *root, options), ""};
}

std::string MemoryFs::ToString() const { return absl::StrCat("Memory root '", root_, "'"); }

std::string MemoryFs::Abs(std::string_view remote) const { return vfs::JoinPath(root_, remote); }

vfs::ObjectPtr MemoryFs::MakeObject(std::string remote, FileRef record) {
  return std::make_shared<MemoryObject>(shared_from_this(), std::move(remote), std::move(record));
}

absl::StatusOr<vfs::DirEntries> MemoryFs::List(std::string_view dir) {
  std::string abs = Abs(dir);
  Store& store = Store::Global();
  vfs::DirEntries out;
  absl::MutexLock lock(&store.mu);
  if (!store.dirs.contains(abs)) return vfs::DirNotFound(dir);
  std::string prefix = abs.empty() ? "" : abs + "/";
  for (auto it = store.dirs.lower_bound(prefix);
       it != store.dirs.end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it) {
    std::string_view rel = std::string_view(it->first).substr(prefix.size());
    if (rel.empty() || rel.find('/') != std::string_view::npos) continue;
    out.push_back(vfs::Directory{.remote = vfs::JoinPath(dir, rel), .mod_time = it->second});
  }
  for (auto it = store.files.lower_bound(prefix);
       it != store.files.end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it) {
    std::string_view rel = std::string_view(it->first).substr(prefix.size());
    if (rel.find('/') != std::string_view::npos) continue;
    for (const FileRef& record : it->second) {
      out.push_back(MakeObject(vfs::JoinPath(dir, rel), record));
    }
  }
  return out;
}

absl::Status MemoryFs::ListR(std::string_view dir, const vfs::ListRCallback& callback) {
  std::string abs = Abs(dir);
  Store& store = Store::Global();
  vfs::DirEntries out;
  {
    absl::MutexLock lock(&store.mu);
    if (!store.dirs.contains(abs)) return vfs::DirNotFound(dir);
    size_t strip = root_.empty() ? 0 : root_.size() + 1;
    for (const std::string& d : KeysBelow(store.dirs, abs)) {
      out.push_back(vfs::Directory{.remote = d.substr(strip), .mod_time = store.dirs[d]});
    }
    for (const std::string& f : KeysBelow(store.files, abs)) {
      for (const FileRef& record : store.files[f]) out.push_back(MakeObject(f.substr(strip), record));
    }
  }
  // Outside the lock: the callback may call back into the Fs.
  return callback(std::move(out));
}

absl::StatusOr<vfs::ObjectPtr> MemoryFs::NewObject(std::string_view remote) {
  std::string abs = Abs(remote);
  Store& store = Store::Global();
  FileRef record;
  size_t copies = 0;
  {
    absl::MutexLock lock(&store.mu);
    auto it = store.files.find(abs);
    if (it == store.files.end()) {
      if (store.dirs.contains(abs)) return vfs::IsDirError(remote);
      return vfs::ObjectNotFound(remote);
    }
    record = it->second.front();  // the oldest: deterministic
    copies = it->second.size();
  }
  if (copies > 1) {
    vfs::Log(vfs::LogLevel::kNotice, remote,
             absl::StrCat(copies, " objects have this name, using the oldest (id ", record->id,
                          ")"));
  }
  return MakeObject(std::string(remote), std::move(record));
}

absl::StatusOr<MemoryFs::Content> MemoryFs::ReadContent(vfs::Source& in,
                                                        const vfs::ObjectInfo& info) {
  vfs::HashingSource hashing(in);
  absl::StatusOr<std::string> data = vfs::ReadAll(hashing);
  if (!data.ok()) return vfs::WithContext(data.status(), absl::StrCat("reading ", info.remote()));
  int64_t declared = info.size();
  if (declared >= 0 && static_cast<int64_t>(data->size()) != declared) {
    return vfs::DataCorruption(info.remote(), absl::StrCat("source gave ", data->size(),
                                                           " bytes, expected ", declared));
  }
  absl::StatusOr<std::string> sum = hashing.Sum(hash::HashType::kWhirlpool);
  if (!sum.ok()) return sum.status();
  return Content{std::make_shared<const std::string>(*std::move(data)), *std::move(sum)};
}

FileRef MemoryFs::PlaceLocked(Store& store, const std::string& abs, FileRef record,
                              Existing existing) {
  EnsureDirsLocked(store, vfs::ParentDir(abs));
  std::vector<FileRef>& slot = store.files[abs];
  if (existing == Existing::kReplace && !slot.empty()) {
    FileRef& target = slot.front();
    if (target != record) {
      // Overwrite in place so existing handles on that object see the new content.
      absl::MutexLock src_lock(&record->mu);
      absl::MutexLock dst_lock(&target->mu);
      target->data = record->data;
      target->mod_time = record->mod_time;
      target->mime_type = record->mime_type;
      target->whirlpool = record->whirlpool;
    }
    return target;
  }
  slot.push_back(record);
  return record;
}

absl::StatusOr<vfs::ObjectPtr> MemoryFs::Upload(vfs::Source& in, const vfs::ObjectInfo& info,
                                                const vfs::PutOptions& options,
                                                Existing existing) {
  absl::StatusOr<std::string> remote = vfs::CleanPath(info.remote());
  if (!remote.ok()) return remote.status();
  if (remote->empty()) return vfs::BadInput("Put", "empty object name");
  // Read everything before touching the store: a failing source leaves nothing behind.
  absl::StatusOr<Content> content = ReadContent(in, info);
  if (!content.ok()) return content.status();
  auto record = std::make_shared<FileRecord>();
  {
    absl::MutexLock lock(&record->mu);
    record->data = content->data;
    record->whirlpool = content->whirlpool;
    record->mod_time = info.mod_time();
    record->mime_type = !options.mime_type.empty()  ? options.mime_type
                        : !info.mime_type().empty() ? info.mime_type()
                                                    : base::MimeTypeFromName(*remote);
  }
  std::string abs = Abs(*remote);
  Store& store = Store::Global();
  FileRef placed;
  {
    absl::MutexLock lock(&store.mu);
    if (store.dirs.contains(abs)) return vfs::IsDirError(*remote);
    record->id = absl::StrCat("mem-", store.next_id++);
    placed = PlaceLocked(store, abs, record, existing);
  }
  return MakeObject(*std::move(remote), std::move(placed));
}

absl::StatusOr<vfs::ObjectPtr> MemoryFs::Put(vfs::Source& in, const vfs::ObjectInfo& info,
                                             const vfs::PutOptions& options) {
  return Upload(in, info, options, Existing::kReplace);
}

absl::StatusOr<vfs::ObjectPtr> MemoryFs::PutUnchecked(vfs::Source& in, const vfs::ObjectInfo& info,
                                                      const vfs::PutOptions& options) {
  if (!options_.allow_duplicates) return vfs::NotImplemented("PutUnchecked");
  return Upload(in, info, options, Existing::kAddDuplicate);
}

absl::Status MemoryFs::Mkdir(std::string_view dir) {
  Store& store = Store::Global();
  std::string abs = Abs(dir);
  absl::MutexLock lock(&store.mu);
  if (store.files.contains(abs)) return vfs::IsFileError(dir);
  EnsureDirsLocked(store, abs);
  return absl::OkStatus();
}

absl::Status MemoryFs::Rmdir(std::string_view dir) {
  Store& store = Store::Global();
  std::string abs = Abs(dir);
  if (abs.empty()) return vfs::PermissionDenied("/", "the memory store root cannot be removed");
  absl::MutexLock lock(&store.mu);
  if (!store.dirs.contains(abs)) return vfs::DirNotFound(dir);
  if (HasChildrenLocked(store, abs)) return vfs::DirNotEmpty(dir);
  store.dirs.erase(abs);
  return absl::OkStatus();
}

absl::StatusOr<vfs::ObjectPtr> MemoryFs::Copy(const vfs::Object& src, std::string_view remote) {
  const auto* source = dynamic_cast<const MemoryObject*>(&src);
  if (source == nullptr) return vfs::CantCopy(src.remote());
  absl::StatusOr<std::string> clean = vfs::CleanPath(remote);
  if (!clean.ok()) return clean.status();
  auto record = std::make_shared<FileRecord>();
  {
    absl::MutexLock src_lock(&source->record()->mu);
    absl::MutexLock lock(&record->mu);
    record->data = source->record()->data;  // immutable, shared
    record->whirlpool = source->record()->whirlpool;
    record->mod_time = source->record()->mod_time;
    record->mime_type = source->record()->mime_type;
  }
  std::string abs = Abs(*clean);
  Store& store = Store::Global();
  FileRef placed;
  {
    absl::MutexLock lock(&store.mu);
    auto it = store.files.find(source->memory_fs()->Abs(source->remote()));
    bool present = it != store.files.end() &&
                   std::find(it->second.begin(), it->second.end(), source->record()) !=
                       it->second.end();
    if (!present) return vfs::ObjectNotFound(source->remote());
    if (store.dirs.contains(abs)) return vfs::IsDirError(*clean);
    record->id = absl::StrCat("mem-", store.next_id++);
    placed = PlaceLocked(store, abs, record, Existing::kReplace);
  }
  return MakeObject(*std::move(clean), std::move(placed));
}

absl::StatusOr<vfs::ObjectPtr> MemoryFs::Move(const vfs::Object& src, std::string_view remote) {
  const auto* source = dynamic_cast<const MemoryObject*>(&src);
  if (source == nullptr) return vfs::CantMove(src.remote());
  absl::StatusOr<std::string> clean = vfs::CleanPath(remote);
  if (!clean.ok()) return clean.status();
  std::string from = source->memory_fs()->Abs(source->remote());
  std::string to = Abs(*clean);
  Store& store = Store::Global();
  FileRef placed;
  {
    absl::MutexLock lock(&store.mu);
    auto it = store.files.find(from);
    if (it == store.files.end()) return vfs::ObjectNotFound(source->remote());
    auto pos = std::find(it->second.begin(), it->second.end(), source->record());
    if (pos == it->second.end()) return vfs::ObjectNotFound(source->remote());
    if (from == to) return MakeObject(*std::move(clean), source->record());
    if (store.dirs.contains(to)) return vfs::IsDirError(*clean);
    it->second.erase(pos);
    if (it->second.empty()) store.files.erase(it);
    // Moving onto an existing name replaces it (rclone's Move semantics), keeping our id.
    auto dst = store.files.find(to);
    if (dst != store.files.end()) dst->second.erase(dst->second.begin());
    if (dst != store.files.end() && dst->second.empty()) store.files.erase(dst);
    placed = PlaceLocked(store, to, source->record(), Existing::kAddDuplicate);
  }
  return MakeObject(*std::move(clean), std::move(placed));
}

absl::Status MemoryFs::DirMove(vfs::Fs& src_fs, std::string_view src_remote,
                               std::string_view dst_remote) {
  auto* source = dynamic_cast<MemoryFs*>(&src_fs);
  if (source == nullptr) return vfs::CantDirMove(src_remote);
  std::string from = source->Abs(src_remote);
  std::string to = Abs(dst_remote);
  Store& store = Store::Global();
  absl::MutexLock lock(&store.mu);
  if (!store.dirs.contains(from)) return vfs::DirNotFound(src_remote);
  if (store.dirs.contains(to) || store.files.contains(to)) return vfs::DirExists(dst_remote);
  if (from.empty() || vfs::IsUnder(to, from)) {
    return vfs::BadInput(dst_remote, "cannot move a directory into itself");
  }
  auto rebase = [&](const std::string& p) {
    return vfs::JoinPath(to, vfs::RelativeTo(p, from));
  };
  std::vector<std::string> dirs = KeysBelow(store.dirs, from);
  std::vector<std::string> files = KeysBelow(store.files, from);
  EnsureDirsLocked(store, vfs::ParentDir(to));
  store.dirs.emplace(to, store.dirs[from]);
  for (const std::string& d : dirs) {
    store.dirs.emplace(rebase(d), store.dirs[d]);
    store.dirs.erase(d);
  }
  for (const std::string& f : files) {
    store.files.emplace(rebase(f), std::move(store.files[f]));
    store.files.erase(f);
  }
  store.dirs.erase(from);
  return absl::OkStatus();
}

absl::Status MemoryFs::Purge(std::string_view dir) {
  std::string abs = Abs(dir);
  Store& store = Store::Global();
  absl::MutexLock lock(&store.mu);
  if (!store.dirs.contains(abs)) return vfs::DirNotFound(dir);
  for (const std::string& f : KeysBelow(store.files, abs)) store.files.erase(f);
  for (const std::string& d : KeysBelow(store.dirs, abs)) store.dirs.erase(d);
  if (!abs.empty()) store.dirs.erase(abs);
  return absl::OkStatus();
}

absl::StatusOr<vfs::Usage> MemoryFs::About() {
  Store& store = Store::Global();
  int64_t used = 0;
  int64_t objects = 0;
  {
    absl::MutexLock lock(&store.mu);
    for (const auto& [path, records] : store.files) {
      for (const FileRef& r : records) {
        absl::MutexLock record_lock(&r->mu);
        used += static_cast<int64_t>(r->data->size());
        ++objects;
      }
    }
  }
  // The limit is the machine's memory.
  int64_t total = static_cast<int64_t>(::sysconf(_SC_PHYS_PAGES)) * ::sysconf(_SC_PAGESIZE);
  vfs::Usage usage;
  usage.total = total;
  usage.used = used;
  usage.free = total > used ? total - used : 0;
  usage.objects = objects;
  return usage;
}

}  // namespace backend::memory
