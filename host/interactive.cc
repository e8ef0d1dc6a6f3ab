#include "host/interactive.h"

#include <unistd.h>

#include <cstdio>
#include <map>
#include <memory>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "base/string_views.h"
#include "host/logger.h"
#include "host/terminal_input.h"

namespace fclone {
namespace {

class Asker {
 public:
  Asker(int in, std::ostream& out) : input_(in, out) {}

  bool Confirm(std::string_view subject, std::string_view action) {
    absl::MutexLock lock(&mu_);  // one question at a time, whatever the thread
    std::string kind(action);
    if (auto it = decided_.find(kind); it != decided_.end()) return it->second;
    for (;;) {
      absl::StatusOr<std::string> line = input_.ReadLine(
          absl::StrCat("rclone: ", kind, " \"", base::ToAbsl(subject), "\"?\n",
                       "y) Yes, this is OK (default)\n"
                       "n) No, skip this\n"
                       "s) Skip all ", kind, " operations with no more questions\n"
                       "!) Do all ", kind, " operations with no more questions\n"
                       "q) Exit rclone now.\n"
                       "y/n/s/!/q> "),
          "the interactive question");
      if (!line.ok()) return false;
      std::string answer(absl::StripAsciiWhitespace(*line));
      if (answer.empty() || answer == "y") return true;
      if (answer == "n") return false;
      if (answer == "s" || answer == "!") {  // the answer for every later `kind` question
        const bool yes = answer == "!";
        Logger::Get().Log(vfs::LogLevel::kNotice, "",
                          absl::StrCat(yes ? "Doing" : "Skipping", " all ", kind,
                                       " operations from now on without asking"));
        decided_[kind] = yes;
        return yes;
      }
      if (answer == "q") {
        Logger::Get().Log(vfs::LogLevel::kNotice, "", "Quitting rclone now");
        input_.out().flush();
        std::fflush(nullptr);
        _exit(0);
      }
      input_.out() << "This value must be one of the following characters: y, n, s, !, q.\n";
    }
  }

 private:
  absl::Mutex mu_;
  TerminalInput input_ ABSL_GUARDED_BY(mu_);
  std::map<std::string, bool> decided_ ABSL_GUARDED_BY(mu_);
};

}  // namespace

std::function<bool(std::string_view, std::string_view)> MakeConfirm(int in, std::ostream& out) {
  auto asker = std::make_shared<Asker>(in, out);
  return [asker](std::string_view subject, std::string_view action) {
    return asker->Confirm(subject, action);
  };
}

}  // namespace fclone
