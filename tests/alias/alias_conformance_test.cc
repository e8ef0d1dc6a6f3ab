// The conformance suite through alias remotes: over memory, and over crypt over memory.
#include "backend/alias/alias_backend.h"
#include "backend/crypt/crypt_fs.h"
#include "backend/memory/memory_fs.h"
#include "tests/conformance/conformance_suite.h"
#include "vfs/config/obscure.h"

namespace {

// The alias hands back the target's own Fs, whose root is the joined path: the targets point at
// a backend's top so that Root() is the root the suite asked for (joins: alias_test.cc).
conformance::Target AliasTarget(std::string name, std::string target) {
  conformance::Target t;
  t.name = name;
  t.base_root = name;
  t.new_fs = [target](const std::string& root) {
    backend::memory::Register();
    backend::crypt::Register();
    backend::alias::Register();
    return vfs::Registry::Global().NewFs("alias", ":alias", root, {{"remote", target}});
  };
  return t;
}

}  // namespace

FICHIER_CONFORMANCE_TARGET(alias_memory, AliasTarget("alias_memory", ":memory:"));
// Passwords in a connection string are obscured, as in rclone.conf.
std::string CryptOverMemory() {
  return ":crypt,remote=':memory:',password=" +
         vfs::ObscureWithIv("alias password", {}) + ",password2=" +
         vfs::ObscureWithIv("alias salt", {}) + ":";
}

FICHIER_CONFORMANCE_TARGET(alias_crypt, AliasTarget("alias_crypt", CryptOverMemory()));
