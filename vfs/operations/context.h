// What every operation runs with: the options and the stats it reports into. The host owns both;
// embedding programs make their own.
#ifndef FICHIER_VFS_OPERATIONS_CONTEXT_H_
#define FICHIER_VFS_OPERATIONS_CONTEXT_H_

#include <functional>
#include <memory>
#include <string_view>
#include <vector>

#include "vfs/log.h"
#include "vfs/operations/options.h"
#include "vfs/operations/stats.h"

namespace vfs::operations {

class Filter;
class Limits;
}  // namespace vfs::operations
namespace vfs {
class Fs;
}  // namespace vfs
namespace vfs::operations {

struct Context {
  Options options;
  Stats* stats = nullptr;  // must be set
  // --include/--exclude/...: what the operations see (null or inactive = everything).
  std::shared_ptr<const Filter> filter;
  // --max-transfer, --bwlimit: shared by every transfer of the run (null = no limits).
  std::shared_ptr<Limits> limits;
  // --backup-dir: where sync/copy/move put what they would delete or overwrite (null = none;
  // with --suffix alone the host passes the destination itself).
  Fs* backup_dir = nullptr;
  // --compare-dest / --copy-dest: other trees a source file may already be in.
  std::vector<Fs*> compare_dest;
  std::vector<Fs*> copy_dest;
  // -i/--interactive: asked before each change ("copy", "delete", ...) of `subject`; false
  // skips it. Null = never ask.
  std::function<bool(std::string_view subject, std::string_view action)> confirm;

  Stats& st() const { return *stats; }
};

// Short-hands for the vfs log with rclone's levels.
inline void LogError(std::string_view subject, std::string_view message) {
  Log(LogLevel::kError, subject, message);
}
inline void LogNotice(std::string_view subject, std::string_view message) {
  Log(LogLevel::kNotice, subject, message);
}
inline void LogInfo(std::string_view subject, std::string_view message) {
  Log(LogLevel::kInfo, subject, message);
}
inline void LogDebug(std::string_view subject, std::string_view message) {
  Log(LogLevel::kDebug, subject, message);
}

}  // namespace vfs::operations

#endif  // FICHIER_VFS_OPERATIONS_CONTEXT_H_
