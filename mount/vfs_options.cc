#include "mount/vfs_options.h"

#include "absl/strings/str_cat.h"
#include "base/enum_names.h"
#include "base/string_views.h"

namespace mount {

namespace {

constexpr base::EnumName<CacheMode> kCacheModeNames[] = {
    {CacheMode::kOff, "off"},
    {CacheMode::kMinimal, "minimal"},
    {CacheMode::kWrites, "writes"},
    {CacheMode::kFull, "full"},
};

}  // namespace

absl::StatusOr<CacheMode> ParseCacheMode(std::string_view text) {
  if (std::optional<CacheMode> mode = base::ValueOf(kCacheModeNames, text)) return *mode;
  return absl::InvalidArgumentError(absl::StrCat(
      "invalid --vfs-cache-mode \"", base::ToAbsl(text), "\": want off, minimal, writes or full"));
}

std::string_view CacheModeName(CacheMode mode) {
  return base::NameOf(kCacheModeNames, mode, "off");
}

}  // namespace mount
