// What every operation runs with: the options and the stats it reports into. The host owns both;
// embedding programs make their own.
#ifndef FICHIER_VFS_OPERATIONS_CONTEXT_H_
#define FICHIER_VFS_OPERATIONS_CONTEXT_H_

#include <memory>
#include <string_view>

#include "vfs/log.h"
#include "vfs/operations/options.h"
#include "vfs/operations/stats.h"

namespace vfs::operations {

class Filter;
class Limits;

struct Context {
  Options options;
  Stats* stats = nullptr;  // must be set
  // --include/--exclude/...: what the operations see (null or inactive = everything).
  std::shared_ptr<const Filter> filter;
  // --max-transfer, --bwlimit: shared by every transfer of the run (null = no limits).
  std::shared_ptr<Limits> limits;

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
