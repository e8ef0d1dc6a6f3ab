// The memory backend as a run-time plugin (vfs/plugin.h). Built as a MODULE library; it proves
// the plugin path end to end and is what the plugin tests load.
#include <vector>

#include "backend/memory/memory_fs.h"
#include "vfs/plugin.h"

namespace {

void GetBackends(const vfs::PluginHost& host, std::vector<vfs::BackendInfo>* out) {
  if (host.log) vfs::SetLogSink(host.log);
  out->push_back(backend::memory::MemoryBackendInfo());
}

}  // namespace

FICHIER_VFS_PLUGIN("memory", GetBackends)
