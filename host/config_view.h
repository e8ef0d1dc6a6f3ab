// What the config commands and the wizard share: how a stored value is shown, what kind of
// answer an option takes, and checking a value before it is stored.
#ifndef FICHIER_HOST_CONFIG_VIEW_H_
#define FICHIER_HOST_CONFIG_VIEW_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "vfs/config/config_file.h"
#include "vfs/config/option.h"
#include "vfs/registry.h"

namespace fclone {

// How secrets are shown: `config show` masks them as "*** ENCRYPTED ***" (obscured passwords) or
// "*** REDACTED ***" (keys); `config redacted` writes "XXX" for both, as later rclones do.
enum class SecretStyle { kMasked, kXxx };

std::string ShownValue(std::string_view type, std::string_view key, const std::string& value,
                       SecretStyle style = SecretStyle::kMasked);
// "[name]\nkey = value\n..." with secrets shown as `style` says.
std::string ShowRemote(const vfs::ConfigFile& config, const std::string& remote,
                       SecretStyle style = SecretStyle::kMasked);

// What an option's answer is, as rclone names it in its prompts.
enum class OptionKind { kString, kBool, kPassword, kEncoding };
OptionKind KindOf(const vfs::Option& option);

// Go's strconv.ParseBool, which rclone uses: 1 t T TRUE true True and their false forms.
bool ParseGoBool(std::string_view text, bool* value);

// InvalidArgument naming the option (never the value of a secret) when `value` cannot be stored
// for it: a boolean that does not parse, a line break.
absl::Status CheckOptionValue(const vfs::BackendInfo& backend, const vfs::Option& option,
                              std::string_view value);

// The backend of a configured remote, or an error naming the remote.
absl::StatusOr<std::shared_ptr<const vfs::BackendInfo>> BackendOfRemote(
    const vfs::ConfigFile& config, const std::string& remote);

}  // namespace fclone

#endif  // FICHIER_HOST_CONFIG_VIEW_H_
