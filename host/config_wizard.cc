#include "host/config_wizard.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "base/string_views.h"
#include "host/config_password.h"
#include "vfs/config/config_file.h"

namespace fclone {

absl::StatusOr<char> WizardIo::Letter(const std::vector<std::pair<char, std::string>>& choices,
                                      char default_letter, bool show_choices) {
  std::vector<std::string> letters;
  for (const auto& [letter, label] : choices) {
    letters.emplace_back(1, letter);
    if (show_choices) {
      out() << letter << ") " << label << (letter == default_letter ? " (default)" : "") << "\n";
    }
  }
  const std::string prompt = absl::StrCat(absl::StrJoin(letters, "/"), "> ");
  for (;;) {
    absl::StatusOr<std::string> answer =
        input_.ReadLine(prompt, absl::StrCat("\"", base::ToAbsl(prompt), "\""));
    if (!answer.ok()) return answer.status();
    if (answer->empty() && default_letter != 0) return default_letter;
    if (answer->size() == 1) {
      char c = static_cast<char>(std::tolower(static_cast<unsigned char>((*answer)[0])));
      for (const auto& [letter, label] : choices) {
        if (letter == c) return letter;
      }
      out() << "This value must be one of the following characters: "
            << absl::StrJoin(letters, ", ") << ".\n";
    } else {
      out() << "This value must be a single character, one of the following: "
            << absl::StrJoin(letters, ", ") << ".\n";
    }
  }
}

absl::StatusOr<std::string> WizardIo::Line(std::string_view prompt) {
  return input_.ReadLine(prompt, absl::StrCat("\"", base::ToAbsl(prompt), "\""));
}

absl::StatusOr<std::string> WizardIo::NewPassword() {
  for (;;) {
    out() << "Enter the password:\n";
    absl::StatusOr<std::string> first = input_.ReadPassword("password:", "the password");
    if (!first.ok()) return first.status();
    out() << "Confirm the password:\n";
    absl::StatusOr<std::string> second = input_.ReadPassword("password:", "the password");
    if (!second.ok()) return second.status();
    if (*first == *second) return *first;
    out() << "Passwords do not match!\n";
  }
}

absl::Status CheckRemoteName(std::string_view name) {
  if (name.empty()) return absl::InvalidArgumentError("can't use empty name");
  if (name[0] == '-') return absl::InvalidArgumentError("config name starts with `-`");
  if (!vfs::IsValidRemoteName(name)) {
    return absl::InvalidArgumentError(
        "config name contains invalid characters - may only contain `0-9`, `A-Z`, `a-z`, `_`, "
        "`-`, `.` and space");
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> AskRemoteName(WizardIo& io, const vfs::ConfigFile& config) {
  for (;;) {
    io.out() << "Enter name for new remote.\n";
    absl::StatusOr<std::string> name = io.Line("name> ");
    if (!name.ok()) return name.status();
    if (name->empty()) {
      io.out() << "Can't use empty name.\n";
    } else if (config.HasRemote(*name)) {
      io.out() << "Remote \"" << *name << "\" already exists.\n";
    } else if (absl::Status st = CheckRemoteName(*name); !st.ok()) {
      io.out() << "Can't use \"" << *name << "\" as " << st.message() << ".\n";
    } else {
      return *name;
    }
  }
}

namespace {

// rclone's "Select remote." chooser: a number or an existing name.
absl::StatusOr<std::string> ChooseRemote(WizardIo& io, const vfs::ConfigFile& config) {
  std::vector<std::string> remotes = config.Remotes();
  io.out() << "Select remote.\nChoose a number from below, or type in an existing value.\n";
  for (size_t i = 0; i < remotes.size(); ++i) {
    io.out() << absl::StrFormat("%2d > %s\n", i + 1, remotes[i]);
  }
  for (;;) {
    absl::StatusOr<std::string> answer = io.Line("remote> ");
    if (!answer.ok()) return answer.status();
    if (answer->empty()) {
      io.out() << "This value is required and it has no default.\n";
      continue;
    }
    size_t number = 0;
    if (absl::SimpleAtoi(*answer, &number)) {
      if (number >= 1 && number <= remotes.size()) {
        io.out() << "\n";
        return remotes[number - 1];
      }
      io.out() << "No choices with this number.\n";
      continue;
    }
    if (config.HasRemote(*answer)) {
      io.out() << "\n";
      return *answer;
    }
    io.out() << "This value must match an existing value.\n";
  }
}

// Copies every key of `from` into a new section `to` (appended at the end, as rclone does).
absl::Status CopySection(vfs::ConfigFile& config, const std::string& from, const std::string& to) {
  for (const std::string& key : config.Keys(from)) {
    if (absl::Status st = config.Set(to, key, config.Get(from, key).value_or("")); !st.ok()) {
      return st;
    }
  }
  return absl::OkStatus();
}

void ShowRemotes(WizardIo& io, const vfs::ConfigFile& config) {
  io.out() << "Current remotes:\n\n"
           << absl::StrFormat("%-20s %s\n", "Name", "Type")
           << absl::StrFormat("%-20s %s\n", "====", "====");
  for (const std::string& remote : config.Remotes()) {
    io.out() << absl::StrFormat("%-20s %s\n", remote, config.Get(remote, "type").value_or(""));
  }
  io.out() << "\n";
}

// The `s` menu: add, change or remove the configuration password.
absl::Status PasswordMenu(WizardIo& io, vfs::ConfigFile& config) {
  for (;;) {
    if (!config.encrypted()) {
      io.out() << "Your configuration is not encrypted.\n"
                  "If you add a password, you will protect your login information to cloud "
                  "services.\n";
      absl::StatusOr<char> what = io.Letter({{'a', "Add Password"}, {'q', "Quit to main menu"}});
      if (!what.ok()) return what.status();
      if (*what == 'q') return absl::OkStatus();
    } else {
      io.out() << "Your configuration is encrypted.\n";
      absl::StatusOr<char> what = io.Letter(
          {{'c', "Change Password"}, {'u', "Unencrypt configuration"}, {'q', "Quit to main menu"}});
      if (!what.ok()) return what.status();
      if (*what == 'q') return absl::OkStatus();
      if (*what == 'u') {
        vfs::ConfigFile updated = config;
        updated.RemovePassword();
        if (absl::Status st = updated.Save(); !st.ok()) return st;
        config = std::move(updated);
        continue;
      }
    }
    absl::StatusOr<std::string> password = AskNewConfigPassword(io.input());
    if (!password.ok()) return password.status();
    vfs::ConfigFile updated = config;
    if (absl::Status st = updated.SetPassword(*password); !st.ok()) return st;
    if (absl::Status st = updated.Save(); !st.ok()) return st;
    config = std::move(updated);
    io.out() << "Password set\n";
  }
}

// One main-menu action on a working copy; saved only when it completes.
absl::Status MainAction(WizardIo& io, vfs::ConfigFile& config, char action) {
  vfs::ConfigFile updated = config;
  switch (action) {
    case 'n':
    case 'e': {
      absl::StatusOr<std::string> name =
          action == 'n' ? AskRemoteName(io, updated) : ChooseRemote(io, updated);
      if (!name.ok()) return name.status();
      absl::StatusOr<bool> kept = action == 'n' ? NewRemoteDialog(io, updated, *name)
                                                : EditRemoteDialog(io, updated, *name);
      if (!kept.ok()) return kept.status();
      break;
    }
    case 'd': {
      absl::StatusOr<std::string> name = ChooseRemote(io, updated);
      if (!name.ok()) return name.status();
      updated.DeleteRemote(*name);
      break;
    }
    case 'r':
    case 'c': {
      absl::StatusOr<std::string> from = ChooseRemote(io, updated);
      if (!from.ok()) return from.status();
      io.out() << (action == 'r' ? "Enter new name for \"" : "Enter name for copy of \"") << *from
               << "\" remote.\n";
      absl::StatusOr<std::string> to = AskRemoteName(io, updated);
      if (!to.ok()) return to.status();
      if (absl::Status st = CopySection(updated, *from, *to); !st.ok()) return st;
      if (action == 'r') updated.DeleteRemote(*from);
      break;
    }
    case 's':
      return PasswordMenu(io, config);
  }
  if (absl::Status st = updated.Save(); !st.ok()) return st;
  config = std::move(updated);
  return absl::OkStatus();
}

}  // namespace

absl::Status RunConfigWizard(CommandEnv& env) {
  TerminalInput input(STDIN_FILENO, env.out);
  WizardIo io(input, isatty(STDOUT_FILENO) == 1);
  for (;;) {
    absl::StatusOr<char> action;
    if (env.config.Remotes().empty()) {
      io.out() << "No remotes found, make a new one?\n";
      action = io.Letter(
          {{'n', "New remote"}, {'s', "Set configuration password"}, {'q', "Quit config"}});
    } else {
      ShowRemotes(io, env.config);
      action = io.Letter({{'e', "Edit existing remote"},
                          {'n', "New remote"},
                          {'d', "Delete remote"},
                          {'r', "Rename remote"},
                          {'c', "Copy remote"},
                          {'s', "Set configuration password"},
                          {'q', "Quit config"}});
    }
    if (!action.ok()) return action.status();
    if (*action == 'q') return absl::OkStatus();
    io.out() << "\n";
    if (absl::Status st = MainAction(io, env.config, *action); !st.ok()) return st;
    io.out() << "\n";
  }
}

}  // namespace fclone
