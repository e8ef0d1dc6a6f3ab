// Shell completion scripts (rclone's `completion` / `genautocomplete`), generated from the
// command table and the flags each command binds, so they never drift from what fclone parses.
#ifndef FICHIER_HOST_COMPLETION_H_
#define FICHIER_HOST_COMPLETION_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "host/command.h"

namespace fclone {

// The script for `shell` ("bash", "zsh" or "fish"); InvalidArgument for another shell.
absl::StatusOr<std::string> CompletionScript(const Commands& commands, std::string_view shell);

}  // namespace fclone

#endif  // FICHIER_HOST_COMPLETION_H_
