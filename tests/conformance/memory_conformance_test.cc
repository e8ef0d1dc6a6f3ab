// The conformance suite against the memory backend, plain and with duplicates allowed.
#include "backend/memory/memory_fs.h"
#include "tests/conformance/conformance_suite.h"

namespace {

conformance::Target MemoryTarget(std::string name, bool duplicates) {
  conformance::Target t;
  t.name = std::move(name);
  t.new_fs = [duplicates](const std::string& root) {
    backend::memory::Register();
    return vfs::Registry::Global().NewFs("memory", ":memory", root,
                                         {{"allow_duplicates", duplicates ? "true" : "false"}});
  };
  // The store is shared by the process: keep each instance's tests under their own base.
  t.base_root = t.name;
  return t;
}

}  // namespace

FICHIER_CONFORMANCE_TARGET(memory, MemoryTarget("memory", false));
FICHIER_CONFORMANCE_TARGET(memory_duplicates, MemoryTarget("memory_duplicates", true));
