#include "vfs/config/option_resolver.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "vfs/config/obscure.h"

namespace vfs {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Optional;
using ::testing::Pair;

MATCHER_P(HoldsEach, fragments, "holds each of the fragments") {
  const std::string text(arg.data(), arg.size());
  for (const std::string& f : fragments) {
    if (text.find(f) == std::string::npos) {
      *result_listener << "lacks \"" << f << "\"";
      return false;
    }
  }
  return true;
}

// Matches text that holds every one of `fragments`.
auto HasAll(std::vector<std::string> fragments) { return HoldsEach(std::move(fragments)); }

Option Opt(std::string name, std::string default_value = "", bool required = false,
           bool secret = false) {
  Option o;
  o.name = std::move(name);
  o.default_value = std::move(default_value);
  o.required = required;
  o.secret = secret;
  return o;
}

// A fichier-like declaration: a required key, a secret, defaults.
Options FichierOptions() {
  return {Opt("api_key", "", /*required=*/true), Opt("file_password", "", false, /*secret=*/true),
          Opt("encoding", "Slash,LtGt"), Opt("shared_folder"), Opt("cdn", "false")};
}

Options LocalOptions() { return {Opt("encoding", "Slash,Dot"), Opt("nounc")}; }

ConfigSources Sources(const ConfigFile* file, const Environment* env = nullptr) {
  ConfigSources s;
  s.file = file;
  s.env = env;
  return s;
}

RemoteSpec Spec(std::string_view arg) {
  absl::StatusOr<RemoteSpec> s = ParseRemoteSpec(arg);
  EXPECT_TRUE(s.ok()) << s.status();
  return s.ok() ? *s : RemoteSpec{};
}

ConfigFile File(std::string_view text) {
  absl::StatusOr<ConfigFile> f = ConfigFile::Parse(text, "/cfg/rclone.conf");
  EXPECT_TRUE(f.ok()) << f.status();
  return f.ok() ? *std::move(f) : ConfigFile::InMemory();
}

// The fichier options of the remote `arg` names.
absl::StatusOr<RemoteOptions> ResolveFichier(std::string_view arg, const ConfigFile& file,
                                             const Environment* env = nullptr) {
  return ResolveOptions(Spec(arg), "fichier", FichierOptions(), Sources(&file, env));
}

RemoteOptions MustResolve(std::string_view arg, const ConfigSources& sources,
                          const Options& declared = FichierOptions()) {
  RemoteSpec spec = Spec(arg);
  absl::StatusOr<BackendType> type = ResolveBackendType(spec, sources);
  EXPECT_TRUE(type.ok()) << type.status();
  if (!type.ok()) return {};
  absl::StatusOr<RemoteOptions> r = ResolveOptions(spec, type->type, declared, sources);
  EXPECT_TRUE(r.ok()) << r.status();
  return r.ok() ? *std::move(r) : RemoteOptions{};
}

// Each source in turn is removed; the next one down must show through (spec §5.4 order).
TEST(OptionResolverTest, PrecedenceLadder) {
  ConfigFile file = File("[myf]\ntype = fichier\napi_key = file\nshared_folder = file\n");
  Environment env(
      {{"RCLONE_CONFIG_MYF_API_KEY", "remote-env"}, {"RCLONE_FICHIER_API_KEY", "backend-env"}});
  ConfigSources sources = Sources(&file, &env);
  sources.flags["fichier"]["api_key"] = "flag";

  RemoteOptions r = MustResolve("myf,api_key=conn:dir", sources);
  EXPECT_THAT(r.Get("api_key"), Optional(std::string("conn")));
  EXPECT_EQ(r.Origin("api_key")->source, OptionSource::kConnectionString);

  r = MustResolve("myf:dir", sources);
  EXPECT_THAT(r.Get("api_key"), Optional(std::string("flag")));
  EXPECT_EQ(r.Origin("api_key")->where, "--fichier-api-key");

  sources.flags.clear();
  r = MustResolve("myf:dir", sources);
  EXPECT_THAT(r.Get("api_key"), Optional(std::string("remote-env")));
  EXPECT_EQ(r.Origin("api_key")->where, "RCLONE_CONFIG_MYF_API_KEY");

  Environment backend_only({{"RCLONE_FICHIER_API_KEY", "backend-env"}});
  sources.env = &backend_only;
  r = MustResolve("myf:dir", sources);
  EXPECT_THAT(r.Get("api_key"), Optional(std::string("backend-env")));
  EXPECT_EQ(r.Origin("api_key")->source, OptionSource::kBackendEnv);

  sources.env = nullptr;
  r = MustResolve("myf:dir", sources);
  EXPECT_THAT(r.Get("api_key"), Optional(std::string("file")));
  EXPECT_EQ(r.Origin("api_key")->where, "/cfg/rclone.conf:3");

  // Defaults fill what no source sets; options with no value and no default are absent.
  EXPECT_THAT(r.Get("encoding"), Optional(std::string("Slash,LtGt")));
  EXPECT_EQ(r.Origin("encoding")->source, OptionSource::kDefault);
  EXPECT_EQ(r.Get("file_password"), std::nullopt);
  EXPECT_THAT(r.Names(), ElementsAre("api_key", "cdn", "encoding", "shared_folder"));
  EXPECT_THAT(r.Values(),
              ElementsAre(Pair("api_key", "file"), Pair("cdn", "false"),
                          Pair("encoding", "Slash,LtGt"), Pair("shared_folder", "file")));
}

TEST(OptionResolverTest, BackendEnvBeatsTheConfigFile) {
  ConfigFile file = File("[myf]\ntype = fichier\napi_key = k\nencoding = FromFile\n");
  Environment env({{"RCLONE_FICHIER_ENCODING", "FromEnv"}});
  RemoteOptions r = MustResolve("myf:", Sources(&file, &env));
  EXPECT_THAT(r.Get("encoding"), Optional(std::string("FromEnv")));
}

// Verified with rclone 1.60 and the local backend's encoding option.
TEST(OptionResolverTest, EmptyValuesAreUnsetOnlyInTheConfigFile) {
  ConfigFile file = File("[s]\ntype = local\nencoding =\n");
  RemoteOptions r = MustResolve("s:", Sources(&file), LocalOptions());
  EXPECT_THAT(r.Get("encoding"), Optional(std::string("Slash,Dot")));  // the default

  Environment env({{"RCLONE_CONFIG_S_ENCODING", ""}, {"RCLONE_LOCAL_ENCODING", "FromBackend"}});
  r = MustResolve("s:", Sources(&file, &env), LocalOptions());
  EXPECT_THAT(r.Get("encoding"), Optional(std::string("")));
  EXPECT_EQ(r.Origin("encoding")->source, OptionSource::kRemoteEnv);

  Environment backend({{"RCLONE_LOCAL_ENCODING", "FromBackend"}});
  r = MustResolve("s,encoding=:", Sources(&file, &backend), LocalOptions());
  EXPECT_THAT(r.Get("encoding"), Optional(std::string("")));
}

// rclone gives local paths the config name "local" (verified: RCLONE_CONFIG_LOCAL_ENCODING and a
// [local] section both change how `rclone lsf DIR` decodes names).
TEST(OptionResolverTest, LocalPathsReadTheLocalSectionAndItsEnvironment) {
  ConfigFile file = File("[local]\ntype = local\nnounc = true\nencoding = FromFile\n");
  Environment env({{"RCLONE_CONFIG_LOCAL_ENCODING", "FromRemoteEnv"}});
  RemoteOptions r = MustResolve("/some/dir", Sources(&file, &env), LocalOptions());
  EXPECT_EQ(r.type(), "local");
  EXPECT_EQ(r.config_name(), "local");
  EXPECT_THAT(r.Get("nounc"), Optional(std::string("true")));
  EXPECT_THAT(r.Get("encoding"), Optional(std::string("FromRemoteEnv")));
}

TEST(OptionResolverTest, OnTheFlyRemotesIgnoreRemoteEnvAndFile) {
  ConfigFile file = File("[fichier]\ntype = fichier\napi_key = from-section\n");
  Environment env({{"RCLONE_CONFIG_FICHIER_API_KEY", "from-remote-env"},
                   {"RCLONE_FICHIER_SHARED_FOLDER", "from-backend-env"}});
  RemoteOptions r = MustResolve(":fichier,api_key='AbC:d,e':dir", Sources(&file, &env));
  EXPECT_EQ(r.config_name(), ":fichier");
  EXPECT_THAT(r.Get("api_key"), Optional(std::string("AbC:d,e")));
  EXPECT_THAT(r.Get("shared_folder"), Optional(std::string("from-backend-env")));

  absl::StatusOr<RemoteOptions> missing = ResolveFichier(":fichier:dir", file, &env);
  ASSERT_FALSE(missing.ok());  // the [fichier] section is not the on-the-fly remote's
}

TEST(OptionResolverTest, SecretsAreRevealedFromEverySource) {
  const std::string obscured_file = *Obscure("from file");
  const std::string obscured_env = *Obscure("from env");
  const std::string obscured_conn = *Obscure("from conn");
  ConfigFile file =
      File("[myf]\ntype = fichier\napi_key = k\nfile_password = " + obscured_file + "\n");
  RemoteOptions r = MustResolve("myf:", Sources(&file));
  EXPECT_THAT(r.Get("file_password"), Optional(std::string("from file")));
  // Non-secret options are passed through untouched, even if they look obscured.
  ConfigFile file2 = File("[myf]\ntype = fichier\napi_key = " + obscured_file + "\n");
  EXPECT_THAT(MustResolve("myf:", Sources(&file2)).Get("api_key"), Optional(obscured_file));

  Environment env({{"RCLONE_CONFIG_MYF_FILE_PASSWORD", obscured_env}});
  r = MustResolve("myf:", Sources(&file, &env));
  EXPECT_THAT(r.Get("file_password"), Optional(std::string("from env")));

  r = MustResolve("myf,file_password=" + obscured_conn + ":", Sources(&file, &env));
  EXPECT_THAT(r.Get("file_password"), Optional(std::string("from conn")));
}

TEST(OptionResolverTest, UnobscuredSecretIsAnErrorThatDoesNotLeakIt) {
  ConfigFile file = File("[myf]\ntype = fichier\napi_key = k\nfile_password = Plain+Secret\n");
  absl::StatusOr<RemoteOptions> r = ResolveFichier("myf:", file);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(r.status().message(), HasAll({"remote \"myf\"", "\"file_password\"",
                                            "/cfg/rclone.conf:4", "rclone obscure"}));
  EXPECT_THAT(r.status().message(), ::testing::Not(HasSubstr("Plain")));
}

TEST(OptionResolverTest, MissingRequiredOptionNamesRemoteOptionAndPlaces) {
  ConfigFile file = File("# c\n[myf]\ntype = fichier\n");
  absl::StatusOr<RemoteOptions> r = ResolveFichier("myf:dir", file);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(r.status().message(),
              HasAll({"remote \"myf\"", "required option \"api_key\"", "/cfg/rclone.conf:2",
                      "RCLONE_CONFIG_MYF_API_KEY", "RCLONE_FICHIER_API_KEY"}));

  // An explicitly empty value does not satisfy a required option.
  r = ResolveFichier("myf,api_key=:dir", file);
  EXPECT_EQ(r.status().code(), absl::StatusCode::kFailedPrecondition);
}

TEST(OptionResolverTest, BackendTypeResolution) {
  ConfigFile file = File("[s]\ntype = local\n[notype]\nx = 1\n");
  Environment env({{"RCLONE_CONFIG_ENVR_TYPE", "memory"}});
  ConfigSources sources = Sources(&file, &env);

  absl::StatusOr<BackendType> t = ResolveBackendType(Spec("s:x"), sources);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->type, "local");
  EXPECT_EQ(t->origin.where, "/cfg/rclone.conf:2");

  // An environment-only remote is usable in any case (the variable is upper-cased).
  for (std::string_view arg : {"envr:", "EnVr:", "ENVR:"}) {
    t = ResolveBackendType(Spec(arg), sources);
    ASSERT_TRUE(t.ok()) << arg;
    EXPECT_EQ(t->type, "memory");
    EXPECT_EQ(t->origin.source, OptionSource::kRemoteEnv);
  }
  // The environment and a type= parameter override the file (verified with rclone).
  Environment override_env({{"RCLONE_CONFIG_S_TYPE", "memory"}});
  t = ResolveBackendType(Spec("s:"), Sources(&file, &override_env));
  EXPECT_EQ(t->type, "memory");
  t = ResolveBackendType(Spec("s,type=memory:"), sources);
  EXPECT_EQ(t->type, "memory");
  EXPECT_EQ(t->origin.source, OptionSource::kConnectionString);

  EXPECT_EQ(ResolveBackendType(Spec(":fichier:"), sources)->type, "fichier");
  EXPECT_EQ(ResolveBackendType(Spec("/tmp"), sources)->type, "local");

  // Section names in the file are case-sensitive.
  t = ResolveBackendType(Spec("S:"), sources);
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(t.status().message(), HasAll({"didn't find section in config file",
                                            "/cfg/rclone.conf", "RCLONE_CONFIG_S_TYPE"}));

  t = ResolveBackendType(Spec("s:"), ConfigSources{});
  ASSERT_FALSE(t.ok());
  EXPECT_THAT(t.status().message(), HasSubstr("no config file"));
  EXPECT_THAT(t.status().message(), HasSubstr("RCLONE_CONFIG_S_TYPE is not set"));

  t = ResolveBackendType(Spec("notype:"), sources);
  ASSERT_FALSE(t.ok());
  EXPECT_THAT(t.status().message(), HasSubstr("/cfg/rclone.conf:3"));
  EXPECT_THAT(t.status().message(), HasSubstr("has no \"type\""));
}

TEST(OptionResolverTest, UnknownBackendErrorNamesWhereTheTypeCameFrom) {
  ConfigFile file = File("[a]\nx = 1\n[bad]\ntype = nosuch\n");
  RemoteSpec spec = Spec("bad:dir");
  absl::StatusOr<BackendType> t = ResolveBackendType(spec, Sources(&file));
  ASSERT_TRUE(t.ok());
  absl::Status s = UnknownBackendError(spec, *t);
  EXPECT_EQ(s.code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(s.message(), HasAll({"didn't find backend called \"nosuch\"", "remote \"bad\"",
                                   "/cfg/rclone.conf:4"}));
}

TEST(OptionResolverTest, UnknownParametersAreReportedNotFatal) {
  RemoteOptions r = MustResolve(":fichier,api_key=k,bogus=1,type=x:", {});
  EXPECT_THAT(r.unknown_parameters(), ElementsAre("bogus"));
}

TEST(OptionResolverTest, Booleans) {
  RemoteOptions r("x", "fichier");
  r.Set("a", "true", {});
  r.Set("b", "0", {});
  r.Set("c", "F", {});
  r.Set("d", "yes", {OptionSource::kConfigFile, "/cfg:9"});
  EXPECT_THAT(r.GetBool("a", false), ::testing::Eq(absl::StatusOr<bool>(true)));
  EXPECT_THAT(r.GetBool("b", true), ::testing::Eq(absl::StatusOr<bool>(false)));
  EXPECT_THAT(r.GetBool("c", true), ::testing::Eq(absl::StatusOr<bool>(false)));
  EXPECT_THAT(r.GetBool("unset", true), ::testing::Eq(absl::StatusOr<bool>(true)));
  absl::StatusOr<bool> bad = r.GetBool("d", false);
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(bad.status().message(), HasSubstr("\"d\""));
  EXPECT_THAT(bad.status().message(), HasSubstr("/cfg:9"));
}

TEST(OptionResolverTest, EnvironmentVariableNames) {
  EXPECT_EQ(RemoteEnvName("myf", "api_key"), "RCLONE_CONFIG_MYF_API_KEY");
  // Other characters of the remote name are kept, as rclone does.
  EXPECT_EQ(RemoteEnvName("my-remote.x", "file-password"),
            "RCLONE_CONFIG_MY-REMOTE.X_FILE_PASSWORD");
  EXPECT_EQ(BackendEnvName("fichier", "api_key"), "RCLONE_FICHIER_API_KEY");
}

TEST(OptionResolverTest, ListRemotesMergesFileAndEnvironment) {
  ConfigFile file = File("[zeta]\ntype = local\n[alpha]\ntype = local\n");
  Environment env({{"RCLONE_CONFIG_ENVR_TYPE", "local"},
                   {"RCLONE_CONFIG_ALPHA_TYPE", "local"},
                   {"RCLONE_CONFIG_DIR", "/x"},
                   {"RCLONE_CONFIG_PASS", "p"},
                   {"RCLONE_CONFIG_TYPE", "odd"}});
  // ALPHA from the environment is listed lower-case and merges with the file's "alpha".
  EXPECT_THAT(ListRemotes(Sources(&file, &env)), ElementsAre("alpha", "envr", "zeta"));
}

}  // namespace
}  // namespace vfs
