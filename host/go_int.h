// Whole numbers as rclone's int flags read them (pflag: Go's strconv.ParseInt(s, 0, 64)):
// an optional sign, then decimal, or 0x/0o/0b prefixed, or octal after a leading 0 ("010" is
// 8), with `_` allowed between digits. Errors carry Go's wording.
#ifndef FICHIER_HOST_GO_INT_H_
#define FICHIER_HOST_GO_INT_H_

#include <cstdint>
#include <string_view>

#include "absl/status/statusor.h"

namespace fclone {

// `strconv.ParseInt: parsing "x": invalid syntax` or `...: value out of range` when refused.
absl::StatusOr<int64_t> ParseGoInt(std::string_view text);

}  // namespace fclone

#endif  // FICHIER_HOST_GO_INT_H_
