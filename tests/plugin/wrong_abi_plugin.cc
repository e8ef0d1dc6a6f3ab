// A plugin that claims a future ABI version: the loader must refuse it before touching anything
// else in the descriptor.
#include "vfs/plugin.h"

extern "C" __attribute__((visibility("default"))) const vfs::PluginDescriptor*
fichier_vfs_plugin_entry() {
  static const vfs::PluginDescriptor descriptor{vfs::kPluginAbiVersion + 98, "not checked",
                                                "wrong", nullptr};
  return &descriptor;
}
