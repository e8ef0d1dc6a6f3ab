// Debian 12's Abseil is built with its own absl::string_view (not an alias of
// std::string_view), while our APIs, simdjson and libcurl helpers speak std::string_view. These
// two make the crossing explicit and free; they are the only bridge in the tree.
#ifndef FICHIER_BASE_STRING_VIEWS_H_
#define FICHIER_BASE_STRING_VIEWS_H_

#include <string_view>

#include "absl/strings/string_view.h"

namespace base {

inline absl::string_view ToAbsl(std::string_view s) { return {s.data(), s.size()}; }
inline std::string_view ToStd(absl::string_view s) { return {s.data(), s.size()}; }

}  // namespace base

#endif  // FICHIER_BASE_STRING_VIEWS_H_
