#include "tests/integration/spawn_util.h"

#include <cstdlib>

#include "tests/support/process.h"

namespace fctest {

RunResult Spawn(const Scratch& s, const std::vector<std::string>& argv,
                const std::vector<std::string>& extra_env) {
  test_support::SpawnOptions o;
  o.argv = argv;
  o.env = std::vector<std::string>{"TZ=UTC", "HOME=" + s.dir().string(),
                                   "RCLONE_CONFIG=" + s.Path("rclone.conf")};
  if (const char* path = std::getenv("PATH")) o.env->push_back(std::string("PATH=") + path);
  o.env->insert(o.env->end(), extra_env.begin(), extra_env.end());
  test_support::ProcessResult r = test_support::RunProcess(o);
  return RunResult{r.exit_code, std::move(r.out), std::move(r.err)};
}

bool HaveRclone(const Scratch& s) {
  static const bool have = Spawn(s, {"rclone", "version"}).exit_code == 0;
  return have;
}

}  // namespace fctest
