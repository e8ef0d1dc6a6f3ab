// The config subcommands of the fclone binary: both argument forms of create, update, password,
// show/redacted/dump, listremotes --long, reveal, version; bad input refused with the file left
// as it was; encrypted files read and written; and the rclone binary reading what fclone wrote
// (rclone is installed by scripts/test; these cases fail, saying so, without it).
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/config/rclone_encrypted_vector.h"
#include "tests/host/fclone_config_env.h"
#include "vfs/config/obscure.h"

namespace fclone {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

using vfs::testing::kRcloneEncrypted;

std::string Rclone() {
  test_support::SpawnOptions o;
  o.argv = {"sh", "-c", "command -v rclone"};
  test_support::ProcessResult which = test_support::RunProcess(o);
  return which.exit_code == 0 ? which.out.substr(0, which.out.find('\n')) : "";
}

RunResult RunRclone(const FcloneConfigEnv& env, std::vector<std::string> args,
                    std::vector<std::string> set_env = {}) {
  test_support::SpawnOptions o;
  o.argv = {Rclone(), "--config", env.config_path()};
  o.argv.insert(o.argv.end(), args.begin(), args.end());
  o.set_env = std::move(set_env);
  o.set_env.push_back("HOME=" + env.dir());
  o.unset_env = {"RCLONE_CONFIG_PASS"};
  return test_support::RunProcess(o);
}

#define REQUIRE_RCLONE()                                                                     \
  ASSERT_FALSE(Rclone().empty()) << "the rclone binary is needed for this cross-check: run " \
                                    "scripts/test, which installs it (scripts/lib/packages.sh)"

TEST(ConfigCommandsTest, CreateTakesBothFormsAndRcloneReadsTheFile) {
  FcloneConfigEnv env;
  RunResult kv = env.Run({"config", "create", "kv", "fichier", "api_key=abc", "cdn=true"});
  ASSERT_EQ(kv.exit_code, 0) << kv.err;
  EXPECT_EQ(kv.out, "[kv]\ntype = fichier\napi_key = *** REDACTED ***\ncdn = true\n");
  RunResult sp = env.Run({"config", "create", "sp", "fichier", "api_key", "abc", "file_password",
                          "pw-one", "shared_folder", "x=1"});
  ASSERT_EQ(sp.exit_code, 0) << sp.err;
  EXPECT_THAT(sp.out, HasSubstr("file_password = *** ENCRYPTED ***\n"));
  std::string conf = env.ReadConfig();
  EXPECT_THAT(conf, HasSubstr("[kv]\ntype = fichier\napi_key = abc\ncdn = true\n\n[sp]\n"
                              "type = fichier\napi_key = abc\nfile_password = "));
  EXPECT_THAT(conf, HasSubstr("\nshared_folder = x=1\n"));
  EXPECT_EQ(env.ConfigMode(), 0600);
  RunResult show = env.Run({"config", "show", "kv:"});
  EXPECT_EQ(show.exit_code, 0) << show.err;
  EXPECT_EQ(show.out, "[kv]\ntype = fichier\napi_key = *** REDACTED ***\ncdn = true\n");

  REQUIRE_RCLONE();
  RunResult r = RunRclone(env, {"config", "show", "kv"});
  EXPECT_EQ(r.out, "[kv]\ntype = fichier\napi_key = abc\ncdn = true\n") << r.err;
  RunResult revealed =
      RunRclone(env, {"reveal", "--", ValueOf(conf, "file_password").value_or("")});
  EXPECT_EQ(revealed.out, "pw-one\n") << revealed.err;
}

TEST(ConfigCommandsTest, UpdateAndPasswordChangeOptions) {
  FcloneConfigEnv env;
  ASSERT_EQ(env.Run({"config", "create", "sp", "fichier", "api_key", "abc"}).exit_code, 0);
  RunResult u = env.Run({"config", "update", "sp:", "cdn", "true", "folder_password=fpw"});
  ASSERT_EQ(u.exit_code, 0) << u.err;
  RunResult p = env.Run({"config", "password", "sp", "shared_folder", "plain"});
  ASSERT_EQ(p.exit_code, 0) << p.err;
  std::string conf = env.ReadConfig();
  EXPECT_THAT(conf, HasSubstr("\ncdn = true\n"));
  EXPECT_EQ(vfs::Reveal(ValueOf(conf, "folder_password").value_or("")).value_or(""), "fpw");
  EXPECT_EQ(vfs::Reveal(ValueOf(conf, "shared_folder").value_or("")).value_or(""), "plain")
      << "config password obscures every value";
  RunResult none = env.Run({"config", "update", "nosuch", "cdn", "true"});
  EXPECT_EQ(none.exit_code, 1);
  EXPECT_THAT(none.err, HasSubstr("nosuch"));
}

TEST(ConfigCommandsTest, BadInputIsRefusedAndTheFileKept) {
  FcloneConfigEnv env;
  ASSERT_EQ(env.Run({"config", "create", "kv", "fichier", "api_key=abc"}).exit_code, 0);
  const std::string before = env.ReadConfig();
  struct Case {
    std::vector<std::string> args;
    std::string message;
  };
  for (const Case& c : std::vector<Case>{
           {{"config", "create", "kv", "fichier", "api_key=new", "nosuch=1"},
            "option \"nosuch\" is not known to the fichier backend"},
           {{"config", "create", "kv", "fichier", "cdn=maybe"},
            "option \"cdn\" of the fichier backend takes a boolean (true or false), not "
            "\"maybe\""},
           {{"config", "create", "bad:name", "fichier"}, "config name contains invalid characters"},
           {{"config", "create", "x", "nosuchtype"}, "couldn't find backend for type"},
           {{"config", "create", "x", "fichier", "api_key"}, "found key without value"},
           {{"config", "update", "kv", "cdn", "yes please"}, "takes a boolean"},
           {{"config", "create", "kv", "fichier", "file_password", "notobscured", "--no-obscure"},
            "file_password"}}) {
    RunResult r = env.Run(c.args);
    EXPECT_NE(r.exit_code, 0) << c.args[3];
    EXPECT_THAT(r.err, HasSubstr(c.message)) << c.args[3];
    EXPECT_EQ(env.ReadConfig(), before) << c.args[3];
  }
}

TEST(ConfigCommandsTest, ShowRedactedDumpListRemotes) {
  FcloneConfigEnv env;
  ASSERT_EQ(
      env.Run({"config", "create", "f", "fichier", "api_key=abc", "file_password=pw"}).exit_code,
      0);
  ASSERT_EQ(env.Run({"config", "create", "longername", "local"}).exit_code, 0);
  RunResult redacted = env.Run({"config", "redacted"});
  EXPECT_EQ(redacted.out,
            "[f]\ntype = fichier\napi_key = XXX\nfile_password = XXX\n\n[longername]\n"
            "type = local\n\n");
  RunResult dump = env.Run({"config", "dump"});
  std::string stored = ValueOf(env.ReadConfig(), "file_password").value_or("");
  EXPECT_EQ(dump.out,
            "{\n    \"f\": {\n        \"api_key\": \"abc\",\n        \"file_password\": \"" +
                stored +
                "\",\n        \"type\": \"fichier\"\n    },\n    "
                "\"longername\": {\n        \"type\": \"local\"\n    }\n}\n");
  EXPECT_EQ(env.Run({"listremotes", "--long"}).out, "f:          fichier\nlongername: local\n");
  EXPECT_EQ(env.Run({"listremotes"}).out, "f:\nlongername:\n");
  // An obscured value may begin with "-" (URL-safe base64): as with rclone, "--" ends the flags.
  EXPECT_EQ(env.Run({"reveal", "--", stored}).out, "pw\n");
  RunResult missing = env.Run({"config", "show", "nosuch"});
  EXPECT_EQ(missing.exit_code, 1);
}

TEST(ConfigCommandsTest, VersionPathsTouchProviders) {
  FcloneConfigEnv env;
  RunResult v = env.Run({"-V"});
  EXPECT_EQ(v.exit_code, 0);
  EXPECT_TRUE(v.out.starts_with("fclone")) << v.out;
  EXPECT_EQ(env.Run({"--version"}).out, v.out);
  EXPECT_EQ(env.Run({"version"}).out, v.out);
  EXPECT_THAT(env.Run({"config", "paths"}).out,
              HasSubstr("Config file: " + env.config_path() + "\nCache dir:   "));
  EXPECT_THAT(env.Run({"config", "paths", "--temp-dir", "/var/spool/x"}).out,
              HasSubstr("\nTemp dir:    /var/spool/x\n"));
  EXPECT_EQ(env.ConfigMode(), -1);
  EXPECT_EQ(env.Run({"config", "touch"}).exit_code, 0);
  EXPECT_EQ(env.ConfigMode(), 0600);
  RunResult providers = env.Run({"config", "providers"});
  EXPECT_THAT(providers.out, HasSubstr("        \"Name\": \"fichier\",\n"));
  EXPECT_THAT(providers.out, HasSubstr("\"IsPassword\": true"));
}

TEST(ConfigCommandsTest, RcloneEncryptedConfigIsReadAndStaysEncrypted) {
  FcloneConfigEnv env;
  env.WriteConfig(kRcloneEncrypted);
  RunResult ok = env.Run({"listremotes", "--long"}, "", {"RCLONE_CONFIG_PASS=pw1"});
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_EQ(ok.out, "remote: fichier\n");
  // A wrong password: exit 1, a clear message, nothing written.
  RunResult wrong = env.Run({"config", "create", "x", "local"}, "", {"RCLONE_CONFIG_PASS=nope"});
  EXPECT_EQ(wrong.exit_code, 1);
  EXPECT_THAT(wrong.err, HasSubstr("Couldn't decrypt configuration, most likely wrong password."));
  EXPECT_THAT(wrong.err, HasSubstr("end of input while waiting for the answer to the "
                                   "configuration password"));
  RunResult refused = env.Run({"listremotes", "--ask-password=false"});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_THAT(refused.err, HasSubstr("unable to decrypt configuration and not allowed to ask for "
                                     "password - set RCLONE_CONFIG_PASS"));
  RunResult command = env.Run({"listremotes", "--password-command", "echo pw1"});
  EXPECT_EQ(command.out, "remote:\n") << command.err;
  RunResult bad_command = env.Run({"listremotes", "--password-command", "echo nope"});
  EXPECT_EQ(bad_command.exit_code, 1);
  EXPECT_THAT(bad_command.err, HasSubstr("using --password-command derived password"));
  EXPECT_EQ(env.ReadConfig(), kRcloneEncrypted);

  // Writes keep it encrypted with the same password.
  RunResult created = env.Run({"config", "create", "kv", "fichier", "api_key=abc", "cdn=true"}, "",
                              {"RCLONE_CONFIG_PASS=pw1"});
  ASSERT_EQ(created.exit_code, 0) << created.err;
  std::string conf = env.ReadConfig();
  EXPECT_TRUE(conf.starts_with("# Encrypted rclone configuration File\n\nRCLONE_ENCRYPT_V0:\n"));
  EXPECT_THAT(conf, Not(HasSubstr("abc")));
  EXPECT_EQ(env.Run({"config", "encryption", "check"}, "", {"RCLONE_CONFIG_PASS=pw1"}).exit_code,
            0);

  REQUIRE_RCLONE();
  RunResult r = RunRclone(env, {"config", "show"}, {"RCLONE_CONFIG_PASS=pw1"});
  EXPECT_EQ(r.out,
            "[remote]\ntype = fichier\napi_key = example_key\n\n[kv]\ntype = fichier\n"
            "api_key = abc\ncdn = true\n\n")
      << r.err;
  // rclone writes it (a new nonce); fclone reads that too.
  ASSERT_EQ(RunRclone(env, {"config", "create", "byrclone", "local"}, {"RCLONE_CONFIG_PASS=pw1"})
                .exit_code,
            0);
  RunResult after = env.Run({"listremotes"}, "", {"RCLONE_CONFIG_PASS=pw1"});
  EXPECT_EQ(after.out, "byrclone:\nkv:\nremote:\n") << after.err;
  // encryption remove: plain again, and rclone reads it without a password.
  ASSERT_EQ(env.Run({"config", "encryption", "remove"}, "", {"RCLONE_CONFIG_PASS=pw1"}).exit_code,
            0);
  EXPECT_TRUE(env.ReadConfig().starts_with("[remote]\n"));
  EXPECT_EQ(RunRclone(env, {"listremotes"}).out, "byrclone:\nkv:\nremote:\n");
}

TEST(ConfigCommandsTest, TamperedOrTruncatedEncryptedFilesAreRefused) {
  FcloneConfigEnv env;
  std::string tampered = kRcloneEncrypted;
  tampered[tampered.size() - 5] = tampered[tampered.size() - 5] == 'A' ? 'B' : 'A';
  std::string truncated = std::string(kRcloneEncrypted).substr(0, 70);
  std::string other = "RCLONE_ENCRYPT_V1:\nAAAA\n";
  for (const std::string& text : {tampered, truncated, other}) {
    env.WriteConfig(text);
    RunResult r = env.Run({"config", "create", "x", "local"}, "", {"RCLONE_CONFIG_PASS=pw1"});
    EXPECT_EQ(r.exit_code, 1) << text;
    EXPECT_THAT(r.err, HasSubstr("Failed to load config file")) << text;
    EXPECT_EQ(env.ReadConfig(), text);
  }
}

}  // namespace
}  // namespace fclone
