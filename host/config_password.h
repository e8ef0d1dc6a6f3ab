// Where the password of an encrypted rclone.conf comes from, in rclone's order:
// RCLONE_CONFIG_PASS, then --password-command, then (with --ask-password, the default) a no-echo
// prompt on the terminal, or a line of standard input when it is not one.
#ifndef FICHIER_HOST_CONFIG_PASSWORD_H_
#define FICHIER_HOST_CONFIG_PASSWORD_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "host/terminal_input.h"
#include "vfs/config/config_file.h"

namespace fclone {

struct ConfigPasswordOptions {
  std::string env_password;  // RCLONE_CONFIG_PASS ("" = unset)
  bool env_set = false;
  std::vector<std::string> password_command;  // argv; empty = none
  bool ask_password = true;
};

// The source ConfigFile::Load asks; `input` is used for the prompt (it must outlive the source).
vfs::ConfigPasswordSource MakeConfigPasswordSource(ConfigPasswordOptions options,
                                                   TerminalInput* input);

// Runs `argv` (no shell) and returns its standard output without the trailing line end; an error
// naming the command's exit status when it fails.
absl::StatusOr<std::string> RunPasswordCommand(const std::vector<std::string>& argv);

// rclone's --password-command value: words split on spaces, "double quotes" group words.
std::vector<std::string> SplitCommandLine(std::string_view text);

// Asks twice for a new password (rclone's "Enter NEW configuration password:" dialog) until both
// match and rclone would accept it.
absl::StatusOr<std::string> AskNewConfigPassword(TerminalInput& input);

}  // namespace fclone

#endif  // FICHIER_HOST_CONFIG_PASSWORD_H_
