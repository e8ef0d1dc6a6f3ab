#include "host/help.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "vfs/registry.h"

namespace fclone {

std::string VersionText() {
  return "fclone v0.1.0\n- backends: " + [] {
    std::string names;
    for (const auto& b : vfs::Registry::Global().List()) {
      if (!names.empty()) names += ", ";
      names += b->name;
    }
    return names;
  }();
}

std::string TopLevelUsage(const Commands& commands) {
  std::string out = "Usage:\n  fclone [flags]\n  fclone [command]\n\nAvailable Commands:\n";
  std::vector<const Command*> sorted;
  for (const Command& c : commands) sorted.push_back(&c);
  std::sort(sorted.begin(), sorted.end(),
            [](const Command* a, const Command* b) { return a->name < b->name; });
  for (const Command* c : sorted) {
    absl::StrAppendFormat(&out, "  %-15s %s\n", c->name, c->short_help);
  }
  out += "\nUse \"fclone [command] --help\" for more information about a command.\n"
         "Use \"fclone help flags\" to see the global flags.\n"
         "Use \"fclone help backends\" for a list of supported services.\n";
  return out;
}

std::string TopLevelHelp(const Commands& commands) {
  return "fclone: rclone-compatible commands for 1fichier and other remotes.\n\n" +
         TopLevelUsage(commands);
}

std::string CommandUsage(const Command& command) {
  FlagSet flags;
  bool help = false;
  flags.Bool("help", 'h', &help, absl::StrCat("help for ", command.name));
  if (command.add_flags) command.add_flags(flags);
  std::string out = absl::StrCat("Usage:\n  fclone ", command.name);
  if (!command.args_usage.empty()) absl::StrAppend(&out, " ", command.args_usage);
  absl::StrAppend(&out, " [flags]\n\nFlags:\n", flags.Usage(false),
                  "\nUse \"fclone [command] --help\" for more information about a command.\n"
                  "Use \"fclone help flags\" to see the global flags.\n"
                  "Use \"fclone help backends\" for a list of supported services.\n");
  return out;
}

std::string CommandHelp(const Command& command) {
  std::string out = command.short_help + "\n\n";
  if (!command.long_help.empty()) out += command.long_help + "\n\n";
  return out + CommandUsage(command);
}

std::string GlobalFlagsHelp() {
  FlagSet flags;
  GlobalFlags g;
  AddGlobalFlagsForHelp(flags, g);
  return "Global flags (apply to every command; each can also be set as RCLONE_<FLAG_NAME>):\n\n" +
         flags.Usage(true);
}

std::string BackendsHelp() {
  std::string out = "All fclone backends:\n\n";
  for (const auto& b : vfs::Registry::Global().List()) {
    absl::StrAppendFormat(&out, "  %-15s %s\n", b->name, b->description);
  }
  return out + "\nTo see more info about a backend use:\n  fclone help backend <name>\n";
}

}  // namespace fclone
