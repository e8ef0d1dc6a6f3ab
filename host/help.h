// Help texts in cobra's layout (what rclone prints): top-level command list, per-command usage
// and flags, global flags, version.
#ifndef FICHIER_HOST_HELP_H_
#define FICHIER_HOST_HELP_H_

#include <string>

#include "host/command.h"

namespace fclone {

std::string VersionText();
std::string TopLevelUsage(const Commands& commands);
std::string TopLevelHelp(const Commands& commands);
// "Usage:\n  fclone ls remote:path [flags]\n\nFlags:\n  -h, --help ..."
std::string CommandUsage(const Command& command);
// Description, then the usage.
std::string CommandHelp(const Command& command);
std::string GlobalFlagsHelp();
std::string BackendsHelp();

}  // namespace fclone

#endif  // FICHIER_HOST_HELP_H_
