// Running other programs (rclone, or fclone with extra environment) from the integration tests,
// for the live cross-checks against rclone.
#ifndef FICHIER_TESTS_INTEGRATION_SPAWN_UTIL_H_
#define FICHIER_TESTS_INTEGRATION_SPAWN_UTIL_H_

#include <string>
#include <vector>

#include "tests/integration/fclone_runner.h"

namespace fctest {

// Runs argv[0] from PATH in the scratch's environment (TZ=UTC, HOME and RCLONE_CONFIG in the
// scratch) plus `extra_env` ("NAME=value"), stdin from /dev/null; 127 when it cannot start.
RunResult Spawn(const Scratch& s, const std::vector<std::string>& argv,
                const std::vector<std::string>& extra_env = {});

// Whether rclone can be run; live cross-checks GTEST_SKIP with kNoRclone without it.
bool HaveRclone(const Scratch& s);
inline constexpr char kNoRclone[] =
    "rclone is not installed: live cross-check skipped (apt-get install -y rclone to run it; the "
    "recorded rclone outputs are still checked)";
// For the tests that only compare with live rclone runs: they fail without it.
inline constexpr char kRcloneRequired[] =
    "rclone is not installed, and this test compares fclone with live rclone runs: run "
    "scripts/test, which installs it (scripts/lib/packages.sh), or apt-get install -y rclone";

}  // namespace fctest

#endif  // FICHIER_TESTS_INTEGRATION_SPAWN_UTIL_H_
