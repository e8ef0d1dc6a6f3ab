// Answers typed by a person or piped in by a script, one line each, for `fclone config` and the
// configuration password. rclone reads them from a terminal; fclone also takes them from a pipe
// (one line per question). Lines are read a byte at a time from the file descriptor so nothing
// meant for a later reader is swallowed. End of input is an error naming the question, so an
// interrupted dialog never ends as if the user had pressed Enter.
#ifndef FICHIER_HOST_TERMINAL_INPUT_H_
#define FICHIER_HOST_TERMINAL_INPUT_H_

#include <ostream>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace fclone {

class TerminalInput {
 public:
  // Reads from `fd` (not owned); prompts go to `out`.
  TerminalInput(int fd, std::ostream& out);

  bool is_terminal() const { return is_terminal_; }
  std::ostream& out() { return out_; }

  // Writes `prompt`, then reads one line (without its line end). `question` names what was
  // asked in the end-of-input error.
  absl::StatusOr<std::string> ReadLine(std::string_view prompt, std::string_view question);
  // The same without echo on a terminal (rclone's "password:" prompt; only the Enter is
  // echoed).
  absl::StatusOr<std::string> ReadPassword(std::string_view prompt, std::string_view question);

 private:
  absl::StatusOr<std::string> ReadRaw(std::string_view question);

  int fd_;
  std::ostream& out_;
  bool is_terminal_;
};

}  // namespace fclone

#endif  // FICHIER_HOST_TERMINAL_INPUT_H_
