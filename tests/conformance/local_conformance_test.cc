// The conformance suite against the local backend, in a temporary directory.
#include <cstdlib>
#include <filesystem>
#include <string>

#include "backend/local/local_fs.h"
#include "tests/conformance/conformance_suite.h"

namespace {

conformance::Target LocalTarget() {
  conformance::Target t;
  t.name = "local";
  t.new_fs = [](const std::string& root) {
    backend::local::Register();
    return vfs::Registry::Global().NewFs("local", ":local", root);
  };
  t.set_up = [](conformance::Target& self) -> absl::Status {
    std::string pattern = (std::filesystem::temp_directory_path() / "fichier-conf-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) return absl::InternalError("mkdtemp failed");
    self.base_root = pattern;
    return absl::OkStatus();
  };
  t.tear_down = [](const conformance::Target& self) {
    std::error_code ec;
    std::filesystem::remove_all(self.base_root, ec);
  };
  return t;
}

}  // namespace

FICHIER_CONFORMANCE_TARGET(local, LocalTarget());
