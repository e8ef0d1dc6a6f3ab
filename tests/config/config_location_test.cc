#include "vfs/config/config_location.h"

#include <filesystem>
#include <fstream>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/config/rclone_binary.h"

namespace vfs {
namespace {

namespace fs = std::filesystem;

void Touch(const std::string& path) {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream(path) << "";
}

ConfigLocation MustLocate(const Environment& env, LocateOptions options = {}) {
  absl::StatusOr<ConfigLocation> loc = LocateConfigFile(env, options);
  EXPECT_TRUE(loc.ok()) << loc.status();
  return loc.ok() ? *loc : ConfigLocation{};
}

TEST(ConfigLocationTest, FlagBeatsEnvironment) {
  Environment env({{"RCLONE_CONFIG", "/from/env.conf"}, {"HOME", "/nonexistent-home"}});
  LocateOptions opt;
  opt.config_flag = "/from/flag.conf";
  ConfigLocation loc = MustLocate(env, opt);
  EXPECT_EQ(loc.path, "/from/flag.conf");
  EXPECT_FALSE(loc.in_memory);
  EXPECT_FALSE(loc.exists);
  EXPECT_EQ(MustLocate(env).path, "/from/env.conf");
}

TEST(ConfigLocationTest, InMemoryForms) {
  Environment env({{"HOME", "/nonexistent-home"}});
  for (std::string flag : {"", "/dev/null", "some/dir/notfound", "notfound"}) {
    LocateOptions opt;
    opt.config_flag = flag;
    ConfigLocation loc = MustLocate(env, opt);
    EXPECT_TRUE(loc.in_memory) << flag;
    EXPECT_EQ(loc.path, "");
  }
  // RCLONE_CONFIG set but empty is in-memory too (`RCLONE_CONFIG= rclone config file`).
  EXPECT_TRUE(MustLocate(Environment({{"RCLONE_CONFIG", ""}, {"HOME", "/h"}})).in_memory);
}

TEST(ConfigLocationTest, RelativePathIsMadeAbsolute) {
  LocateOptions opt;
  opt.config_flag = "sub/../my.conf";
  ConfigLocation loc = MustLocate(Environment(), opt);
  EXPECT_EQ(loc.path, (fs::current_path() / "my.conf").string());
}

TEST(ConfigLocationTest, FirstExistingCandidateWins) {
  testing::TempDir dir;
  const std::string home = dir.File("home");
  const std::string xdg = dir.File("xdg");
  const std::string exe = dir.File("bin");
  Environment env({{"HOME", home}, {"XDG_CONFIG_HOME", xdg}});
  LocateOptions opt;
  opt.executable_dir = exe;
  opt.create_directories = false;

  Touch(home + "/.rclone.conf");
  EXPECT_EQ(MustLocate(env, opt).path, home + "/.rclone.conf");
  Touch(home + "/.config/rclone/rclone.conf");
  EXPECT_EQ(MustLocate(env, opt).path, home + "/.config/rclone/rclone.conf");
  Touch(xdg + "/rclone/rclone.conf");
  EXPECT_EQ(MustLocate(env, opt).path, xdg + "/rclone/rclone.conf");
  Touch(exe + "/rclone.conf");
  ConfigLocation loc = MustLocate(env, opt);
  EXPECT_EQ(loc.path, exe + "/rclone.conf");
  EXPECT_TRUE(loc.exists);
}

TEST(ConfigLocationTest, NewFileGoesToXdgOrDotConfigAndDirectoryIsCreated) {
  testing::TempDir dir;
  const std::string home = dir.File("home");
  fs::create_directories(home);
  ConfigLocation loc = MustLocate(Environment({{"HOME", home}}));
  EXPECT_EQ(loc.path, home + "/.config/rclone/rclone.conf");
  EXPECT_FALSE(loc.exists);
  EXPECT_TRUE(fs::is_directory(home + "/.config/rclone"));

  const std::string xdg = dir.File("xdg");
  loc = MustLocate(Environment({{"HOME", home}, {"XDG_CONFIG_HOME", xdg}}));
  EXPECT_EQ(loc.path, xdg + "/rclone/rclone.conf");
  EXPECT_TRUE(fs::is_directory(xdg + "/rclone"));
}

TEST(ConfigLocationTest, FallsBackToLegacyFileWhenDirectoryCannotBeCreated) {
  testing::TempDir dir;
  const std::string home = dir.File("home");
  Touch(home + "/.config");  // a file where the directory should be
  ConfigLocation loc = MustLocate(Environment({{"HOME", home}}));
  EXPECT_EQ(loc.path, home + "/.rclone.conf");
}

TEST(ConfigLocationTest, NoHomeMeansCurrentDirectory) {
  ConfigLocation loc = MustLocate(Environment());
  EXPECT_EQ(loc.path, (fs::current_path() / ".rclone.conf").string());
}

// `rclone config file` prints the path it chose; with the same HOME/XDG we must agree.
TEST(ConfigLocationTest, AgreesWithRclone) {
  std::optional<std::string> rclone = testing::FindRclone();
  if (!rclone) GTEST_SKIP() << "rclone is not on PATH; location not compared with the binary";
  testing::TempDir dir;
  const std::string home = dir.File("home");
  const std::string xdg = dir.File("xdg");
  fs::create_directories(home);
  auto compare = [&](const Environment& env, const std::vector<std::string>& env_list) {
    testing::ProcessResult r = testing::RunProcess({*rclone, "config", "file"}, "", env_list);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    ConfigLocation loc = MustLocate(
        env, {.config_flag = std::nullopt, .executable_dir = fs::path(*rclone).parent_path()});
    std::string expected = loc.in_memory ? "Configuration is in memory only\n"
                                         : "Configuration file is stored at:\n" + loc.path + "\n";
    // rclone says "doesn't exist, but will be stored at" for a file yet to be created.
    if (!loc.in_memory && !loc.exists) {
      expected =
          "Configuration file doesn't exist, but rclone will use this path:\n" + loc.path + "\n";
    }
    EXPECT_EQ(r.out, expected);
  };
  compare(Environment({{"HOME", home}}), {"HOME=" + home});
  Touch(home + "/.rclone.conf");
  compare(Environment({{"HOME", home}}), {"HOME=" + home});
  Touch(home + "/.config/rclone/rclone.conf");
  compare(Environment({{"HOME", home}}), {"HOME=" + home});
  compare(Environment({{"HOME", home}, {"XDG_CONFIG_HOME", xdg}}),
          {"HOME=" + home, "XDG_CONFIG_HOME=" + xdg});
  Touch(xdg + "/rclone/rclone.conf");
  compare(Environment({{"HOME", home}, {"XDG_CONFIG_HOME", xdg}}),
          {"HOME=" + home, "XDG_CONFIG_HOME=" + xdg});
  compare(Environment({{"HOME", home}, {"RCLONE_CONFIG", ""}}), {"HOME=" + home, "RCLONE_CONFIG="});
  compare(Environment({{"HOME", home}, {"RCLONE_CONFIG", dir.File("x.conf")}}),
          {"HOME=" + home, "RCLONE_CONFIG=" + dir.File("x.conf")});
}

}  // namespace
}  // namespace vfs
