#include "vfs/features.h"

#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "base/string_views.h"
#include "vfs/fs.h"
#include "vfs/log.h"

namespace vfs {

std::vector<std::string> Features::CapabilityNames() const {
  std::vector<std::string> names;
  // Sorted like rclone's `backend features` keys.
  if (about) names.push_back("About");
  if (copy) names.push_back("Copy");
  if (copy_url) names.push_back("CopyUrl");
  if (dir_move) names.push_back("DirMove");
  if (list_r) names.push_back("ListR");
  if (move) names.push_back("Move");
  if (open_writer_at) names.push_back("OpenWriterAt");
  if (public_link) names.push_back("PublicLink");
  if (purge) names.push_back("Purge");
  if (put_stream) names.push_back("PutStream");
  if (put_unchecked) names.push_back("PutUnchecked");
  return names;
}

const std::vector<std::string_view>& RcloneFeatureNames() {
  static const std::vector<std::string_view> names = {
      "CaseInsensitive", "DuplicateFiles", "ReadMimeType", "WriteMimeType",
      "CanHaveEmptyDirectories", "BucketBased", "BucketBasedRootOK", "SetTier", "GetTier",
      "ServerSideAcrossConfigs", "IsLocal", "SlowModTime", "SlowHash", "ReadMetadata",
      "WriteMetadata", "UserMetadata", "FilterAware", "Purge", "Copy", "Move", "DirMove",
      "ChangeNotify", "UnWrap", "WrapFs", "SetWrapper", "DirCacheFlush", "PublicLink",
      "PutUnchecked", "PutStream", "MergeDirs", "CleanUp", "ListR", "About", "OpenWriterAt",
      "UserInfo", "Disconnect", "Command", "Shutdown"};
  return names;
}

bool Features::Disable(std::string_view name) {
  const std::pair<std::string_view, bool*> ours[] = {
      {"CaseInsensitive", &case_insensitive}, {"DuplicateFiles", &duplicate_files},
      {"ReadMimeType", &read_mime_type},      {"WriteMimeType", &write_mime_type},
      {"CanHaveEmptyDirectories", &can_have_empty_dirs},
      {"IsLocal", &is_local},                 {"SlowHash", &slow_hash},
      {"Purge", &purge},                      {"Copy", &copy},
      {"Move", &move},                        {"DirMove", &dir_move},
      {"PublicLink", &public_link},           {"PutUnchecked", &put_unchecked},
      {"PutStream", &put_stream},             {"ListR", &list_r},
      {"About", &about},                      {"OpenWriterAt", &open_writer_at},
  };
  const absl::string_view wanted = base::ToAbsl(name);
  for (const auto& [known, flag] : ours) {
    if (absl::EqualsIgnoreCase(base::ToAbsl(known), wanted)) {
      *flag = false;
      return true;
    }
  }
  for (std::string_view known : RcloneFeatureNames()) {
    if (absl::EqualsIgnoreCase(base::ToAbsl(known), wanted)) return true;
  }
  return false;
}

void BasicFs::DisableFeatures(const std::vector<std::string>& names) {
  for (const std::string& name : names) {
    if (features_.Disable(name)) Log(LogLevel::kDebug, "", absl::StrCat("Reset feature \"", name, "\""));
  }
}

}  // namespace vfs
