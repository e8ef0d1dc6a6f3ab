#include "backend/fichier/account.h"

#include <map>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "backend/fichier/answer_checks.h"
#include "backend/fichier/fichier_options.h"
#include "base/string_views.h"
#include "vfs/config/control_chars.h"
#include "vfs/errors.h"
#include "vfs/log.h"

namespace backend::fichier {
namespace {

// URLs per file/rm.cgi, mv.cgi or cp.cgi. The spec gives no limit; 100 keeps bodies small.
constexpr size_t kMaxFilesPerCall = 100;

absl::StatusOr<int64_t> ParseId(std::string_view id) {
  int64_t value = 0;
  if (!absl::SimpleAtoi(base::ToAbsl(id), &value)) {
    return absl::InternalError("bad cached folder id");
  }
  return value;
}

}  // namespace

Account::Account(std::shared_ptr<Api> api, std::shared_ptr<const CallCounter> counter,
                 encoding::MultiEncoder encoder, UploaderOptions upload_options,
                 std::unique_ptr<UploadJournal> journal)
    : api_(std::move(api)),
      counter_(std::move(counter)),
      encoder_(encoder),
      interrupted_(*api_, std::move(journal), upload_options.clock),
      folders_([this](int64_t id) { return Fetch(id); }),
      dirs_("0"),
      uploader_(*api_, upload_options),
      remover_(*api_, BatchLimits{upload_options.batch.window, kMaxFilesPerCall}),
      server_side_(*api_, BatchLimits{upload_options.batch.window, kMaxFilesPerCall}),
      tokens_(*api_, upload_options.clock) {
  uploader_.set_list_new_files([this](int64_t id) { return ListNewFiles(id); });
  uploader_.set_journal(&interrupted_);
  resolver_.find_leaf = [this](std::string_view parent,
                               std::string_view leaf) -> absl::StatusOr<std::optional<std::string>> {
    absl::StatusOr<int64_t> parent_id = ParseId(parent);
    if (!parent_id.ok()) return parent_id.status();
    absl::StatusOr<Listing> listing = folders_.Get(*parent_id);
    if (!listing.ok()) return listing.status();
    for (const CachedFolder& f : listing->folders) {
      if (f.name == leaf) return std::optional<std::string>(std::to_string(f.id));
    }
    return std::optional<std::string>();
  };
  resolver_.create_dir = [this](std::string_view parent,
                                std::string_view leaf) -> absl::StatusOr<std::string> {
    absl::StatusOr<int64_t> parent_id = ParseId(parent);
    if (!parent_id.ok()) return parent_id.status();
    absl::StatusOr<MkdirResult> made =
        api_->CreateFolder(MkdirRequest{encoder_.Encode(leaf), *parent_id});
    if (!made.ok()) return made.status();
    folders_.AddFolder(*parent_id,
                       CachedFolder{made->folder_id, std::string(leaf),
                                    FormatFichierDateNow()});
    // A folder we just made is empty: no need to ever list it in this run.
    folders_.Set(made->folder_id, Listing{});
    return std::to_string(made->folder_id);
  };
}

absl::StatusOr<std::vector<FileItem>> Account::ListNewFiles(int64_t id) {
  std::optional<Listing> known = folders_.Peek(id);
  absl::StatusOr<FolderList> list = api_->ListFolder(FolderListRequest{id, true});
  if (!list.ok()) return list.status();
  std::vector<FileItem> fresh;
  for (FileItem& item : list->items) {
    bool seen = false;
    if (known.has_value()) {
      for (const CachedFile& f : known->files) {
        if (f.item.url == item.url) {
          seen = true;
          break;
        }
      }
    }
    if (!seen) fresh.push_back(std::move(item));
  }
  return fresh;
}

Account::~Account() {
  if (counter_ != nullptr) {
    vfs::Log(vfs::LogLevel::kDebug, "fichier", "API calls: " + counter_->Report());
  }
}

absl::StatusOr<Listing> Account::Fetch(int64_t folder_id) {
  absl::StatusOr<FolderList> list = api_->ListFolder(FolderListRequest{folder_id, true});
  if (!list.ok()) return list.status();
  // Files earlier runs stored that the service does not list yet count as present.
  if (absl::Status st = interrupted_.Complete(folder_id, list->items); !st.ok()) return st;
  Listing out;
  const std::string where = absl::StrCat("fichier folder ", folder_id);
  // A name that cannot be a path segment is left out, loudly (answer_checks.h).
  auto usable = [&](const std::string& raw, const std::string& decoded) {
    absl::Status name = CheckListedName(raw, decoded);
    if (!name.ok()) vfs::Log(vfs::LogLevel::kError, where, base::ToStd(name.message()));
    return name.ok();
  };
  std::map<std::string, int64_t> folder_names;
  out.folders.reserve(list->sub_folders.size());
  for (SubFolder& f : list->sub_folders) {
    std::string name = encoder_.Decode(f.name);
    if (!usable(f.name, name)) continue;
    // Two folders with one name would read as one: their files merged, a delete hitting both.
    auto [it, added] = folder_names.emplace(name, f.id);
    if (!added) {
      return absl::FailedPreconditionError(absl::StrCat(
          where, ": two sub-folders are named \"", vfs::EscapeControlChars(name), "\" (ids ",
          it->second, " and ", f.id, "); rename one on 1fichier"));
    }
    out.folders.push_back(CachedFolder{f.id, std::move(name), std::move(f.create_date)});
  }
  out.files.reserve(list->items.size());
  for (FileItem& item : list->items) {
    std::string name = encoder_.Decode(item.filename);
    if (!usable(item.filename, name)) continue;
    out.files.push_back(CachedFile{std::move(item), std::move(name)});
  }
  return out;
}

absl::StatusOr<int64_t> Account::FolderId(std::string_view path, bool create) {
  absl::StatusOr<std::string> id = dirs_.FindDir(path, create, resolver_);
  if (!id.ok()) return id.status();
  return ParseId(*id);
}

absl::StatusOr<Listing> Account::ListingOf(int64_t id, std::string_view path) {
  absl::StatusOr<Listing> listing = folders_.Get(id);
  if (!listing.ok() && absl::IsNotFound(listing.status()) && !vfs::IsDirNotFound(listing.status())) {
    ForgetPath(path);
    return vfs::DirNotFound(path);
  }
  return listing;
}

void Account::ExpireListing(std::string_view path) {
  if (std::optional<std::string> id = dirs_.Get(path); id.has_value()) {
    if (absl::StatusOr<int64_t> n = ParseId(*id); n.ok()) folders_.Forget(*n);
  }
}

void Account::ForgetPath(std::string_view path) {
  ExpireListing(path);
  dirs_.FlushDir(path);
}

}  // namespace backend::fichier
