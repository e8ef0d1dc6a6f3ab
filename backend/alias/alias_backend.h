// The alias backend: a remote that names another remote's path (`remote = other:path`). As in
// rclone it adds no layer: opening "myalias:sub" opens "other:path/sub" with other's options
// and returns that Fs itself, so listings and names are exactly the target's. Loops between
// aliases (a -> b -> a) are refused (vfs/wrapped_remote.h).
#ifndef FICHIER_BACKEND_ALIAS_ALIAS_BACKEND_H_
#define FICHIER_BACKEND_ALIAS_ALIAS_BACKEND_H_

#include "vfs/registry.h"

namespace backend::alias {

vfs::BackendInfo AliasBackendInfo();
// Registers "alias" in the global registry (idempotent); the static registrar does it too.
void Register();

}  // namespace backend::alias

#endif  // FICHIER_BACKEND_ALIAS_ALIAS_BACKEND_H_
