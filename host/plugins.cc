#include "host/plugins.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <system_error>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "vfs/config/config_location.h"
#include "vfs/registry.h"

namespace fclone {
namespace {

constexpr char kFlag[] = "--plugin";

std::string PluginDir() {
  if (const char* dir = std::getenv("FCLONE_PLUGIN_DIR"); dir != nullptr) return dir;
  std::string exe_dir = vfs::CurrentExecutableDir();
  if (exe_dir.empty()) return "";
  return exe_dir + "/../lib/fichier/plugins";
}

// The shared objects of `dir`, sorted; none when it does not exist.
std::vector<std::string> PluginsIn(const std::string& dir) {
  std::vector<std::string> found;
  std::error_code ec;
  if (dir.empty() || !std::filesystem::is_directory(dir, ec)) return found;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.path().extension() == ".so") found.push_back(entry.path().string());
  }
  std::sort(found.begin(), found.end());
  return found;
}

// Takes the --plugin values out of `args`.
absl::StatusOr<std::vector<std::string>> TakePluginFlags(std::vector<std::string>& args) {
  std::vector<std::string> paths;
  std::vector<std::string> rest;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--") {
      rest.insert(rest.end(), args.begin() + i, args.end());
      break;
    }
    if (args[i] == kFlag) {
      if (i + 1 >= args.size()) return absl::InvalidArgumentError("flag needs an argument: --plugin");
      paths.push_back(args[++i]);
    } else if (absl::StartsWith(args[i], absl::StrCat(kFlag, "="))) {
      paths.push_back(args[i].substr(sizeof(kFlag)));
    } else {
      rest.push_back(args[i]);
    }
  }
  args = std::move(rest);
  return paths;
}

}  // namespace

absl::Status LoadPlugins(std::vector<std::string>& args) {
  absl::StatusOr<std::vector<std::string>> named = TakePluginFlags(args);
  if (!named.ok()) return named.status();
  std::vector<std::string> paths = PluginsIn(PluginDir());
  paths.insert(paths.end(), named->begin(), named->end());
  for (const std::string& path : paths) {
    absl::StatusOr<std::vector<std::string>> loaded = vfs::Registry::Global().LoadPlugin(path);
    if (!loaded.ok()) return loaded.status();
  }
  return absl::OkStatus();
}

}  // namespace fclone
