// tree (rclone's `tree`, itself the a8m/tree layout): the listing drawn as an indented tree,
// byte-identical to rclone 1.60's output for the same entries and flags, quirks included
// (see tree.cc).
#ifndef FICHIER_VFS_OPERATIONS_TREE_H_
#define FICHIER_VFS_OPERATIONS_TREE_H_

#include <ostream>
#include <string>

#include "absl/status/status.h"
#include "vfs/dir_entry.h"

namespace vfs::operations {

struct TreeOptions {
  bool all = false;         // -a: names starting with '.' too
  bool dirs_only = false;   // -d
  bool size = false;        // -s
  bool mod_time = false;    // -D
  bool protections = false; // -p
  bool quote = false;       // -Q
  bool full_path = false;   // --full-path
  bool color = false;       // -C
  bool no_indent = false;   // --noindent
  bool no_report = false;   // --noreport
  bool dirs_first = false;  // --dirsfirst
  bool unsorted = false;    // -U
  bool reverse = false;     // -r
  std::string sort;  // size, mtime, ctime; anything else (name, version, "") sorts by name
  // Directories at this depth are drawn but not descended into (their size shows as unknown,
  // as for a directory rclone did not list): --level, or --max-depth when smaller. 0 = none.
  int level = 0;
};

// Draws `entries` (every entry below the root, as ListEntries gives them) under a "/" root.
void DrawTree(const DirEntries& entries, const TreeOptions& options, std::ostream& out);

}  // namespace vfs::operations

#endif  // FICHIER_VFS_OPERATIONS_TREE_H_
