// Debian's Abseil is built with its own absl::string_view (not an alias of std::string_view),
// while simdjson and hash/ speak std::string_view. These convert at those boundaries.
#ifndef FICHIER_EMULATOR_STRING_VIEWS_H_
#define FICHIER_EMULATOR_STRING_VIEWS_H_

#include <string_view>

#include "absl/strings/string_view.h"

namespace emulator {

inline absl::string_view ToAbsl(std::string_view s) { return {s.data(), s.size()}; }
inline std::string_view ToStd(absl::string_view s) { return {s.data(), s.size()}; }

}  // namespace emulator

#endif  // FICHIER_EMULATOR_STRING_VIEWS_H_
