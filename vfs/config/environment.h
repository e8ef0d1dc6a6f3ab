// A snapshot of environment variables. The config layer reads RCLONE_* variables through this
// rather than getenv so tests can inject any environment without mutating the process's own
// (which would race with other threads and leak between tests).
#ifndef FICHIER_VFS_CONFIG_ENVIRONMENT_H_
#define FICHIER_VFS_CONFIG_ENVIRONMENT_H_

#include <functional>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace vfs {

class Environment {
 public:
  using Map = std::map<std::string, std::string, std::less<>>;

  Environment() = default;  // empty
  explicit Environment(Map vars) : vars_(std::move(vars)) {}
  // Environment({{"HOME", "/h"}, {"RCLONE_CONFIG", "/x.conf"}}) in tests.
  Environment(std::initializer_list<Map::value_type> vars) : vars_(vars) {}

  // Copies the current process environment.
  static Environment FromProcess();

  // The value of `name`, or nullopt if unset. A variable set to "" is set: rclone 1.60 lets
  // `RCLONE_CONFIG_X_OPT=` override lower sources with "" and treats `RCLONE_CONFIG=` as
  // in-memory (both verified). Callers decide where empty means unset (HOME, XDG_CONFIG_HOME).
  std::optional<std::string> Get(std::string_view name) const;
  // Like Get, but "" counts as unset.
  std::optional<std::string> GetNonEmpty(std::string_view name) const;

  const Map& vars() const { return vars_; }

 private:
  Map vars_;
};

}  // namespace vfs

#endif  // FICHIER_VFS_CONFIG_ENVIRONMENT_H_
