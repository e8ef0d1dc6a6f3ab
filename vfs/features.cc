#include "vfs/features.h"

#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "base/string_views.h"
#include "vfs/fs.h"
#include "vfs/log.h"

namespace vfs {

namespace {

// rclone's feature names in its order, each with the field that holds it here (null: a
// feature of rclone's no backend here has).
struct RcloneFeature {
  std::string_view name;
  bool Features::*field;
};
constexpr RcloneFeature kRcloneFeatures[] = {
    {"CaseInsensitive", &Features::case_insensitive},
    {"DuplicateFiles", &Features::duplicate_files},
    {"ReadMimeType", &Features::read_mime_type},
    {"WriteMimeType", &Features::write_mime_type},
    {"CanHaveEmptyDirectories", &Features::can_have_empty_dirs},
    {"BucketBased", nullptr},
    {"BucketBasedRootOK", nullptr},
    {"SetTier", nullptr},
    {"GetTier", nullptr},
    {"ServerSideAcrossConfigs", nullptr},
    {"IsLocal", &Features::is_local},
    {"SlowModTime", nullptr},
    {"SlowHash", &Features::slow_hash},
    {"ReadMetadata", nullptr},
    {"WriteMetadata", nullptr},
    {"UserMetadata", nullptr},
    {"FilterAware", nullptr},
    {"Purge", &Features::purge},
    {"Copy", &Features::copy},
    {"Move", &Features::move},
    {"DirMove", &Features::dir_move},
    {"ChangeNotify", nullptr},
    {"UnWrap", nullptr},
    {"WrapFs", nullptr},
    {"SetWrapper", nullptr},
    {"DirCacheFlush", nullptr},
    {"PublicLink", &Features::public_link},
    {"PutUnchecked", &Features::put_unchecked},
    {"PutStream", &Features::put_stream},
    {"MergeDirs", nullptr},
    {"CleanUp", nullptr},
    {"ListR", &Features::list_r},
    {"About", &Features::about},
    {"OpenWriterAt", &Features::open_writer_at},
    {"UserInfo", nullptr},
    {"Disconnect", nullptr},
    {"Command", nullptr},
    {"Shutdown", nullptr},
};

}  // namespace

std::vector<std::pair<std::string_view, bool>> Features::ByRcloneName() const {
  std::vector<std::pair<std::string_view, bool>> out;
  for (const RcloneFeature& f : kRcloneFeatures) {
    out.emplace_back(f.name, f.field != nullptr && this->*f.field);
  }
  return out;
}

bool Features::Disable(std::string_view name) {
  for (const RcloneFeature& f : kRcloneFeatures) {
    if (!absl::EqualsIgnoreCase(base::ToAbsl(f.name), base::ToAbsl(name))) continue;
    if (f.field != nullptr) this->*f.field = false;
    return true;
  }
  return false;
}

void BasicFs::DisableFeatures(const std::vector<std::string>& names) {
  for (const std::string& name : names) {
    if (features_.Disable(name)) Log(LogLevel::kDebug, "", absl::StrCat("Reset feature \"", name, "\""));
  }
}

}  // namespace vfs
