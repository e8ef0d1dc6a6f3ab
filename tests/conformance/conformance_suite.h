// The conformance suite: one GoogleTest suite every backend must pass, the C++ counterpart of
// rclone's fstest/fstests (spec/rclone-conventions.md section 3). Each case runs in a fresh random
// directory "rclone-test-<24 chars>" below the target's base root, so cases are independent and
// can run in parallel. A case is skipped only when the backend does not advertise the feature it
// needs, and the skip message names that feature.
//
// Plugging a backend in takes one line in a test file linked with the `fichier_conformance`
// object library:
//
//   FICHIER_CONFORMANCE_TARGET(fichier, MakeFichierTarget());
//
// where MakeFichierTarget() returns a conformance::Target. Test names then read
// "fichier/ConformanceTest.FsPutFiles/fichier".
#ifndef FICHIER_TESTS_CONFORMANCE_CONFORMANCE_SUITE_H_
#define FICHIER_TESTS_CONFORMANCE_CONFORMANCE_SUITE_H_

#include <functional>
#include <ostream>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "gtest/gtest.h"
#include "vfs/registry.h"

namespace conformance {

struct Target {
  // Identifier used in test names: letters, digits and '_' only.
  std::string name;
  // Makes an Fs rooted at `root` (a path on the backend, as NewFs would get it). The suite
  // calls it with base_root joined with a random leaf, with deeper paths below that, and with
  // base_root itself.
  std::function<absl::StatusOr<vfs::NewFsResult>(const std::string& root)> new_fs;
  // Where the random test directories go ("" = the backend's root). May be set by set_up.
  std::string base_root;
  // Optional: runs once per process before the first case (start an emulator, make a temp
  // dir...). It may fill base_root. A failure fails every case of the target.
  std::function<absl::Status(Target& self)> set_up;
  // Optional: runs once at process exit if set_up ran, with the target as set_up left it.
  std::function<void(const Target& self)> tear_down;
  // The backend cannot store names with invalid UTF-8 (rclone's SkipInvalidUTF8).
  bool skip_invalid_utf8 = false;
};

// Test-name generator for INSTANTIATE_TEST_SUITE_P.
std::string TargetName(const ::testing::TestParamInfo<Target>& info);
inline void PrintTo(const Target& target, std::ostream* os) { *os << target.name; }

class ConformanceTest : public ::testing::TestWithParam<Target> {
 protected:
  void SetUp() override;
  void TearDown() override;

  // The target after its set_up ran (base_root filled).
  const Target& target() const;
  // A new Fs at `root`; fails the test (and returns nullptr) on error.
  vfs::NewFsResult NewFsAt(const std::string& root);

  vfs::FsPtr fs_;      // rooted at root_, which exists (Mkdir("") done) when a case starts
  std::string leaf_;   // "rclone-test-..."
  std::string root_;   // base_root joined with leaf_
};

}  // namespace conformance

// Use at namespace scope (global or a named namespace), once per target.
#define FICHIER_CONFORMANCE_TARGET(id, target)                               \
  using ConformanceTest = ::conformance::ConformanceTest;                    \
  INSTANTIATE_TEST_SUITE_P(id, ConformanceTest, ::testing::Values(target),   \
                           ::conformance::TargetName)

#endif  // FICHIER_TESTS_CONFORMANCE_CONFORMANCE_SUITE_H_
