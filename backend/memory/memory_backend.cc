// Registration of the memory backend.
#include "backend/memory/memory_fs.h"
#include "vfs/log.h"

namespace backend::memory {

vfs::BackendInfo MemoryBackendInfo() {
  vfs::BackendInfo info;
  info.name = "memory";
  info.description = "In memory object storage system.";
  info.options = {
      vfs::Option{
          .name = "allow_duplicates",
          .help = "Allow several objects with the same name in one directory.\n\n"
                  "Makes PutUnchecked create duplicates, the way 1fichier can, so duplicate\n"
                  "handling can be exercised without the network.",
          .default_value = "false",
          .advanced = true,
      },
  };
  info.factory = &MemoryFs::NewFs;
  return info;
}

VFS_LINKED_BACKEND(MemoryBackendInfo)

}  // namespace backend::memory
