#include "mount/vfs_options.h"

#include "absl/strings/str_cat.h"
#include "base/string_views.h"

namespace mount {

absl::StatusOr<CacheMode> ParseCacheMode(std::string_view text) {
  if (text == "off") return CacheMode::kOff;
  if (text == "minimal") return CacheMode::kMinimal;
  if (text == "writes") return CacheMode::kWrites;
  if (text == "full") return CacheMode::kFull;
  return absl::InvalidArgumentError(absl::StrCat(
      "invalid --vfs-cache-mode \"", base::ToAbsl(text), "\": want off, minimal, writes or full"));
}

std::string_view CacheModeName(CacheMode mode) {
  switch (mode) {
    case CacheMode::kOff:
      return "off";
    case CacheMode::kMinimal:
      return "minimal";
    case CacheMode::kWrites:
      return "writes";
    case CacheMode::kFull:
      return "full";
  }
  return "off";
}

}  // namespace mount
