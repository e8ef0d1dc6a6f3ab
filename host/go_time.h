// Go's time layouts ("2006/01/02 15:04:05", rclone's --stats-one-line-date-format) as
// strftime patterns for absl::FormatTime.
#ifndef FICHIER_HOST_GO_TIME_H_
#define FICHIER_HOST_GO_TIME_H_

#include <string>
#include <string_view>

namespace fclone {

// Go's reference-time chunks (2006 01 02 15 04 05, Jan, Monday, MST, -07:00, PM, .000 ...)
// become strftime specifiers; everything else is kept as it is ('%' escaped).
std::string GoLayoutToStrftime(std::string_view layout);

}  // namespace fclone

#endif  // FICHIER_HOST_GO_TIME_H_
