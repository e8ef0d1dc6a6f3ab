// The conformance suite against crypt over the memory backend: standard names, obfuscated names,
// and names left plain (the ".bin" suffix), with duplicates allowed underneath in one case.
#include "backend/crypt/crypt_fs.h"
#include "backend/memory/memory_fs.h"
#include "tests/conformance/conformance_suite.h"

namespace {

conformance::Target CryptTarget(std::string name, std::string filename_encryption,
                                bool duplicates) {
  conformance::Target t;
  t.name = name;
  t.new_fs = [name, filename_encryption, duplicates](const std::string& root) {
    backend::memory::Register();
    backend::crypt::Register();
    std::string under = duplicates ? ":memory,allow_duplicates:" : ":memory:";
    return vfs::Registry::Global().NewFs(
        "crypt", ":crypt", root,
        {{"remote", under + "crypt_conformance_" + name},
         {"password", "conformance password"},
         {"password2", "conformance salt"},
         {"filename_encryption", filename_encryption}});
  };
  return t;
}

}  // namespace

FICHIER_CONFORMANCE_TARGET(crypt_standard, CryptTarget("crypt_standard", "standard", false));
FICHIER_CONFORMANCE_TARGET(crypt_obfuscate, CryptTarget("crypt_obfuscate", "obfuscate", false));
FICHIER_CONFORMANCE_TARGET(crypt_off_duplicates, CryptTarget("crypt_off_duplicates", "off", true));
