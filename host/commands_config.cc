// config (subcommands in config_commands.cc, the wizard in config_wizard.cc), listremotes,
// obscure, reveal, version, help.
#include <unistd.h>

#include <algorithm>
#include <iostream>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "host/command.h"
#include "host/config_commands.h"
#include "host/exit_code.h"
#include "host/help.h"
#include "vfs/config/obscure.h"
#include "vfs/config/option_resolver.h"
#include "vfs/errors.h"
#include "vfs/registry.h"

namespace fclone {
namespace {

struct ListRemotesFlags {
  bool long_format = false;
};

void AddListRemotesFlags(FlagSet& f, ListRemotesFlags& x) {
  f.Bool("long", 0, &x.long_format, "Show the type as well as names");
}

absl::Status ListRemotes(CommandEnv& env, const ListRemotesFlags& flags) {
  vfs::ConfigSources sources;
  sources.file = &env.config;
  vfs::Environment process_env = vfs::Environment::FromProcess();
  sources.env = &process_env;
  std::vector<std::string> remotes = vfs::ListRemotes(sources);
  size_t width = 0;
  for (const std::string& remote : remotes) width = std::max(width, remote.size() + 1);
  for (const std::string& remote : remotes) {
    if (!flags.long_format) {
      env.out << remote << ":\n";
      continue;
    }
    vfs::RemoteSpec spec;
    spec.kind = vfs::RemoteSpec::Kind::kNamed;
    spec.name = remote;
    absl::StatusOr<vfs::BackendType> type = vfs::ResolveBackendType(spec, sources);
    env.out << absl::StrFormat("%-*s %s\n", static_cast<int>(width), remote + ":",
                               type.ok() ? type->type : std::string());
  }
  return absl::OkStatus();
}

absl::Status RunReveal(CommandEnv& env) {
  absl::StatusOr<std::string> plain = vfs::Reveal(env.args[0]);
  if (!plain.ok()) return plain.status();
  env.out << *plain << "\n";
  return absl::OkStatus();
}

absl::Status RunObscure(CommandEnv& env) {
  std::string plain = env.args[0];
  if (plain == "-") {
    if (isatty(STDIN_FILENO)) return UsageError("obscure: stdin is a terminal; pass the value");
    std::getline(std::cin, plain);
    if (!plain.empty() && plain.back() == '\r') plain.pop_back();
  }
  absl::StatusOr<std::string> obscured = vfs::Obscure(plain);
  if (!obscured.ok()) return obscured.status();
  env.out << *obscured << "\n";
  return absl::OkStatus();
}

absl::Status RunHelp(CommandEnv& env) {
  if (env.args.empty()) {
    env.out << TopLevelHelp(env.commands);
    return absl::OkStatus();
  }
  const std::string& topic = env.args[0];
  if (topic == "flags") {
    env.out << GlobalFlagsHelp();
    return absl::OkStatus();
  }
  if (topic == "backends") {
    env.out << BackendsHelp();
    return absl::OkStatus();
  }
  if (topic == "backend") {
    if (env.args.size() < 2) return UsageError("help backend needs a backend name");
    absl::StatusOr<std::shared_ptr<const vfs::BackendInfo>> info =
        vfs::Registry::Global().Find(env.args[1]);
    if (!info.ok()) return info.status();
    env.out << "## " << (*info)->name << "\n\n" << (*info)->description << "\n\nOptions:\n";
    for (const vfs::Option& opt : (*info)->options) {
      if (opt.hidden) continue;
      std::string flag = (*info)->name + "-" + opt.name;
      for (char& c : flag) c = c == '_' ? '-' : c;
      env.out << "  --" << flag << (opt.advanced ? " (advanced)" : "") << "\n    "
              << opt.help.substr(0, opt.help.find('\n'));
      if (!opt.default_value.empty()) env.out << " (default " << opt.default_value << ")";
      env.out << "\n";
    }
    return absl::OkStatus();
  }
  const Command* command = FindCommand(env.commands, topic);
  if (command == nullptr) {
    return UsageError(absl::StrCat("unknown help topic \"", topic, "\""));
  }
  env.out << CommandHelp(*command);
  return absl::OkStatus();
}

}  // namespace

void AddConfigCommands(Commands& out) {
  out.push_back(WithOwnFlags<ConfigFlags>(
      Command{.name = "config", .max_args = -1},
      [](FlagSet& f, ConfigFlags& x) {
        f.Bool("obscure", 0, &x.obscure, "Force any passwords to be obscured");
        f.Bool("no-obscure", 0, &x.no_obscure, "Force any passwords not to be obscured");
        f.Bool("non-interactive", 0, &x.non_interactive,
               "Don't interact with user and return questions");
      },
      RunConfigCommand));
  out.push_back(WithOwnFlags<ListRemotesFlags>(Command{.name = "listremotes"}, AddListRemotesFlags,
                                               ListRemotes));
  out.push_back(Command{.name = "reveal", .min_args = 1, .max_args = 1, .run = RunReveal});
  out.push_back(Command{.name = "obscure", .min_args = 1, .max_args = 1, .run = RunObscure});
  out.push_back(Command{.name = "version", .run = [](CommandEnv& env) -> absl::Status {
                          env.out << VersionText() << "\n";
                          return absl::OkStatus();
                        }});
  out.push_back(Command{.name = "help", .max_args = 2, .run = RunHelp});
}

}  // namespace fclone
