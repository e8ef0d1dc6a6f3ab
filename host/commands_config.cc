// config (file, show, create, delete), listremotes, obscure, version, help.
#include <unistd.h>

#include <iostream>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "host/command.h"
#include "host/exit_code.h"
#include "host/help.h"
#include "vfs/config/obscure.h"
#include "vfs/config/option_resolver.h"
#include "vfs/errors.h"
#include "vfs/registry.h"

namespace fclone {
namespace {

struct ConfigFlags {
  bool obscure = false;
  bool no_obscure = false;
};

// How a stored value is shown: secrets are never printed.
std::string Shown(std::string_view type, std::string_view key, const std::string& value) {
  if (key == "type" || value.empty()) return value;
  absl::StatusOr<std::shared_ptr<const vfs::BackendInfo>> info = vfs::Registry::Global().Find(type);
  if (info.ok()) {
    if (const vfs::Option* opt = (*info)->FindOption(key)) {
      if (opt->secret) return "*** ENCRYPTED ***";
      if (opt->sensitive) return "*** REDACTED ***";
      return value;
    }
  }
  // Undeclared keys that look like credentials are hidden too.
  std::string lower(key);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const char* word : {"pass", "key", "token", "secret"}) {
    if (absl::StrContains(lower, word)) return "*** REDACTED ***";
  }
  return value;
}

std::string ShowRemote(const vfs::ConfigFile& config, const std::string& remote) {
  std::string type = config.Get(remote, "type").value_or("");
  std::string out = absl::StrCat("[", remote, "]\n");
  for (const std::string& key : config.Keys(remote)) {
    absl::StrAppend(&out, key, " = ", Shown(type, key, config.Get(remote, key).value_or("")), "\n");
  }
  return out;
}

absl::Status ConfigFileCmd(CommandEnv& env) {
  if (env.config_location.in_memory) {
    env.out << "Configuration is in memory only\n";
  } else if (env.config_location.exists) {
    env.out << "Configuration file is stored at:\n" << env.config_location.path << "\n";
  } else {
    env.out << "Configuration file doesn't exist, but fclone will use this path:\n"
            << env.config_location.path << "\n";
  }
  return absl::OkStatus();
}

absl::Status ConfigShow(CommandEnv& env) {
  if (env.args.size() >= 2) {
    const std::string& remote = env.args[1];
    if (!env.config.HasRemote(remote)) return vfs::NotFoundInConfigFile(remote);
    env.out << ShowRemote(env.config, remote);
    return absl::OkStatus();
  }
  std::vector<std::string> remotes = env.config.Remotes();
  if (remotes.empty()) {
    env.out << "; empty config\n";
    return absl::OkStatus();
  }
  for (const std::string& remote : remotes) env.out << ShowRemote(env.config, remote) << "\n";
  return absl::OkStatus();
}

absl::Status ConfigCreate(CommandEnv& env, const ConfigFlags& flags) {
  if (env.args.size() < 3 || env.args.size() % 2 != 1) {
    return UsageError("config create needs NAME TYPE and then KEY VALUE pairs");
  }
  const std::string& name = env.args[1];
  const std::string& type = env.args[2];
  if (!vfs::IsValidRemoteName(name)) {
    return UsageError(absl::StrCat("invalid remote name \"", name,
                                   "\": use letters, digits, '_', '.', '-' and spaces"));
  }
  absl::StatusOr<std::shared_ptr<const vfs::BackendInfo>> info = vfs::Registry::Global().Find(type);
  if (!info.ok()) return info.status();
  if (flags.obscure && flags.no_obscure) {
    return UsageError("--obscure and --no-obscure are mutually exclusive");
  }
  vfs::ObscureMode mode = flags.obscure      ? vfs::ObscureMode::kForce
                          : flags.no_obscure ? vfs::ObscureMode::kNever
                                             : vfs::ObscureMode::kAuto;
  if (env.config.HasRemote(name)) env.config.DeleteRemote(name);
  absl::Status st = env.config.Set(name, "type", type);
  if (!st.ok()) return st;
  for (size_t i = 3; i + 1 < env.args.size(); i += 2) {
    std::string key = env.args[i];
    std::string value = env.args[i + 1];
    const vfs::Option* opt = (*info)->FindOption(key);
    if (opt == nullptr) {
      vfs::Log(vfs::LogLevel::kNotice, name,
               absl::StrCat("option \"", key, "\" is not known to the ", type, " backend"));
    } else if (opt->secret) {
      absl::StatusOr<std::string> stored = vfs::ObscureForStorage(value, mode);
      if (!stored.ok()) return stored.status();
      value = *stored;
    }
    st = env.config.Set(name, key, value);
    if (!st.ok()) return st;
  }
  if (env.config_location.in_memory) {
    vfs::Log(vfs::LogLevel::kNotice, "", "Configuration is in memory only: nothing saved");
  }
  st = env.config.Save();
  if (!st.ok()) return st;
  env.out << ShowRemote(env.config, name);
  return absl::OkStatus();
}

absl::Status ConfigDelete(CommandEnv& env) {
  if (env.args.size() != 2) return UsageError("config delete needs NAME");
  if (!env.config.DeleteRemote(env.args[1])) return vfs::NotFoundInConfigFile(env.args[1]);
  return env.config.Save();
}

absl::Status RunConfig(CommandEnv& env, const ConfigFlags& flags) {
  const std::string& sub = env.args[0];
  if (sub == "file") return ConfigFileCmd(env);
  if (sub == "show") return ConfigShow(env);
  if (sub == "create") return ConfigCreate(env, flags);
  if (sub == "delete") return ConfigDelete(env);
  return UsageError(absl::StrCat("unknown config command \"", sub,
                                 "\": use file, show, create or delete (interactive "
                                 "configuration is not supported)"));
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
      Command{
          "config", "file|show|create|delete [NAME] [TYPE] [KEY VALUE]...",
          "Show or edit the configuration file (rclone.conf).",
          "  config file                          where the config file is\n"
          "  config show [NAME]                   the remotes (secrets redacted)\n"
          "  config create NAME TYPE [KEY VALUE]  add or replace a remote; password options are\n"
          "                                       obscured (--obscure forces, --no-obscure "
          "prevents)\n"
          "  config delete NAME                   remove a remote",
          1, -1, false, false},
      [](FlagSet& f, ConfigFlags& x) {
        f.Bool("obscure", 0, &x.obscure, "Force any passwords to be obscured");
        f.Bool("no-obscure", 0, &x.no_obscure, "Force any passwords not to be obscured");
      },
      RunConfig));
  out.push_back(Command{"listremotes", "", "List all the remotes in the config file.", "", 0, 0,
                        false, false, nullptr, [](CommandEnv& env) -> absl::Status {
                          vfs::ConfigSources sources;
                          sources.file = &env.config;
                          vfs::Environment process_env = vfs::Environment::FromProcess();
                          sources.env = &process_env;
                          for (const std::string& remote : vfs::ListRemotes(sources)) {
                            env.out << remote << ":\n";
                          }
                          return absl::OkStatus();
                        }});
  out.push_back(Command{"obscure", "password",
                        "Obscure password for use in the rclone config "
                        "file.",
                        "Use - to read the password from stdin.", 1, 1, false, false, nullptr,
                        RunObscure});
  out.push_back(Command{"version", "", "Show the version number.", "", 0, 0, false, false, nullptr,
                        [](CommandEnv& env) -> absl::Status {
                          env.out << VersionText() << "\n";
                          return absl::OkStatus();
                        }});
  out.push_back(Command{"help", "[command|flags|backends|backend NAME]",
                        "Show help for fclone commands, flags and backends.", "", 0, 2, false,
                        false, nullptr, RunHelp});
}

}  // namespace fclone
