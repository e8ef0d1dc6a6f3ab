// Debian's Abseil is built with its own absl::string_view, not an alias of std::string_view,
// so absl string helpers need an explicit conversion from the std::string_view our APIs use.
#ifndef FICHIER_BACKEND_REST_ABSL_COMPAT_H_
#define FICHIER_BACKEND_REST_ABSL_COMPAT_H_

#include <string_view>

#include "absl/strings/string_view.h"

namespace backend::rest {

inline absl::string_view Av(std::string_view s) { return absl::string_view(s.data(), s.size()); }
inline std::string_view Sv(absl::string_view s) { return std::string_view(s.data(), s.size()); }

}  // namespace backend::rest

#endif  // FICHIER_BACKEND_REST_ABSL_COMPAT_H_
