// The conformance suite against the fichier backend on fichier-emulator (started by the test).
#include "tests/conformance/conformance_suite.h"
#include "tests/fichier/emulator_env.h"

namespace {

conformance::Target FichierTarget() {
  conformance::Target t;
  t.name = "fichier";
  t.set_up = [](conformance::Target&) -> absl::Status {
    std::string error;
    if (fichier_test::Emulator(&error) == nullptr) {
      return absl::UnavailableError("fichier-emulator did not start: " + error);
    }
    return absl::OkStatus();
  };
  t.new_fs = [](const std::string& root) { return fichier_test::NewEmulatorFs(root); };
  // Invalid UTF-8 cannot travel in the API's JSON; the encoder escapes it, so it is tested.
  t.skip_invalid_utf8 = false;
  return t;
}

}  // namespace

FICHIER_CONFORMANCE_TARGET(fichier, FichierTarget());
