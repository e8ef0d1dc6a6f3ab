#include "host/config_commands.h"

#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "base/json_writer.h"
#include "host/config_password.h"
#include "host/config_view.h"
#include "host/config_wizard.h"
#include "host/exit_code.h"
#include "host/terminal_input.h"
#include "vfs/config/obscure.h"
#include "vfs/errors.h"
#include "vfs/global_options.h"
#include "vfs/log.h"
#include "vfs/registry.h"

namespace fclone {
namespace {

// rclone writes `config dump` and `config providers` indented by four spaces.
std::string FourSpaceIndent(const std::string& two_space_json) {
  std::string out;
  size_t pos = 0;
  while (pos < two_space_json.size()) {
    size_t end = two_space_json.find('\n', pos);
    if (end == std::string::npos) end = two_space_json.size();
    size_t indent = 0;
    while (pos + indent < end && two_space_json[pos + indent] == ' ') ++indent;
    out.append(indent, ' ');
    out.append(two_space_json, pos, end - pos + (end < two_space_json.size() ? 1 : 0));
    pos = end + 1;
  }
  return out;
}

// `name` or `name:` (as `config show kv:` takes it).
std::string RemoteArg(std::string name) {
  if (!name.empty() && name.back() == ':') name.pop_back();
  return name;
}

// KEY VALUE pairs and KEY=VALUE words, as rclone reads them: a word in key position holding `=`
// is a pair by itself; a word in value position is taken whole.
absl::StatusOr<std::vector<std::pair<std::string, std::string>>> KeyValues(
    const std::vector<std::string>& args, size_t from) {
  std::vector<std::pair<std::string, std::string>> out;
  for (size_t i = from; i < args.size(); ++i) {
    size_t eq = args[i].find('=');
    if (eq != std::string::npos) {
      out.emplace_back(args[i].substr(0, eq), args[i].substr(eq + 1));
    } else if (i + 1 < args.size()) {
      out.emplace_back(args[i], args[i + 1]);
      ++i;
    } else {
      return absl::InvalidArgumentError(absl::StrCat("found key without value: \"", args[i], "\""));
    }
  }
  return out;
}

vfs::ObscureMode ModeOf(const ConfigFlags& flags, bool password_command) {
  if (password_command || flags.obscure) return vfs::ObscureMode::kForce;
  return flags.no_obscure ? vfs::ObscureMode::kNever : vfs::ObscureMode::kAuto;
}

// Sets the pairs on `name` in `config` (a copy: nothing is stored unless all are good).
absl::Status SetOptions(vfs::ConfigFile& config, const std::string& name,
                        const vfs::BackendInfo& backend,
                        const std::vector<std::pair<std::string, std::string>>& pairs,
                        vfs::ObscureMode mode, bool obscure_everything) {
  for (const auto& [key, given] : pairs) {
    if (key == "type") return absl::InvalidArgumentError("the type of a remote cannot be set here");
    const vfs::Option* opt = backend.FindOption(key);
    if (opt == nullptr) {
      return absl::InvalidArgumentError(
          absl::StrCat("option \"", key, "\" is not known to the ", backend.name, " backend"));
    }
    std::string value = given;
    if (absl::Status st = CheckOptionValue(backend, *opt, value); !st.ok()) return st;
    if ((opt->secret || obscure_everything) && !value.empty()) {
      absl::StatusOr<std::string> stored = vfs::ObscureForStorage(value, mode);
      if (!stored.ok()) {
        return absl::InvalidArgumentError(
            absl::StrCat("option \"", key, "\": ", stored.status().message()));
      }
      value = *stored;
    }
    if (absl::Status st = config.Set(name, key, value); !st.ok()) return st;
  }
  return absl::OkStatus();
}

absl::Status SaveAndShow(CommandEnv& env, vfs::ConfigFile updated, const std::string& name) {
  if (env.config_location.in_memory) {
    vfs::Log(vfs::LogLevel::kNotice, "", "Configuration is in memory only: nothing saved");
  }
  if (absl::Status st = updated.Save(); !st.ok()) return st;
  env.config = std::move(updated);
  env.out << ShowRemote(env.config, name);
  return absl::OkStatus();
}

absl::Status Create(CommandEnv& env, const ConfigFlags& flags) {
  if (env.args.size() < 3) return UsageError("config create needs NAME TYPE [KEY VALUE]...");
  const std::string name = env.args[1];
  const std::string& type = env.args[2];
  if (absl::Status st = CheckRemoteName(name); !st.ok()) return st;
  if (flags.obscure && flags.no_obscure) {
    return UsageError("--obscure and --no-obscure are mutually exclusive");
  }
  absl::StatusOr<std::shared_ptr<const vfs::BackendInfo>> info = vfs::Registry::Global().Find(type);
  if (!info.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("couldn't find backend for type \"", type, "\""));
  }
  auto pairs = KeyValues(env.args, 3);
  if (!pairs.ok()) return pairs.status();
  vfs::ConfigFile updated = env.config;
  updated.DeleteRemote(name);
  if (absl::Status st = updated.Set(name, "type", (*info)->name); !st.ok()) return st;
  if (absl::Status st = SetOptions(updated, name, **info, *pairs, ModeOf(flags, false), false);
      !st.ok()) {
    return st;
  }
  return SaveAndShow(env, std::move(updated), name);
}

// `config update` and `config password` (which obscures every value given).
absl::Status Update(CommandEnv& env, const ConfigFlags& flags, bool password) {
  const char* usage = password ? "config password needs NAME [KEY VALUE]..."
                               : "config update needs NAME [KEY VALUE]...";
  if (env.args.size() < 2) return UsageError(usage);
  const std::string name = RemoteArg(env.args[1]);
  absl::StatusOr<std::shared_ptr<const vfs::BackendInfo>> info = BackendOfRemote(env.config, name);
  if (!info.ok()) return info.status();
  auto pairs = KeyValues(env.args, 2);
  if (!pairs.ok()) return pairs.status();
  vfs::ConfigFile updated = env.config;
  if (absl::Status st =
          SetOptions(updated, name, **info, *pairs, ModeOf(flags, password), password);
      !st.ok()) {
    return st;
  }
  return SaveAndShow(env, std::move(updated), name);
}

absl::Status Delete(CommandEnv& env) {
  if (env.args.size() != 2) return UsageError("config delete needs NAME");
  std::string name = RemoteArg(env.args[1]);
  vfs::ConfigFile updated = env.config;
  if (!updated.DeleteRemote(name)) return vfs::NotFoundInConfigFile(name);
  if (absl::Status st = updated.Save(); !st.ok()) return st;
  env.config = std::move(updated);
  return absl::OkStatus();
}

absl::Status Show(CommandEnv& env, SecretStyle style) {
  if (env.args.size() > 2) return UsageError("config show takes at most one remote name");
  if (env.args.size() == 2) {
    std::string remote = RemoteArg(env.args[1]);
    if (!env.config.HasRemote(remote)) return vfs::NotFoundInConfigFile(remote);
    env.out << ShowRemote(env.config, remote, style);
    return absl::OkStatus();
  }
  std::vector<std::string> remotes = env.config.Remotes();
  if (remotes.empty()) {
    env.out << "; empty config\n";
    return absl::OkStatus();
  }
  for (const std::string& remote : remotes)
    env.out << ShowRemote(env.config, remote, style) << "\n";
  return absl::OkStatus();
}

absl::Status Dump(CommandEnv& env) {
  base::JsonWriter json(/*pretty=*/true);
  json.BeginObject();
  std::vector<std::string> remotes = env.config.Remotes();
  std::sort(remotes.begin(), remotes.end());
  for (const std::string& remote : remotes) {
    json.Key(remote).BeginObject();
    std::vector<std::string> keys = env.config.Keys(remote);
    std::sort(keys.begin(), keys.end());
    for (const std::string& key : keys) json.Field(key, env.config.Get(remote, key).value_or(""));
    json.EndObject();
  }
  json.EndObject();
  env.out << FourSpaceIndent(json.str()) << "\n";
  return absl::OkStatus();
}

absl::Status Providers(CommandEnv& env) {
  base::JsonWriter json(/*pretty=*/true);
  json.BeginArray();
  for (const auto& backend : vfs::Registry::Global().List()) {
    json.BeginObject().Field("Name", backend->name).Field("Description", backend->description);
    json.Field("Prefix", backend->name).Key("Options").BeginArray();
    for (const vfs::Option& opt : backend->options) {
      const char* type = KindOf(opt) == OptionKind::kBool       ? "bool"
                         : KindOf(opt) == OptionKind::kEncoding ? "MultiEncoder"
                                                                : "string";
      json.BeginObject().Field("Name", opt.name).Field("Help", opt.help).Field("Provider", "");
      json.Field("Default", opt.default_value).Key("Value").Null();
      json.Field("ShortOpt", opt.short_opt ? std::string(1, opt.short_opt) : std::string());
      json.Key("Hide").Int(opt.hidden ? 3 : 0);
      json.Key("Required").Raw(opt.required ? "true" : "false");
      json.Key("IsPassword").Raw(opt.secret ? "true" : "false");
      json.Key("NoPrefix").Raw(opt.no_prefix ? "true" : "false");
      json.Key("Advanced").Raw(opt.advanced ? "true" : "false");
      json.Key("Exclusive").Raw("false");
      json.Field("DefaultStr", opt.default_value).Field("ValueStr", opt.default_value);
      json.Field("Type", type).EndObject();
    }
    json.EndArray().Key("CommandHelp").Null().Key("Aliases").Null();
    json.Key("Hide").Raw("false").Key("MetadataInfo").Null().EndObject();
  }
  json.EndArray();
  env.out << FourSpaceIndent(json.str()) << "\n";
  return absl::OkStatus();
}

absl::Status FilePath(CommandEnv& env) {
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

absl::Status Paths(CommandEnv& env) {
  env.out << "Config file: " << (env.config_location.in_memory ? "" : env.config_location.path)
          << "\nCache dir:   " << vfs::CacheDir() << "\nTemp dir:    " << vfs::TempDir() << "\n";
  return absl::OkStatus();
}

absl::Status Touch(CommandEnv& env) {
  if (env.config_location.in_memory || env.config_location.exists) return absl::OkStatus();
  return env.config.Save();
}

// `config encryption set|remove|check` (rclone 1.61+; 1.60 has only the wizard's `s` menu).
absl::Status Encryption(CommandEnv& env) {
  if (env.args.size() != 2) return UsageError("config encryption needs set, remove or check");
  const std::string& what = env.args[1];
  if (what == "check") {
    if (!env.config.encrypted())
      return absl::FailedPreconditionError("config file is NOT encrypted");
    return absl::OkStatus();
  }
  if (env.config_location.in_memory) {
    return absl::FailedPreconditionError("configuration is in memory only: nothing to encrypt");
  }
  vfs::ConfigFile updated = env.config;
  if (what == "set") {
    TerminalInput input(STDIN_FILENO, env.out);
    absl::StatusOr<std::string> password = AskNewConfigPassword(input);
    if (!password.ok()) return password.status();
    if (absl::Status st = updated.SetPassword(*password); !st.ok()) return st;
  } else if (what == "remove") {
    updated.RemovePassword();
  } else {
    return UsageError(
        absl::StrCat("unknown config encryption command \"", what, "\": use set, remove or check"));
  }
  if (absl::Status st = updated.Save(); !st.ok()) return st;
  env.config = std::move(updated);
  return absl::OkStatus();
}

}  // namespace

absl::Status RunConfigCommand(CommandEnv& env, const ConfigFlags& flags) {
  if (env.args.empty() || env.args[0] == "edit") {
    if (flags.non_interactive)
      return UsageError("config needs a subcommand with --non-interactive");
    return RunConfigWizard(env);
  }
  const std::string& sub = env.args[0];
  if (sub == "create") return Create(env, flags);
  if (sub == "update") return Update(env, flags, /*password=*/false);
  if (sub == "password") return Update(env, flags, /*password=*/true);
  if (sub == "delete") return Delete(env);
  if (sub == "show") return Show(env, SecretStyle::kMasked);
  if (sub == "redacted") return Show(env, SecretStyle::kXxx);
  if (sub == "dump") return Dump(env);
  if (sub == "file") return FilePath(env);
  if (sub == "paths") return Paths(env);
  if (sub == "providers") return Providers(env);
  if (sub == "touch") return Touch(env);
  if (sub == "encryption") return Encryption(env);
  return UsageError(absl::StrCat("unknown config command \"", sub,
                                 "\": use create, update, password, delete, show, redacted, "
                                 "dump, file, paths, providers, touch, encryption or edit"));
}

}  // namespace fclone
