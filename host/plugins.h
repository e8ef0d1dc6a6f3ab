// Backend plugins for fclone (vfs/plugin.h): `--plugin PATH` (repeatable, or --plugin=PATH) and
// every *.so in the plugin directory ($FCLONE_PLUGIN_DIR, else <exe dir>/../lib/fichier/plugins).
// They are loaded before the flags are parsed, because a plugin's backends bring their own
// --<backend>-<option> flags.
#ifndef FICHIER_HOST_PLUGINS_H_
#define FICHIER_HOST_PLUGINS_H_

#include <string>
#include <vector>

#include "absl/status/status.h"

namespace fclone {

// Loads the directory's plugins (sorted by name), then those named by --plugin, and removes the
// --plugin arguments from `args` (arguments after "--" are left alone). The first failure ends
// the loading: its error names the file and the reason (wrong ABI, name already taken, ...).
absl::Status LoadPlugins(std::vector<std::string>& args);

}  // namespace fclone

#endif  // FICHIER_HOST_PLUGINS_H_
