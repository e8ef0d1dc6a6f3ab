#include "vfs/config/option_resolver.h"

#include <algorithm>
#include <set>

#include "base/enum_names.h"
#include "vfs/config/obscure.h"
#include "vfs/config/str_util.h"

namespace vfs {
namespace {

using config_internal::AsciiLower;
using config_internal::AsciiUpper;
using config_internal::Cat;
using config_internal::ReplaceChar;

std::string OptionEnvPart(std::string_view option) {
  return AsciiUpper(ReplaceChar(option, '-', "_"));
}

std::string FlagName(std::string_view backend, std::string_view option) {
  return Cat("--", backend, "-", ReplaceChar(option, '_', "-"));
}

// Name used for RCLONE_CONFIG_<NAME>_* and the config file section, or "" if the spec has none.
std::string ConfigSectionName(const RemoteSpec& spec) {
  switch (spec.kind) {
    case RemoteSpec::Kind::kNamed:
      return spec.name;
    case RemoteSpec::Kind::kLocal:
      return "local";
    case RemoteSpec::Kind::kOnTheFly:
      return "";
  }
  return "";
}

// Connection-string parameters as a map; a repeated parameter keeps its last value.
std::map<std::string, std::string, std::less<>> ParameterMap(const RemoteSpec& spec) {
  std::map<std::string, std::string, std::less<>> m;
  for (const auto& [k, v] : spec.parameters) m[k] = v;
  return m;
}

std::string Describe(const RemoteSpec& spec) {
  switch (spec.kind) {
    case RemoteSpec::Kind::kNamed:
      return Cat("remote \"", spec.name, "\"");
    case RemoteSpec::Kind::kOnTheFly:
      return Cat("remote \":", spec.name, "\"");
    case RemoteSpec::Kind::kLocal:
      return "local path";
  }
  return "remote";
}

}  // namespace

std::string_view OptionSourceName(OptionSource source) {
  static constexpr base::EnumName<OptionSource> kNames[] = {
      {OptionSource::kConnectionString, "connection string"},
      {OptionSource::kFlag, "command-line flag"},
      {OptionSource::kRemoteEnv, "remote environment variable"},
      {OptionSource::kBackendEnv, "backend environment variable"},
      {OptionSource::kConfigFile, "config file"},
      {OptionSource::kDefault, "default"},
  };
  return base::NameOf(kNames, source, "unknown");
}

std::string RemoteEnvName(std::string_view remote, std::string_view option) {
  return Cat("RCLONE_CONFIG_", AsciiUpper(remote), "_", OptionEnvPart(option));
}

std::string BackendEnvName(std::string_view backend, std::string_view option) {
  return Cat("RCLONE_", OptionEnvPart(backend), "_", OptionEnvPart(option));
}

absl::StatusOr<BackendType> ResolveBackendType(const RemoteSpec& spec,
                                               const ConfigSources& sources) {
  switch (spec.kind) {
    case RemoteSpec::Kind::kLocal:
      return BackendType{"local", {OptionSource::kDefault, "local path"}};
    case RemoteSpec::Kind::kOnTheFly:
      return BackendType{spec.name, {OptionSource::kConnectionString, "connection string"}};
    case RemoteSpec::Kind::kNamed:
      break;
  }
  auto params = ParameterMap(spec);
  if (auto it = params.find("type"); it != params.end()) {
    return BackendType{it->second, {OptionSource::kConnectionString, "connection string"}};
  }
  const std::string env_name = RemoteEnvName(spec.name, "type");
  if (sources.env != nullptr) {
    if (std::optional<std::string> v = sources.env->Get(env_name)) {
      return BackendType{*v, {OptionSource::kRemoteEnv, env_name}};
    }
  }
  const ConfigFile* file = sources.file;
  if (file != nullptr) {
    std::optional<std::string> v = file->Get(spec.name, "type");
    if (v && !v->empty()) {
      return BackendType{*v, {OptionSource::kConfigFile, file->Where(spec.name, "type")}};
    }
    if (file->HasRemote(spec.name)) {
      return absl::NotFoundError(Cat("didn't find section in config file: remote \"", spec.name,
                                     "\" at ", file->Where(spec.name), " has no \"type\""));
    }
  }
  std::string where = file == nullptr ? std::string("not configured (no config file)")
                                      : Cat("not in ", file->Where(spec.name));
  return absl::NotFoundError(Cat("didn't find section in config file: remote \"", spec.name,
                                 "\" is ", where, " and ", env_name, " is not set"));
}

absl::Status UnknownBackendError(const RemoteSpec& spec, const BackendType& type) {
  std::string message = Cat("didn't find backend called \"", type.type, "\"");
  if (spec.kind == RemoteSpec::Kind::kNamed) {
    message += Cat(" (type of remote \"", spec.name, "\", from ", type.origin.where, ")");
  }
  return absl::NotFoundError(message);
}

std::optional<std::string> RemoteOptions::Get(std::string_view option) const {
  auto it = values_.find(option);
  if (it == values_.end()) return std::nullopt;
  return it->second.value;
}

std::string RemoteOptions::GetOr(std::string_view option, std::string_view fallback) const {
  std::optional<std::string> v = Get(option);
  return v ? *v : std::string(fallback);
}

absl::StatusOr<bool> RemoteOptions::GetBool(std::string_view option, bool fallback) const {
  auto it = values_.find(option);
  if (it == values_.end()) return fallback;
  static const std::set<std::string, std::less<>> kTrue = {"1", "t", "T", "TRUE", "true", "True"};
  static const std::set<std::string, std::less<>> kFalse = {"0",     "f",     "F",
                                                            "FALSE", "false", "False"};
  if (kTrue.contains(it->second.value)) return true;
  if (kFalse.contains(it->second.value)) return false;
  return absl::InvalidArgumentError(Cat("option \"", option, "\" of remote \"", config_name_,
                                        "\" (from ", it->second.origin.where,
                                        ") is not a boolean: use true or false"));
}

std::optional<ValueOrigin> RemoteOptions::Origin(std::string_view option) const {
  auto it = values_.find(option);
  if (it == values_.end()) return std::nullopt;
  return it->second.origin;
}

std::vector<std::string> RemoteOptions::Names() const {
  std::vector<std::string> names;
  for (const auto& [name, v] : values_) names.push_back(name);
  return names;
}

std::map<std::string, std::string, std::less<>> RemoteOptions::Values() const {
  std::map<std::string, std::string, std::less<>> out;
  for (const auto& [name, v] : values_) out.emplace(name, v.value);
  return out;
}

void RemoteOptions::Set(std::string option, std::string value, ValueOrigin origin) {
  values_[std::move(option)] = Value{std::move(value), std::move(origin)};
}

absl::StatusOr<RemoteOptions> ResolveOptions(const RemoteSpec& spec, std::string_view type,
                                             const Options& declared,
                                             const ConfigSources& sources) {
  RemoteOptions result(spec.ConfigName(), std::string(type));
  const auto params = ParameterMap(spec);
  for (const auto& entry : params) {
    const auto& key = entry.first;  // a named reference: clang 14 cannot capture a binding
    bool known = key == "type" || std::any_of(declared.begin(), declared.end(),
                                              [&](const Option& o) { return o.name == key; });
    if (!known) result.AddUnknownParameter(key);
  }
  const std::string section = ConfigSectionName(spec);
  const std::map<std::string, std::string>* flags = nullptr;
  if (auto it = sources.flags.find(type); it != sources.flags.end()) flags = &it->second;

  // The first source that has the option, in precedence order; nullopt if none does.
  auto lookup = [&](const Option& opt) -> std::optional<std::pair<std::string, ValueOrigin>> {
    if (auto it = params.find(opt.name); it != params.end()) {
      return std::pair{it->second,
                       ValueOrigin{OptionSource::kConnectionString, "connection string"}};
    }
    if (flags != nullptr) {
      if (auto it = flags->find(opt.name); it != flags->end()) {
        return std::pair{it->second, ValueOrigin{OptionSource::kFlag, FlagName(type, opt.name)}};
      }
    }
    if (sources.env != nullptr && !section.empty()) {
      std::string name = RemoteEnvName(section, opt.name);
      if (std::optional<std::string> v = sources.env->Get(name)) {
        return std::pair{*v, ValueOrigin{OptionSource::kRemoteEnv, name}};
      }
    }
    if (sources.env != nullptr) {
      std::string name = BackendEnvName(type, opt.name);
      if (std::optional<std::string> v = sources.env->Get(name)) {
        return std::pair{*v, ValueOrigin{OptionSource::kBackendEnv, name}};
      }
    }
    if (sources.file != nullptr && !section.empty()) {
      std::optional<std::string> v = sources.file->Get(section, opt.name);
      if (v.has_value() && !v->empty()) {
        return std::pair{
            *v, ValueOrigin{OptionSource::kConfigFile, sources.file->Where(section, opt.name)}};
      }
    }
    return std::nullopt;
  };

  for (const Option& opt : declared) {
    std::optional<std::string> value;
    ValueOrigin origin;
    if (auto found = lookup(opt)) {
      value = std::move(found->first);
      origin = std::move(found->second);
    } else if (!opt.default_value.empty()) {
      result.Set(opt.name, opt.default_value, {OptionSource::kDefault, "default"});
      continue;
    }

    if (value.has_value() && opt.secret && !value->empty()) {
      absl::StatusOr<std::string> plain = Reveal(*value);
      if (!plain.ok()) {
        return absl::InvalidArgumentError(
            Cat(Describe(spec), ": option \"", opt.name, "\" from ", origin.where,
                " must be obscured (use `rclone obscure`): ", plain.status().message()));
      }
      value = *std::move(plain);
    }
    if (opt.required && (!value.has_value() || value->empty())) {
      std::string where = section.empty() ? "" : Cat(RemoteEnvName(section, opt.name), ", ");
      where += Cat(BackendEnvName(type, opt.name), ", ", FlagName(type, opt.name),
                   " or a connection-string parameter");
      if (!section.empty() && sources.file != nullptr && sources.file->HasRemote(section)) {
        where = Cat(sources.file->Where(section), ", ", where);
      }
      return absl::FailedPreconditionError(Cat(Describe(spec), " (type ", type,
                                               "): required option \"", opt.name,
                                               "\" is not set; set it in ", where));
    }
    if (value.has_value()) result.Set(opt.name, *std::move(value), std::move(origin));
  }
  return result;
}

std::vector<std::string> ListRemotes(const ConfigSources& sources) {
  std::set<std::string> names;
  if (sources.file != nullptr) {
    for (const std::string& r : sources.file->Remotes()) names.insert(r);
  }
  if (sources.env != nullptr) {
    constexpr std::string_view kPrefix = "RCLONE_CONFIG_";
    constexpr std::string_view kSuffix = "_TYPE";
    for (const auto& [key, value] : sources.env->vars()) {
      if (key.size() > kPrefix.size() + kSuffix.size() &&
          std::string_view(key).starts_with(kPrefix) && std::string_view(key).ends_with(kSuffix)) {
        names.insert(
            AsciiLower(key.substr(kPrefix.size(), key.size() - kPrefix.size() - kSuffix.size())));
      }
    }
  }
  return {names.begin(), names.end()};
}

}  // namespace vfs
