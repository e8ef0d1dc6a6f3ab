#include "vfs/log.h"

#include <cstdio>
#include <string>
#include <utility>

#include "absl/synchronization/mutex.h"

namespace vfs {
namespace {

struct SinkHolder {
  absl::Mutex mu;
  LogSink sink ABSL_GUARDED_BY(mu);
};

SinkHolder& Holder() {
  static SinkHolder* holder = new SinkHolder;  // never destroyed: logging may run at exit
  return *holder;
}

void DefaultSink(LogLevel level, std::string_view subject, std::string_view message) {
  if (level > LogLevel::kNotice) return;
  const char* tag = level == LogLevel::kError ? "ERROR : " : "NOTICE: ";
  std::string line = tag;
  if (!subject.empty()) line.append(subject).append(": ");
  line.append(message).push_back('\n');
  std::fwrite(line.data(), 1, line.size(), stderr);
}

}  // namespace

LogSink SetLogSink(LogSink sink) {
  SinkHolder& h = Holder();
  absl::MutexLock lock(&h.mu);
  return std::exchange(h.sink, std::move(sink));
}

void Log(LogLevel level, std::string_view subject, std::string_view message) {
  LogSink sink;
  {
    SinkHolder& h = Holder();
    absl::MutexLock lock(&h.mu);
    sink = h.sink;
  }
  if (sink) {
    sink(level, subject, message);
  } else {
    DefaultSink(level, subject, message);
  }
}

}  // namespace vfs
