// --output-file / -o of hashsum and tree: where a command's output goes.
#ifndef FICHIER_HOST_OUTPUT_FILE_H_
#define FICHIER_HOST_OUTPUT_FILE_H_

#include <fstream>
#include <ostream>
#include <string>

#include "absl/status/statusor.h"

namespace fclone {

// `file` opened on `path` (truncated), or `fallback` when `path` is empty.
inline absl::StatusOr<std::ostream*> OutputTo(const std::string& path, std::ofstream& file,
                                              std::ostream& fallback) {
  if (path.empty()) return &fallback;
  file.open(path, std::ios::binary | std::ios::trunc);
  if (!file) return absl::InvalidArgumentError("failed to create output file " + path);
  return &file;
}

}  // namespace fclone

#endif  // FICHIER_HOST_OUTPUT_FILE_H_
