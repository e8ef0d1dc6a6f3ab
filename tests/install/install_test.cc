// The installed package, used the way a tool author uses it: `cmake --install` into a temporary
// prefix, then examples/embed and examples/plugin configured and built OUT OF TREE against that
// prefix only (CMAKE_PREFIX_PATH), run against the memory backend and the emulator; the plugin
// loaded into the installed fclone; every installed header compiled alone; pkg-config's flags
// used to build the embed example again. The suite installs once (SetUpTestSuite).
#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "emulator/testing/emulator_process.h"
#include "gtest/gtest.h"
#include "tests/support/process.h"

namespace {

namespace fs = std::filesystem;
using test_support::ProcessResult;
using test_support::RunProcess;
using test_support::SpawnOptions;

struct Installed {
  std::string root;    // the temporary directory holding everything below
  std::string prefix;  // where the package is installed
  std::string embed;   // the embed example, built against the prefix
  std::string plugin;  // the example plugin, built against the prefix
  std::string home;    // HOME for the programs (no user config leaks in)
};
Installed* installed = nullptr;

ProcessResult RunTool(std::vector<std::string> argv, std::vector<std::string> set_env = {}) {
  SpawnOptions options;
  options.argv = std::move(argv);
  options.set_env = std::move(set_env);
  if (installed != nullptr) {
    options.set_env.push_back("HOME=" + installed->home);
    options.set_env.push_back("XDG_CACHE_HOME=" + installed->home + "/.cache");
  }
  options.unset_env = {"RCLONE_CONFIG", "XDG_CONFIG_HOME", "FCLONE_PLUGIN_DIR", "PKG_CONFIG_PATH"};
  return RunProcess(options);
}

std::string Describe(const ProcessResult& r) {
  return "exit " + std::to_string(r.exit_code) + "\nstdout:\n" + r.out + "\nstderr:\n" + r.err;
}

// Configures and builds an example folder against the prefix only.
std::string BuildExample(const std::string& name, const std::string& artifact) {
  std::string build = installed->root + "/build-" + name;
  ProcessResult configure = RunTool({CMAKE_COMMAND, "-S", std::string(FICHIER_SOURCE_DIR) + "/examples/" + name,
                                 "-B", build, "-DCMAKE_PREFIX_PATH=" + installed->prefix,
                                 "-DCMAKE_BUILD_TYPE=Release",
                                 "-DCMAKE_CXX_COMPILER=" CXX_COMPILER,
                                 // Nothing but the prefix: no package registry, no build tree.
                                 "-DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF"});
  EXPECT_EQ(configure.exit_code, 0) << Describe(configure);
  ProcessResult built = RunTool({CMAKE_COMMAND, "--build", build, "-j2"});
  EXPECT_EQ(built.exit_code, 0) << Describe(built);
  return build + "/" + artifact;
}

class InstallTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    char pattern[] = "/tmp/fichier-install-XXXXXX";
    ASSERT_NE(::mkdtemp(pattern), nullptr);
    installed = new Installed{pattern, std::string(pattern) + "/prefix", "", "",
                              std::string(pattern) + "/home"};
    fs::create_directories(installed->home);
    ProcessResult install =
        RunTool({CMAKE_COMMAND, "--install", FICHIER_BUILD_DIR, "--prefix", installed->prefix});
    ASSERT_EQ(install.exit_code, 0) << Describe(install);
    installed->embed = BuildExample("embed", "fichier-embed-example");
    installed->plugin = BuildExample("plugin", "libfichier_hello.so");
  }
  static void TearDownTestSuite() {
    if (installed == nullptr) return;
    std::error_code ec;
    fs::remove_all(installed->root, ec);
    delete installed;
    installed = nullptr;
  }
  std::string Bin(const std::string& program) const { return installed->prefix + "/bin/" + program; }
};

TEST_F(InstallTest, EmbedExampleRoundTripsOnMemory) {
  ProcessResult r = RunTool({installed->embed, ":memory:"});
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  EXPECT_NE(r.out.find("removed fichier-embed-example.txt: ok"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("progress saw 208890"), std::string::npos) << r.out;
}

TEST_F(InstallTest, EmbedExampleRoundTripsOnTheEmulatorThroughAnEnvironmentRemote) {
  auto emu = emulator::testing::EmulatorProcess::Start();
  ASSERT_TRUE(emu.ok()) << emu.status();
  ProcessResult r = RunTool({installed->embed, "emu:embedded"},
                        {"RCLONE_CONFIG_EMU_TYPE=fichier",
                         std::string("RCLONE_CONFIG_EMU_API_KEY=") + emulator::testing::kPremiumKey,
                         "RCLONE_CONFIG_EMU_API_URL=" + (*emu)->api_url()});
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  EXPECT_NE(r.out.find("removed fichier-embed-example.txt: ok"), std::string::npos) << r.out;
  // Written, read back and removed on the server: only the folder is left.
  absl::StatusOr<std::string> tree = (*emu)->Tree();
  ASSERT_TRUE(tree.ok()) << tree.status();
  EXPECT_EQ(tree->find("fichier-embed-example.txt"), std::string::npos) << *tree;
}

TEST_F(InstallTest, UnknownRemoteOptionIsAClearError) {
  ProcessResult r = RunTool({installed->embed, ":memory,no_such_option=1:"});
  EXPECT_EQ(r.exit_code, 1) << Describe(r);
  EXPECT_NE(r.err.find("unknown option \"no_such_option\" for backend \"memory\""),
            std::string::npos) << r.err;
}

TEST_F(InstallTest, PluginLoadsIntoTheInstalledFclone) {
  ProcessResult r = RunTool({Bin("fclone"), "--plugin", installed->plugin, "cat", ":hello:hello.txt"});
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  EXPECT_EQ(r.out, "Hello from a plugin");
  // From the plugin directory, with the plugin's own option as a flag.
  std::string dir = installed->root + "/plugins";
  fs::create_directories(dir);
  fs::copy_file(installed->plugin, dir + "/libfichier_hello.so",
                fs::copy_options::overwrite_existing);
  r = RunTool({Bin("fclone"), "lsf", "--hello-greeting", "hi", ":hello:"}, {"FCLONE_PLUGIN_DIR=" + dir});
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  EXPECT_EQ(r.out, "hello.txt\n");
  // The embedding API loads it too.
  r = RunTool({installed->embed, ":hello:", installed->plugin});
  EXPECT_EQ(r.exit_code, 1) << Describe(r);
  EXPECT_NE(r.err.find("writing: "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("read-only"), std::string::npos) << r.err;
}

TEST_F(InstallTest, PluginNameAlreadyTakenIsAClearError) {
  ProcessResult r = RunTool({Bin("fclone"), "--plugin", installed->plugin, "--plugin",
                         installed->plugin, "version"});
  EXPECT_EQ(r.exit_code, 1) << Describe(r);
  EXPECT_NE(r.err.find("Failed to load backend plugin: backend plugin \"" + installed->plugin +
                       "\": backend \"hello\" is already registered"),
            std::string::npos) << r.err;
}

TEST_F(InstallTest, PluginOfAnotherAbiVersionIsAClearError) {
  ProcessResult r = RunTool({Bin("fclone"), "--plugin", WRONG_ABI_PLUGIN_PATH, "version"});
  EXPECT_EQ(r.exit_code, 1) << Describe(r);
  EXPECT_NE(r.err.find("was built for plugin ABI version 99 but this program uses version 1"),
            std::string::npos) << r.err;
}

TEST_F(InstallTest, InstalledProgramsRunAndCarryTheirDocs) {
  ProcessResult r = RunTool({Bin("fclone"), "version"});
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  EXPECT_EQ(r.out.rfind("fclone v" FICHIER_VERSION "\n", 0), 0u) << r.out;
  r = RunTool({Bin("fichier-emulator"), "--help"});
  EXPECT_EQ(r.exit_code, 0) << Describe(r);
  for (const char* page : {"fclone.1.gz", "fclone-copy.1.gz", "fichier-emulator.1.gz"}) {
    EXPECT_TRUE(fs::exists(installed->prefix + "/share/man/man1/" + page)) << page;
  }
  r = RunTool({"bash", "-n", installed->prefix + "/share/bash-completion/completions/fclone"});
  EXPECT_EQ(r.exit_code, 0) << Describe(r);
}

// Each header with only the prefix on the include path: nothing private, no build-tree path.
TEST_F(InstallTest, EveryInstalledHeaderCompilesAlone) {
  std::string include = installed->prefix + "/include";
  std::vector<std::string> headers;
  for (const auto& entry : fs::recursive_directory_iterator(include)) {
    if (entry.path().extension() == ".h") headers.push_back(entry.path().string());
  }
  std::sort(headers.begin(), headers.end());
  ASSERT_GE(headers.size(), 20u);
  EXPECT_TRUE(fs::exists(include + "/fichier/fichier.h"));
  EXPECT_TRUE(fs::exists(include + "/fichier/vfs/plugin.h"));
  EXPECT_FALSE(fs::exists(include + "/fichier/host")) << "host headers are private";
  EXPECT_FALSE(fs::exists(include + "/fichier/emulator")) << "emulator headers are private";
  for (size_t i = 0; i < headers.size(); i += 2) {  // two compilers at a time (2-core machines)
    std::vector<std::unique_ptr<test_support::Process>> batch;
    for (size_t j = i; j < std::min(i + 2, headers.size()); ++j) {
      SpawnOptions options;
      options.argv = {CXX_COMPILER, "-std=c++20", "-fsyntax-only", "-Wall", "-Werror",
                      "-I" + include, "-I" + include + "/fichier", "-x", "c++", headers[j]};
      batch.push_back(test_support::Process::Spawn(options));
      ASSERT_NE(batch.back(), nullptr);
    }
    for (size_t j = 0; j < batch.size(); ++j) {
      std::optional<int> code;
      while (!code) code = batch[j]->WaitFor(std::chrono::hours(1));  // the ctest timeout bounds it
      EXPECT_EQ(*code, 0) << headers[i + j] << ":\n" << batch[j]->err();
    }
  }
}

TEST_F(InstallTest, PkgConfigFlagsBuildTheEmbedExample) {
  std::string pc_path = "PKG_CONFIG_PATH=" + installed->prefix + "/lib/pkgconfig";
  ProcessResult flags = RunTool({"pkg-config", "--cflags", "--libs", "fichier"}, {pc_path});
  ASSERT_EQ(flags.exit_code, 0) << Describe(flags);
  EXPECT_NE(flags.out.find("/include/fichier"), std::string::npos) << flags.out;
  EXPECT_NE(flags.out.find("-lfichier "), std::string::npos) << flags.out;
  ProcessResult version = RunTool({"pkg-config", "--modversion", "fichier"}, {pc_path});
  EXPECT_EQ(version.out, FICHIER_VERSION "\n");
  std::string program = installed->root + "/embed-pkg-config";
  ProcessResult built = RunTool(
      {"sh", "-c",
       std::string(CXX_COMPILER) + " -std=c++20 -O1 " + FICHIER_SOURCE_DIR +
           "/examples/embed/main.cc -o " + program + " $(pkg-config --cflags --libs fichier)"},
      {pc_path});
  ASSERT_EQ(built.exit_code, 0) << Describe(built);
  ProcessResult r = RunTool({program, ":memory:"});
  EXPECT_EQ(r.exit_code, 0) << Describe(r);
}

// The version file's rule: while the major version is 0, only the same major.minor matches.
TEST_F(InstallTest, VersionFileStatesCompatibility) {
  std::string dir = installed->root + "/version-probe";
  fs::create_directories(dir);
  auto probe = [&](const std::string& wanted) {
    FILE* f = std::fopen((dir + "/CMakeLists.txt").c_str(), "w");
    std::fprintf(f, "cmake_minimum_required(VERSION 3.25)\nproject(p CXX)\n"
                    "find_package(fichier %s CONFIG QUIET)\nmessage(STATUS \"found=${fichier_FOUND}\")\n",
                 wanted.c_str());
    std::fclose(f);
    fs::remove_all(dir + "/b");
    ProcessResult r = RunTool({CMAKE_COMMAND, "-S", dir, "-B", dir + "/b",
                           "-DCMAKE_PREFIX_PATH=" + installed->prefix});
    EXPECT_EQ(r.exit_code, 0) << Describe(r);
    return r.out.find("found=1") != std::string::npos;
  };
  EXPECT_TRUE(probe(FICHIER_VERSION));
  EXPECT_TRUE(probe(FICHIER_VERSION_MAJOR_MINOR));
  EXPECT_FALSE(probe(FICHIER_NEXT_MINOR));
}

}  // namespace
