// `fclone config` and its subcommands (rclone 1.60's, plus `redacted` and `encryption` from later
// rclones). The wizard is config_wizard.*; shared display and checks are config_view.*.
#ifndef FICHIER_HOST_CONFIG_COMMANDS_H_
#define FICHIER_HOST_CONFIG_COMMANDS_H_

#include "absl/status/status.h"
#include "host/command.h"

namespace fclone {

struct ConfigFlags {
  bool obscure = false;
  bool no_obscure = false;
  bool non_interactive = false;
};

// `config SUBCOMMAND ...` (env.args[0] is the subcommand); no argument runs the wizard.
absl::Status RunConfigCommand(CommandEnv& env, const ConfigFlags& flags);

}  // namespace fclone

#endif  // FICHIER_HOST_CONFIG_COMMANDS_H_
