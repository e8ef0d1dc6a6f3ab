#include "vfs/wrapped_remote.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "base/string_views.h"
#include "vfs/config/option_resolver.h"
#include "vfs/errors.h"

namespace vfs {
namespace {

// Named remotes being opened by this thread, outermost first. Factories run synchronously on
// the caller's thread, so a wrapper's target is opened while the wrapper is on this stack.
thread_local std::vector<std::string> opening;

// Only named remotes can form a loop: an on-the-fly remote carries its whole definition.
bool IsNamed(std::string_view config_name) {
  return !config_name.empty() && config_name[0] != ':' && config_name != "local";
}

class OpeningGuard {
 public:
  explicit OpeningGuard(std::string name) { opening.push_back(std::move(name)); }
  ~OpeningGuard() { opening.pop_back(); }
  OpeningGuard(const OpeningGuard&) = delete;
  OpeningGuard& operator=(const OpeningGuard&) = delete;
};

// A configuration mistake, prefixed with the wrapper's name (no "invalid argument" noise: the
// text is rclone's).
absl::Status ConfigError(std::string_view wrapper, std::string_view message) {
  return absl::FailedPreconditionError(absl::StrCat(base::ToAbsl(wrapper), ": ", base::ToAbsl(message)));
}

// Deep enough for any real chain; stops runaway nesting of on-the-fly remotes.
constexpr size_t kMaxWrapDepth = 32;

}  // namespace

Option WrappedRemoteOption(std::string help) {
  return Option{.name = "remote", .help = std::move(help), .default_value = "", .required = true};
}

absl::StatusOr<std::string> JoinRootPath(std::string_view remote, std::string_view path) {
  absl::StatusOr<RemoteSpec> spec = ParseRemoteSpec(remote);
  if (!spec.ok()) return spec.status();
  std::string_view rel = path;
  while (!rel.empty() && rel.front() == '/') rel.remove_prefix(1);
  if (!rel.empty()) {
    if (spec->path.empty() || spec->path.back() == '/') {
      spec->path += rel;
    } else {
      spec->path = absl::StrCat(spec->path, "/", base::ToAbsl(rel));
    }
  }
  return FormatRemoteSpec(*spec);
}

absl::StatusOr<OpenedFs> OpenWrappedRemote(const FsParams& wrapper, std::string_view wrapper_type,
                                           std::string_view target, std::string_view below) {
  if (target.empty()) {
    return ConfigError(wrapper.name, absl::StrCat(base::ToAbsl(wrapper_type),
                                                  " can't point to an empty remote - check the "
                                                  "value of the remote setting"));
  }
  if (IsNamed(wrapper.name) && target.substr(0, wrapper.name.size() + 1) ==
                                   absl::StrCat(wrapper.name, ":")) {
    return ConfigError(wrapper.name, absl::StrCat("can't point ", base::ToAbsl(wrapper_type),
                                                  " remote at itself - check the value of the "
                                                  "remote setting"));
  }
  absl::StatusOr<RemoteSpec> spec = ParseRemoteSpec(target);
  if (!spec.ok()) return spec.status();
  std::string target_name = spec->ConfigName();
  std::vector<std::string> chain = opening;
  if (chain.empty() || chain.back() != wrapper.name) chain.push_back(wrapper.name);
  if (IsNamed(target_name) &&
      std::find(chain.begin(), chain.end(), target_name) != chain.end()) {
    chain.push_back(target_name);
    for (std::string& name : chain) name += ":";
    return ConfigError(wrapper.name,
                       absl::StrCat("remote loop: ", absl::StrJoin(chain, " -> "),
                                 " - check the value of the remote settings"));
  }
  if (opening.size() >= kMaxWrapDepth) {
    return ConfigError(wrapper.name, "remotes wrapped more than 32 deep - check the remote settings");
  }
  absl::StatusOr<std::string> joined = JoinRootPath(target, below);
  if (!joined.ok()) return joined.status();
  ConfigSources none;
  const ConfigSources& sources = wrapper.sources != nullptr ? *wrapper.sources : none;
  OpeningGuard guard(wrapper.name);
  return NewFs(*joined, sources);
}

}  // namespace vfs
