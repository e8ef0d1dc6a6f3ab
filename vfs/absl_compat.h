// Debian 12's Abseil is built with its own absl::string_view and absl::optional (not the std
// types), so std::string_view does not convert implicitly. These two helpers make the crossing
// explicit and cheap.
#ifndef FICHIER_VFS_ABSL_COMPAT_H_
#define FICHIER_VFS_ABSL_COMPAT_H_

#include <string_view>

#include "absl/strings/string_view.h"

namespace vfs {

inline absl::string_view ToAbsl(std::string_view s) { return absl::string_view(s.data(), s.size()); }
inline std::string_view FromAbsl(absl::string_view s) { return std::string_view(s.data(), s.size()); }

}  // namespace vfs

#endif  // FICHIER_VFS_ABSL_COMPAT_H_
