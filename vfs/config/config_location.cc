#include "vfs/config/config_location.h"

#include <unistd.h>

#include <filesystem>
#include <system_error>

#include "absl/status/status.h"
#include "vfs/config/str_util.h"

namespace vfs {
namespace {

using config_internal::Cat;

namespace fs = std::filesystem;

bool Exists(const fs::path& p) {
  std::error_code ec;
  return fs::exists(p, ec);
}

// rclone treats these as "no config file at all" rather than as paths.
bool IsInMemoryPath(const std::string& path) {
  return path.empty() || path == "/dev/null" || fs::path(path).filename() == "notfound";
}

absl::StatusOr<ConfigLocation> Explicit(const std::string& path) {
  ConfigLocation loc;
  if (IsInMemoryPath(path)) {
    loc.in_memory = true;
    return loc;
  }
  std::error_code ec;
  fs::path abs = fs::absolute(path, ec);
  if (ec) {
    return absl::InvalidArgumentError(
        Cat("cannot make config path \"", path, "\" absolute: ", ec.message()));
  }
  loc.path = abs.lexically_normal().string();
  loc.exists = Exists(abs);
  return loc;
}

}  // namespace

absl::StatusOr<ConfigLocation> LocateConfigFile(const Environment& env,
                                                const LocateOptions& options) {
  if (options.config_flag.has_value()) return Explicit(*options.config_flag);
  // Every global flag --x-y can also be set as RCLONE_X_Y; set but empty means in-memory, as
  // `RCLONE_CONFIG= rclone config file` shows.
  if (std::optional<std::string> from_env = env.Get("RCLONE_CONFIG")) return Explicit(*from_env);

  const std::optional<std::string> home = env.GetNonEmpty("HOME");
  const std::optional<std::string> xdg = env.GetNonEmpty("XDG_CONFIG_HOME");

  std::vector<fs::path> candidates;
  if (!options.executable_dir.empty()) {
    candidates.push_back(fs::path(options.executable_dir) / "rclone.conf");
  }
  if (xdg) candidates.push_back(fs::path(*xdg) / "rclone" / "rclone.conf");
  if (home) {
    candidates.push_back(fs::path(*home) / ".config" / "rclone" / "rclone.conf");
    candidates.push_back(fs::path(*home) / ".rclone.conf");
  }
  for (const fs::path& c : candidates) {
    if (Exists(c)) return Explicit(c.string());
  }

  // Nothing exists yet: choose where a new file goes.
  fs::path fresh;
  if (xdg) {
    fresh = fs::path(*xdg) / "rclone" / "rclone.conf";
  } else if (home) {
    fresh = fs::path(*home) / ".config" / "rclone" / "rclone.conf";
  } else {
    return Explicit(".rclone.conf");
  }
  if (options.create_directories) {
    std::error_code ec;
    fs::create_directories(fresh.parent_path(), ec);
    if (ec && home) fresh = fs::path(*home) / ".rclone.conf";
  }
  return Explicit(fresh.string());
}

std::string CurrentExecutableDir() {
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec) return "";
  return exe.parent_path().string();
}

}  // namespace vfs
