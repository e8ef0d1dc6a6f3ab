#include "vfs/global_options.h"

#include <unistd.h>

#include <cstdlib>
#include <mutex>

namespace vfs {
namespace {

std::mutex mu;
GlobalOptions& Current() {
  static GlobalOptions* options = new GlobalOptions();
  return *options;
}

}  // namespace

GlobalOptions GetGlobalOptions() {
  std::lock_guard<std::mutex> lock(mu);
  return Current();
}

void SetGlobalOptions(const GlobalOptions& options) {
  std::lock_guard<std::mutex> lock(mu);
  Current() = options;
}

std::string TempDir() {
  std::string dir = GetGlobalOptions().temp_dir;
  if (!dir.empty()) return dir;
  if (const char* tmp = std::getenv("TMPDIR"); tmp != nullptr && *tmp != '\0') return tmp;
  return "/tmp";
}

std::string SpoolDir() { return TempDir() + "/fclone-spool-" + std::to_string(::getuid()); }

std::string CacheDir() {
  std::string dir = GetGlobalOptions().cache_dir;
  if (!dir.empty()) return dir;
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg != nullptr && *xdg != '\0') {
    return std::string(xdg) + "/fclone";
  }
  if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
    return std::string(home) + "/.cache/fclone";
  }
  return "";
}

}  // namespace vfs
