// A minimal logging hook for the VFS layers. Abseil's logging is not in Debian 12's Abseil, and
// the host wants to route these lines (rclone's NOTICE/INFO/DEBUG) through its own -v handling,
// so the VFS only formats a line and hands it to a replaceable sink.
#ifndef FICHIER_VFS_LOG_H_
#define FICHIER_VFS_LOG_H_

#include <functional>
#include <string_view>

namespace vfs {

enum class LogLevel { kError = 0, kNotice = 1, kInfo = 2, kDebug = 3 };

using LogSink = std::function<void(LogLevel, std::string_view subject, std::string_view message)>;

// Replaces the sink (thread-safe). The default writes NOTICE and ERROR lines to stderr in
// rclone's "LEVEL : subject: message" shape and drops INFO/DEBUG. Returns the previous sink.
LogSink SetLogSink(LogSink sink);
void Log(LogLevel level, std::string_view subject, std::string_view message);

}  // namespace vfs

#endif  // FICHIER_VFS_LOG_H_
