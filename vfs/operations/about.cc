#include "vfs/operations/about.h"

#include <optional>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "vfs/operations/format.h"

namespace vfs::operations {

std::string FormatAbout(const Usage& usage, bool full, bool json) {
  struct Field {
    const char* label;
    const char* key;
    std::optional<int64_t> value;
    bool is_count;
  };
  const std::vector<Field> fields = {
      {"Total:", "total", usage.total, false},       {"Used:", "used", usage.used, false},
      {"Free:", "free", usage.free, false},          {"Trashed:", "trashed", usage.trashed, false},
      {"Other:", "other", usage.other, false},       {"Objects:", "objects", usage.objects, true},
  };
  std::string out;
  if (json) {
    // rclone's key order: total, used, trashed, other, free, objects.
    const char* order[] = {"total", "used", "trashed", "other", "free", "objects"};
    std::vector<std::string> parts;
    for (const char* key : order) {
      for (const Field& f : fields) {
        if (std::string_view(f.key) == key && f.value) {
          parts.push_back(absl::StrCat("\t\"", key, "\": ", *f.value));
        }
      }
    }
    out = "{\n";
    for (size_t i = 0; i < parts.size(); ++i) {
      out += parts[i];
      out += i + 1 < parts.size() ? ",\n" : "\n";
    }
    return out + "}\n";
  }
  for (const Field& f : fields) {
    if (!f.value) continue;
    std::string shown = full        ? absl::StrCat(*f.value)
                        : f.is_count ? CountSuffix(*f.value)
                                     : ByteUnit(*f.value);
    absl::StrAppendFormat(&out, "%-9s%s\n", f.label, shown);
  }
  return out;
}

}  // namespace vfs::operations
