// A plugin with the right ABI version but another compiler's build id.
#include "vfs/plugin.h"

namespace {
void GetBackends(const vfs::PluginHost&, std::vector<vfs::BackendInfo>*) {}
}  // namespace

extern "C" __attribute__((visibility("default"))) const vfs::PluginDescriptor*
fichier_vfs_plugin_entry() {
  static const vfs::PluginDescriptor descriptor{vfs::kPluginAbiVersion, "some other compiler",
                                                "wrong-build", GetBackends};
  return &descriptor;
}
