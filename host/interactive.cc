#include "host/interactive.h"

#include <unistd.h>

#include <map>
#include <memory>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "base/string_views.h"
#include "host/logger.h"

namespace fclone {
namespace {

class Asker {
 public:
  Asker(FILE* in, FILE* out) : in_(in), out_(out) {}

  bool Confirm(std::string_view subject, std::string_view action) {
    absl::MutexLock lock(&mu_);  // one question at a time, whatever the thread
    std::string kind(action);
    if (auto it = decided_.find(kind); it != decided_.end()) return it->second;
    for (;;) {
      std::fprintf(out_,
                   "rclone: %s \"%s\"?\n"
                   "y) Yes, this is OK (default)\n"
                   "n) No, skip this\n"
                   "s) Skip all %s operations with no more questions\n"
                   "!) Do all %s operations with no more questions\n"
                   "q) Exit rclone now.\n"
                   "y/n/s/!/q> ",
                   kind.c_str(), std::string(subject).c_str(), kind.c_str(), kind.c_str());
      std::fflush(out_);
      char line[256];
      if (std::fgets(line, sizeof line, in_) == nullptr) return false;
      std::string answer(absl::StripAsciiWhitespace(line));
      if (answer.empty() || answer == "y") return true;
      if (answer == "n") return false;
      if (answer == "s") {
        Logger::Get().Log(vfs::LogLevel::kNotice, "",
                          absl::StrCat("Skipping all ", kind, " operations from now on without "
                                       "asking"));
        decided_[kind] = false;
        return false;
      }
      if (answer == "!") {
        Logger::Get().Log(vfs::LogLevel::kNotice, "",
                          absl::StrCat("Doing all ", kind, " operations from now on without "
                                       "asking"));
        decided_[kind] = true;
        return true;
      }
      if (answer == "q") {
        Logger::Get().Log(vfs::LogLevel::kNotice, "", "Quitting rclone now");
        std::fflush(nullptr);
        _exit(0);
      }
      std::fprintf(out_, "This value must be one of the following characters: y, n, s, !, q.\n");
    }
  }

 private:
  absl::Mutex mu_;
  FILE* in_;
  FILE* out_;
  std::map<std::string, bool> decided_ ABSL_GUARDED_BY(mu_);
};

}  // namespace

std::function<bool(std::string_view, std::string_view)> MakeConfirm(FILE* in, FILE* out) {
  auto asker = std::make_shared<Asker>(in, out);
  return [asker](std::string_view subject, std::string_view action) {
    return asker->Confirm(subject, action);
  };
}

}  // namespace fclone
