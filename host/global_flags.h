// Every global flag fclone takes, in one place: rclone's names, shorthands, defaults and help,
// bound into GlobalFlags (command.h). The filter flags build a Filter in filter_flags.cc; the
// flags kept for rclone's scripts are checked and applied in flags_compat.cc; the flags fclone
// accepts and ignores are in flags_accepted.cc; --<backend>-<option> comes from the registry.
#ifndef FICHIER_HOST_GLOBAL_FLAGS_H_
#define FICHIER_HOST_GLOBAL_FLAGS_H_

#include <set>
#include <string>

#include "host/command.h"
#include "host/flags.h"

namespace fclone {

// Registers the global flags on `f`; the --<backend>-<option> names go into
// `backend_flag_names` (their RCLONE_<FLAG> variables are the backends' own to read).
void AddGlobalFlags(FlagSet& f, GlobalFlags& g, std::set<std::string>* backend_flag_names);

}  // namespace fclone

#endif  // FICHIER_HOST_GLOBAL_FLAGS_H_
