// `fclone config`: rclone 1.60's interactive configuration, with its prompts, wording and order
// (checked against the rclone binary through a terminal). Answers come from a terminal or, one
// per line, from a pipe. Each completed action (a remote kept, deleted, renamed, copied; the
// password set or removed) is saved at once, atomically; end of input in the middle of one is an
// error and leaves the file as the last completed action left it.
#ifndef FICHIER_HOST_CONFIG_WIZARD_H_
#define FICHIER_HOST_CONFIG_WIZARD_H_

#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "host/command.h"
#include "host/terminal_input.h"

namespace fclone {

absl::Status RunConfigWizard(CommandEnv& env);

// The dialog's building blocks, shared by the menus (config_wizard.cc) and the remote editor
// (config_remote_dialog.cc).
class WizardIo {
 public:
  WizardIo(TerminalInput& input, bool color) : input_(input), color_(color) {}
  std::ostream& out() { return input_.out(); }
  TerminalInput& input() { return input_; }
  bool color() const { return color_; }

  // rclone's one-letter menus: "y) Yes\nn) No (default)\ny/n> ". `choices` are (letter, label);
  // `default_letter` 0 = none. Returns the letter chosen.
  absl::StatusOr<char> Letter(const std::vector<std::pair<char, std::string>>& choices,
                              char default_letter = 0, bool show_choices = true);
  // One line answer after `prompt` ("name> ").
  absl::StatusOr<std::string> Line(std::string_view prompt);
  // rclone's "Enter the password:" twice without echo, until both agree.
  absl::StatusOr<std::string> NewPassword();

 private:
  TerminalInput& input_;
  bool color_;
};

// Asks for a remote name that is valid and not taken (rclone's "Enter name for new remote.").
absl::StatusOr<std::string> AskRemoteName(WizardIo& io, const vfs::ConfigFile& config);

// The new-remote dialog: storage, options, advanced options, summary. Returns whether the
// remote was kept (it is then in `config`, not yet saved).
absl::StatusOr<bool> NewRemoteDialog(WizardIo& io, vfs::ConfigFile& config,
                                     const std::string& name);
// The same for an existing remote, current values as defaults.
absl::StatusOr<bool> EditRemoteDialog(WizardIo& io, vfs::ConfigFile& config,
                                      const std::string& name);

// rclone's message for a remote name it refuses ("config name contains invalid characters -
// ..."), OK for a valid name.
absl::Status CheckRemoteName(std::string_view name);

}  // namespace fclone

#endif  // FICHIER_HOST_CONFIG_WIZARD_H_
