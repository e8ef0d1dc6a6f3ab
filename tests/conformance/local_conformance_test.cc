// The conformance suite against the local backend, in a temporary directory.
#include <optional>
#include <string>

#include "backend/local/local_fs.h"
#include "tests/conformance/conformance_suite.h"
#include "tests/support/temp_dir.h"

namespace {

conformance::Target LocalTarget() {
  conformance::Target t;
  t.name = "local";
  t.new_fs = [](const std::string& root) {
    backend::local::Register();
    return vfs::Registry::Global().NewFs("local", ":local", root);
  };
  // The base root of this test process: made by set_up, removed with its content by tear_down.
  static std::optional<test_support::TempDir> dir;
  t.set_up = [](conformance::Target& self) -> absl::Status {
    dir.emplace("fichier-conf");
    if (dir->path().empty()) return absl::InternalError("cannot make a temporary folder");
    self.base_root = dir->path();
    return absl::OkStatus();
  };
  t.tear_down = [](const conformance::Target&) { dir.reset(); };
  return t;
}

}  // namespace

FICHIER_CONFORMANCE_TARGET(local, LocalTarget());
