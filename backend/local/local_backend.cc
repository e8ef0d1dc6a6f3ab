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
                  "Without it, symlinks are followed only while they stay inside the root;\n"
                  "those leading out are skipped in listings and refused on access.",
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

void Register() { (void)vfs::Registry::Global().Register(LocalBackendInfo()); }

namespace {
const vfs::BackendRegistrar registrar(LocalBackendInfo());
}  // namespace

}  // namespace backend::local
