// Every command's help text (`fclone help CMD`, `fclone CMD --help`, the command list and the
// shell completions): the words a user reads, kept together so they read alike and can be
// checked against rclone's in one place. What a command does stays in its commands_*.cc file.
#ifndef FICHIER_HOST_COMMAND_DOCS_H_
#define FICHIER_HOST_COMMAND_DOCS_H_

#include <span>
#include <string_view>

#include "host/command.h"

namespace fclone {

struct CommandDoc {
  std::string_view name;
  std::string_view args_usage;  // "source:path dest:path"
  std::string_view short_help;  // one line, rclone's words where rclone has the command
  std::string_view long_help;   // may be empty
};

// Every entry, sorted by name.
std::span<const CommandDoc> AllCommandDocs();
// The entry for `name`, or nullptr.
const CommandDoc* FindCommandDoc(std::string_view name);

// Gives each command without help of its own (short_help empty) the text of its entry.
void AddCommandDocs(Commands& commands);

}  // namespace fclone

#endif  // FICHIER_HOST_COMMAND_DOCS_H_
