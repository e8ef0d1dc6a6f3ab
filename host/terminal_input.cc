#include "host/terminal_input.h"

#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "base/string_views.h"

namespace fclone {
namespace {

// Longest answer accepted: a line without an end this long is not an answer.
constexpr size_t kMaxLine = 64 * 1024;

// Turns terminal echo off for its lifetime.
class NoEcho {
 public:
  explicit NoEcho(int fd) : fd_(fd) {
    if (tcgetattr(fd_, &saved_) != 0) return;
    termios quiet = saved_;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    quiet.c_lflag |= ECHONL;
    // TCSANOW: answers typed ahead are kept, not flushed.
    active_ = tcsetattr(fd_, TCSANOW, &quiet) == 0;
  }
  ~NoEcho() {
    if (active_) tcsetattr(fd_, TCSANOW, &saved_);
  }
  NoEcho(const NoEcho&) = delete;
  NoEcho& operator=(const NoEcho&) = delete;

 private:
  int fd_;
  termios saved_{};
  bool active_ = false;
};

}  // namespace

TerminalInput::TerminalInput(int fd, std::ostream& out)
    : fd_(fd), out_(out), is_terminal_(isatty(fd) == 1) {}

absl::StatusOr<std::string> TerminalInput::ReadRaw(std::string_view question) {
  out_.flush();
  std::string line;
  for (;;) {
    char c;
    ssize_t n = read(fd_, &c, 1);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      return absl::ErrnoToStatus(errno,
                                 absl::StrCat("reading the answer to ", base::ToAbsl(question)));
    }
    if (n == 0) {
      return absl::OutOfRangeError(
          absl::StrCat("end of input while waiting for the answer to ", base::ToAbsl(question)));
    }
    if (c == '\n') break;
    if (line.size() >= kMaxLine) {
      return absl::InvalidArgumentError(
          absl::StrCat("the answer to ", base::ToAbsl(question), " is too long"));
    }
    line.push_back(c);
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

absl::StatusOr<std::string> TerminalInput::ReadLine(std::string_view prompt,
                                                    std::string_view question) {
  out_ << prompt;
  return ReadRaw(question);
}

absl::StatusOr<std::string> TerminalInput::ReadPassword(std::string_view prompt,
                                                        std::string_view question) {
  if (!is_terminal_) {
    out_ << prompt;
    return ReadRaw(question);
  }
  absl::StatusOr<std::string> line;
  {
    // Echo goes off before the prompt shows (stderr is unbuffered): a password typed as soon
    // as the prompt appears is never echoed.
    NoEcho quiet(fd_);
    out_ << prompt;
    line = ReadRaw(question);
  }
  return line;
}

}  // namespace fclone
