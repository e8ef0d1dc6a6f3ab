// Resolution of a remote's options from every source rclone reads, in rclone's precedence
// (spec/rclone-conventions.md §5.4), first source that has the option wins:
//   1. connection-string parameter      remote,api_key=...:path  /  :fichier,api_key=...:path
//   2. command-line backend flag        --fichier-api-key (values passed in by the host)
//   3. remote environment variable      RCLONE_CONFIG_<REMOTE>_<OPTION>
//   4. backend environment variable     RCLONE_<BACKEND>_<OPTION>
//   5. the config file                  [remote] option = ...
//   6. the option's declared default
// Checked against rclone 1.60 with the local backend: an empty value in the config file counts as
// unset, but an empty parameter or environment variable is a value (""). Sources 3 and 5 use the
// remote's config name; for a local path that name is "local", so RCLONE_CONFIG_LOCAL_* and a
// [local] section apply to local paths; an on-the-fly remote (:backend) has neither.
// Options declared secret are stored obscured in every source and are revealed here, so backends
// receive plain text (defaults are taken as plain).
//
// This layer does not know the registry: the caller looks the backend type up (step 1 below),
// then passes that backend's declared Options to ResolveOptions (step 2).
#ifndef FICHIER_VFS_CONFIG_OPTION_RESOLVER_H_
#define FICHIER_VFS_CONFIG_OPTION_RESOLVER_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "vfs/config/config_file.h"
#include "vfs/config/environment.h"
#include "vfs/config/option.h"
#include "vfs/config/remote_spec.h"

namespace vfs {

enum class OptionSource {
  kConnectionString,
  kFlag,
  kRemoteEnv,
  kBackendEnv,
  kConfigFile,
  kDefault,
};
std::string_view OptionSourceName(OptionSource source);

// Where a value came from: the source and, for logs and errors, its precise origin
// ("RCLONE_CONFIG_MYF_API_KEY", "/home/u/.config/rclone/rclone.conf:7", "connection string",
// "--fichier-api-key", "default").
struct ValueOrigin {
  OptionSource source = OptionSource::kDefault;
  std::string where;
};

// Everything besides the remote spec that can hold option values.
struct ConfigSources {
  const ConfigFile* file = nullptr;  // nullptr: no config file
  const Environment* env = nullptr;  // nullptr: empty environment
  // Command-line backend flags already parsed by the host: backend type -> option -> value
  // ({"fichier", {{"api_key", "..."}}} for --fichier-api-key).
  std::map<std::string, std::map<std::string, std::string>, std::less<>> flags;
};

struct BackendType {
  std::string type;  // "fichier", "local", ...
  ValueOrigin origin;
};

// Step 1: which backend a spec names. `:fichier` -> fichier; a local path -> local; a named remote
// -> its `type` from (in precedence order) a `type=` parameter, RCLONE_CONFIG_<REMOTE>_TYPE, the
// config file. A remote with no type anywhere is NotFound ("didn't find section in config file",
// rclone's wording) naming the remote and the file.
absl::StatusOr<BackendType> ResolveBackendType(const RemoteSpec& spec,
                                               const ConfigSources& sources);

// For the caller when the registry has no backend `type`: NotFound "didn't find backend called
// ..." naming the remote and, if the type came from the config file, the file and line.
absl::Status UnknownBackendError(const RemoteSpec& spec, const BackendType& type);

// A remote's resolved options: every declared option that has a value (from some source, or a
// non-empty default). Secret options hold the revealed (plain) value.
class RemoteOptions {
 public:
  RemoteOptions() = default;
  RemoteOptions(std::string config_name, std::string type)
      : config_name_(std::move(config_name)), type_(std::move(type)) {}

  const std::string& config_name() const { return config_name_; }  // "myf" or ":fichier"
  const std::string& type() const { return type_; }

  std::optional<std::string> Get(std::string_view option) const;
  std::string GetOr(std::string_view option, std::string_view fallback) const;
  // Booleans as rclone parses them (Go's strconv.ParseBool: 1 t T TRUE true True and
  // 0 f F FALSE false False; not yes/no). Unset gives `fallback`; anything else is an error
  // naming the option and its origin.
  absl::StatusOr<bool> GetBool(std::string_view option, bool fallback) const;
  std::optional<ValueOrigin> Origin(std::string_view option) const;
  // Option names with a value, sorted.
  std::vector<std::string> Names() const;
  // Name -> value of every option with a value (the registry's ConfigMap has this type).
  std::map<std::string, std::string, std::less<>> Values() const;
  // Connection-string parameters that are not declared options (rclone ignores them; the host
  // may warn).
  const std::vector<std::string>& unknown_parameters() const { return unknown_parameters_; }

  void Set(std::string option, std::string value, ValueOrigin origin);
  void AddUnknownParameter(std::string name) { unknown_parameters_.push_back(std::move(name)); }

 private:
  struct Value {
    std::string value;
    ValueOrigin origin;
  };
  std::string config_name_;
  std::string type_;
  std::map<std::string, Value, std::less<>> values_;
  std::vector<std::string> unknown_parameters_;
};

// Step 2: resolve `declared` (the options of backend `type`) for `spec`. Errors:
// InvalidArgument for a secret value that does not reveal (it must be obscured with
// `rclone obscure`), FailedPrecondition for a required option without a value; both name the
// remote, the option and where the value was looked for, never the value.
absl::StatusOr<RemoteOptions> ResolveOptions(const RemoteSpec& spec, std::string_view type,
                                             const Options& declared, const ConfigSources& sources);

// Names of the remote and backend environment variables for an option, as rclone derives them
// (upper case; '-' becomes '_'; other characters of the remote name are kept).
std::string RemoteEnvName(std::string_view remote, std::string_view option);
std::string BackendEnvName(std::string_view backend, std::string_view option);

// Remotes defined in the config file or by RCLONE_CONFIG_<NAME>_TYPE in the environment (those
// lower-cased), sorted and without duplicates, like `rclone listremotes`.
std::vector<std::string> ListRemotes(const ConfigSources& sources);

}  // namespace vfs

#endif  // FICHIER_VFS_CONFIG_OPTION_RESOLVER_H_
