#include "host/config_view.h"

#include <cctype>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "base/string_views.h"
#include "vfs/errors.h"

namespace fclone {

std::string ShownValue(std::string_view type, std::string_view key, const std::string& value,
                       SecretStyle style) {
  if (key == "type" || value.empty()) return value;
  const bool xxx = style == SecretStyle::kXxx;
  absl::StatusOr<std::shared_ptr<const vfs::BackendInfo>> info = vfs::Registry::Global().Find(type);
  if (info.ok()) {
    if (const vfs::Option* opt = (*info)->FindOption(key)) {
      if (opt->secret) return xxx ? "XXX" : "*** ENCRYPTED ***";
      if (opt->sensitive) return xxx ? "XXX" : "*** REDACTED ***";
      return value;
    }
  }
  // Undeclared keys that look like credentials are hidden too.
  std::string lower = absl::AsciiStrToLower(std::string(key));
  for (const char* word : {"pass", "key", "token", "secret"}) {
    if (absl::StrContains(lower, word)) return xxx ? "XXX" : "*** REDACTED ***";
  }
  return value;
}

std::string ShowRemote(const vfs::ConfigFile& config, const std::string& remote,
                       SecretStyle style) {
  std::string type = config.Get(remote, "type").value_or("");
  std::string out = absl::StrCat("[", remote, "]\n");
  for (const std::string& key : config.Keys(remote)) {
    absl::StrAppend(&out, key, " = ",
                    ShownValue(type, key, config.Get(remote, key).value_or(""), style), "\n");
  }
  return out;
}

OptionKind KindOf(const vfs::Option& option) {
  if (option.secret) return OptionKind::kPassword;
  if (option.default_value == "true" || option.default_value == "false") return OptionKind::kBool;
  if (option.name == "encoding") return OptionKind::kEncoding;
  return OptionKind::kString;
}

bool ParseGoBool(std::string_view text, bool* value) {
  for (const char* t : {"1", "t", "T", "TRUE", "true", "True"}) {
    if (text == t) return *value = true, true;
  }
  for (const char* f : {"0", "f", "F", "FALSE", "false", "False"}) {
    if (text == f) return *value = false, true;
  }
  return false;
}

absl::Status CheckOptionValue(const vfs::BackendInfo& backend, const vfs::Option& option,
                              std::string_view value) {
  if (value.find_first_of("\r\n") != std::string_view::npos) {
    return absl::InvalidArgumentError(
        absl::StrCat("value of option \"", option.name, "\" must not contain a line break"));
  }
  bool ignored;
  if (KindOf(option) == OptionKind::kBool && !value.empty() && !ParseGoBool(value, &ignored)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "option \"", option.name, "\" of the ", backend.name,
        " backend takes a boolean (true or false), not \"", base::ToAbsl(value), "\""));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::shared_ptr<const vfs::BackendInfo>> BackendOfRemote(
    const vfs::ConfigFile& config, const std::string& remote) {
  if (!config.HasRemote(remote)) return vfs::NotFoundInConfigFile(remote);
  std::string type = config.Get(remote, "type").value_or("");
  if (type.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("couldn't find type field in config for \"", remote, "\""));
  }
  return vfs::Registry::Global().Find(type);
}

}  // namespace fclone
