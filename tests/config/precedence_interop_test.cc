// Checks our option precedence against the real rclone: the local backend's `encoding` option
// decides whether a file stored as "x＊y" (fullwidth asterisk) lists as "x*y" (mask has Asterisk)
// or unchanged, so `rclone lsf` shows which source won. For each scenario we resolve with our
// code, predict the listing, and compare with rclone's.
#include <filesystem>
#include <fstream>

#include "gtest/gtest.h"
#include "tests/config/rclone_binary.h"
#include "vfs/config/option_resolver.h"

namespace vfs {
namespace {

constexpr char kWithAsterisk[] = "Slash,Dot,Asterisk";
constexpr char kWithout[] = "Slash,Dot";

struct Scenario {
  std::string name;
  std::string config;  // rclone.conf text
  std::vector<std::pair<std::string, std::string>> env;
  std::string flag;    // value of --local-encoding, "" = not given
  std::string target;  // the argument, {DIR} replaced
};

TEST(PrecedenceInteropTest, SameWinnerAsRclone) {
  std::optional<std::string> rclone = testing::FindRclone();
  if (!rclone) GTEST_SKIP() << "rclone is not on PATH; precedence not compared with the binary";
  testing::TempDir tmp;
  const std::string data = tmp.File("data");
  std::filesystem::create_directories(data);
  std::ofstream(data + "/x\xef\xbc\x8ay") << "";
  const std::string file_a = std::string("encoding = ") + kWithAsterisk + "\n";
  const std::string file_n = std::string("encoding = ") + kWithout + "\n";

  const std::vector<Scenario> scenarios = {
      {"file only", "[s]\ntype = local\n" + file_a, {}, "", "s:{DIR}"},
      {"backend env beats file",
       "[s]\ntype = local\n" + file_n,
       {{"RCLONE_LOCAL_ENCODING", kWithAsterisk}},
       "",
       "s:{DIR}"},
      {"file loses to backend env",
       "[s]\ntype = local\n" + file_a,
       {{"RCLONE_LOCAL_ENCODING", kWithout}},
       "",
       "s:{DIR}"},
      {"remote env beats backend env",
       "[s]\ntype = local\n",
       {{"RCLONE_LOCAL_ENCODING", kWithout}, {"RCLONE_CONFIG_S_ENCODING", kWithAsterisk}},
       "",
       "s:{DIR}"},
      {"flag beats remote env",
       "[s]\ntype = local\n",
       {{"RCLONE_CONFIG_S_ENCODING", kWithout}},
       kWithAsterisk,
       "s:{DIR}"},
      {"connection string beats flag",
       "[s]\ntype = local\n",
       {},
       kWithout,
       std::string("s,encoding='") + kWithAsterisk + "':{DIR}"},
      {"empty remote env shadows backend env",
       "[s]\ntype = local\n",
       {{"RCLONE_CONFIG_S_ENCODING", ""}, {"RCLONE_LOCAL_ENCODING", kWithAsterisk}},
       "",
       "s:{DIR}"},
      {"empty file value is unset", "[s]\ntype = local\nencoding =\n", {}, "", "s:{DIR}"},
      {"local path reads [local]", "[local]\ntype = local\n" + file_a, {}, "", "{DIR}"},
      {"local path reads RCLONE_CONFIG_LOCAL_",
       "",
       {{"RCLONE_CONFIG_LOCAL_ENCODING", kWithAsterisk}},
       "",
       "{DIR}"},
      {"on-the-fly ignores [local]", "[local]\ntype = local\n" + file_a, {}, "", ":local:{DIR}"},
      {"env-only remote",
       "",
       {{"RCLONE_CONFIG_ENVR_TYPE", "local"}, {"RCLONE_CONFIG_ENVR_ENCODING", kWithAsterisk}},
       "",
       "ENVR:{DIR}"},
  };
  const Options declared = [] {
    Option enc;
    enc.name = "encoding";
    enc.default_value = kWithout;
    return Options{enc};
  }();

  for (const Scenario& sc : scenarios) {
    SCOPED_TRACE(sc.name);
    std::string target = sc.target;
    target.replace(target.find("{DIR}"), 5, data);
    const std::string conf = tmp.File("rclone.conf");
    std::ofstream(conf, std::ios::trunc) << sc.config;

    Environment::Map vars;
    std::vector<std::string> env_list = {"HOME=" + tmp.path()};
    for (const auto& [k, v] : sc.env) {
      vars[k] = v;
      env_list.push_back(k + "=" + v);
    }
    Environment env(vars);
    absl::StatusOr<ConfigFile> file = ConfigFile::Load(conf);
    ASSERT_TRUE(file.ok()) << file.status();
    ConfigSources sources;
    sources.file = &*file;
    sources.env = &env;
    if (!sc.flag.empty()) sources.flags["local"]["encoding"] = sc.flag;

    absl::StatusOr<RemoteSpec> spec = ParseRemoteSpec(target);
    ASSERT_TRUE(spec.ok()) << spec.status();
    absl::StatusOr<BackendType> type = ResolveBackendType(*spec, sources);
    ASSERT_TRUE(type.ok()) << type.status();
    ASSERT_EQ(type->type, "local");
    absl::StatusOr<RemoteOptions> opts = ResolveOptions(*spec, type->type, declared, sources);
    ASSERT_TRUE(opts.ok()) << opts.status();
    const bool asterisk = opts->GetOr("encoding", "").find("Asterisk") != std::string::npos;

    std::vector<std::string> argv = {*rclone, "--config", conf};
    if (!sc.flag.empty()) argv.insert(argv.end(), {"--local-encoding", sc.flag});
    argv.insert(argv.end(), {"lsf", "--", target});
    testing::ProcessResult r = testing::RunProcess(argv, "", env_list);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, asterisk ? "x*y\n" : "x\xef\xbc\x8ay\n")
        << "we resolved encoding=\"" << opts->GetOr("encoding", "") << "\" from "
        << opts->Origin("encoding")->where;
  }
}

}  // namespace
}  // namespace vfs
