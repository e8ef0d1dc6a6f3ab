#include "backend/memory/memory_store.h"

namespace backend::memory {

Store& Store::Global() {
  // Never destroyed: objects handed out may outlive main().
  static Store* store = [] {
    auto* s = new Store;
    absl::MutexLock lock(&s->mu);
    s->dirs.emplace("", absl::Now());
    return s;
  }();
  return *store;
}

}  // namespace backend::memory
