// Registration of the local backend.
#include "backend/local/local_fs.h"
#include "encoding/mask.h"

namespace backend::local {

vfs::BackendInfo LocalBackendInfo() {
  vfs::BackendInfo info;
  info.name = "local";
  info.description = "Local Disk";
  info.options = {
      vfs::Option{
          .name = "copy_links",
          .help = "Follow symlinks and copy the pointed to item.\n\n"
                  "A directory reached again through a link (a loop) is an error naming it.",
          .default_value = "false",
          .advanced = true,
          .no_prefix = true,
          .short_opt = 'L',
      },
      vfs::Option{
          .name = "links",
          .help = "Translate symlinks to/from regular files with a '.rclonelink' extension.",
          .default_value = "false",
          .advanced = true,
          .no_prefix = true,
          .short_opt = 'l',
      },
      vfs::Option{
          .name = "skip_links",
          .help = "Don't warn about skipped symlinks.\n\n"
                  "This flag disables warning messages on skipped symlinks or junction\n"
                  "points, as you explicitly acknowledge that they should be skipped.",
          .default_value = "false",
          .advanced = true,
          .no_prefix = true,
      },
      vfs::Option{
          .name = "one_file_system",
          .help = "Don't cross filesystem boundaries (unix/macOS only).\n\n"
                  "Directories on another device than the root (mount points below it) are\n"
                  "left out of listings.",
          .default_value = "false",
          .advanced = true,
          .no_prefix = true,
          .short_opt = 'x',
      },
      vfs::Option{
          .name = "no_check_updated",
          .help = "Don't check to see if the files change during upload.\n\n"
                  "Normally a file whose size or modification time changes while it is read\n"
                  "fails with \"can't copy - source file is being updated\".",
          .default_value = "false",
          .advanced = true,
      },
      vfs::Option{
          .name = "encoding",
          .help = "The encoding for the backend.\n\n"
                  "See the encoding section in the overview for more info.",
          .default_value = encoding::MaskToString(encoding::kLocalLinuxDefaultMask),
          .advanced = true,
      },
  };
  info.factory = &LocalFs::NewFs;
  return info;
}

VFS_LINKED_BACKEND(LocalBackendInfo)

}  // namespace backend::local
