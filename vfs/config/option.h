// One configuration option of a backend, as a backend declares it when it registers (rclone's
// fs.Option). Shared by the registry (which holds the declarations) and the config layer (which
// resolves values from rclone.conf, connection strings and the environment).
#ifndef FICHIER_VFS_CONFIG_OPTION_H_
#define FICHIER_VFS_CONFIG_OPTION_H_

#include <string>
#include <vector>

namespace vfs {

struct Option {
  std::string name;           // snake_case, as in rclone.conf: "api_key"
  std::string help;           // first line is the short description
  std::string default_value;  // as a string, the way rclone.conf would hold it; "" = unset
  bool required = false;      // a remote without it is a config error naming the option
  bool advanced = false;      // shown only in advanced config
  bool secret = false;        // stored obscured (rclone obscure), redacted in `config show`
  bool hidden = false;        // never shown to users (e.g. api_url for tests)
  bool sensitive = false;     // not obscured but still redacted (e.g. api_key)
  // Command-line flag: rclone's NoPrefix (--copy-links, not --local-copy-links) and ShortOpt.
  bool no_prefix = false;
  char short_opt = 0;
};

using Options = std::vector<Option>;

}  // namespace vfs

#endif  // FICHIER_VFS_CONFIG_OPTION_H_
