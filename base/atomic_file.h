// Replacing a small file (config, journal, cache record) so that a reader, or a crash at any
// instant, finds either the old content or the new one, never a mix or nothing.
#ifndef FICHIER_BASE_ATOMIC_FILE_H_
#define FICHIER_BASE_ATOMIC_FILE_H_

#include <sys/types.h>

#include <string>
#include <string_view>

#include "absl/status/status.h"

namespace base {

enum class Durability {
  kSynced,     // on disk when this returns (the file and the rename)
  kReplaceOnly // a crash may lose the new content, or leave the file empty; never a mix
};

// Writes `data` to a temporary file beside `path` (created with `mode`, so a secret is never
// readable by others, even for an instant), syncs it, renames it over `path` and syncs the
// folder (the syncs only with kSynced). The folder must exist. On failure `path` is untouched
// and no temporary file is left; the message says which step failed and why ("cannot sync: No
// space left on device").
absl::Status WriteFileAtomically(const std::string& path, std::string_view data, mode_t mode,
                                 Durability durability = Durability::kSynced);

}  // namespace base

#endif  // FICHIER_BASE_ATOMIC_FILE_H_
