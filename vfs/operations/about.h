// about (spec 4.9): a remote's quota, in rclone's three layouts.
#ifndef FICHIER_VFS_OPERATIONS_ABOUT_H_
#define FICHIER_VFS_OPERATIONS_ABOUT_H_

#include <string>

#include "vfs/fs.h"

namespace vfs::operations {

// "Total:   1.5 GiB\n..." (only known fields); `full` prints exact integers; `json` prints
// rclone's tab-indented object with lowercase keys.
std::string FormatAbout(const Usage& usage, bool full, bool json);

}  // namespace vfs::operations

#endif  // FICHIER_VFS_OPERATIONS_ABOUT_H_
