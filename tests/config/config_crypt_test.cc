// rclone's encrypted config format: a file rclone 1.60 wrote opens with its password, ours round
// trip, wrong passwords, tampered, truncated and other-version files are told apart, and
// ConfigFile keeps a file encrypted across Save() without ever writing the clear text.
#include "vfs/config/config_crypt.h"

#include <sys/stat.h>

#include <fstream>
#include <sstream>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/config/rclone_binary.h"
#include "tests/config/rclone_encrypted_vector.h"
#include "vfs/config/config_file.h"

namespace vfs {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

using testing::kRcloneEncrypted;
constexpr const char* kPlain = testing::kRcloneEncryptedPlain;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(ConfigCryptTest, OpensWhatRcloneWrote) {
  EXPECT_TRUE(IsEncryptedConfig(kRcloneEncrypted));
  EXPECT_FALSE(IsEncryptedConfig(kPlain));
  absl::StatusOr<std::string> plain = DecryptConfig(kRcloneEncrypted, ConfigKeyFromPassword("pw1"));
  ASSERT_TRUE(plain.ok()) << plain.status();
  EXPECT_EQ(*plain, kPlain);
}

TEST(ConfigCryptTest, RoundTripWithAFreshNonceEachTime) {
  ConfigKey key = ConfigKeyFromPassword("s3cret");
  std::string a = EncryptConfig(kPlain, key);
  std::string b = EncryptConfig(kPlain, key);
  EXPECT_NE(a, b);
  EXPECT_TRUE(a.starts_with("# Encrypted rclone configuration File\n\nRCLONE_ENCRYPT_V0:\n"));
  EXPECT_THAT(a, Not(HasSubstr("example_key")));
  EXPECT_EQ(DecryptConfig(a, key).value_or(""), kPlain);
  EXPECT_EQ(DecryptConfig(b, key).value_or(""), kPlain);
}

TEST(ConfigCryptTest, BadFilesAreToldApart) {
  absl::Status wrong = DecryptConfig(kRcloneEncrypted, ConfigKeyFromPassword("pw2")).status();
  EXPECT_TRUE(IsWrongConfigPassword(wrong)) << wrong;
  std::string tampered = kRcloneEncrypted;
  tampered[tampered.size() - 3] ^= 1;
  EXPECT_TRUE(
      IsWrongConfigPassword(DecryptConfig(tampered, ConfigKeyFromPassword("pw1")).status()));
  std::string truncated = std::string(kRcloneEncrypted).substr(0, 80);
  EXPECT_EQ(DecryptConfig(truncated, ConfigKeyFromPassword("pw1")).status().code(),
            absl::StatusCode::kDataLoss);
  EXPECT_EQ(
      DecryptConfig("RCLONE_ENCRYPT_V0:\n!!!!\n", ConfigKeyFromPassword("pw1")).status().code(),
      absl::StatusCode::kDataLoss);
  EXPECT_EQ(
      DecryptConfig("RCLONE_ENCRYPT_V1:\nAAAA\n", ConfigKeyFromPassword("pw1")).status().code(),
      absl::StatusCode::kFailedPrecondition);
}

TEST(ConfigCryptTest, PasswordsRcloneRefusesAndGeneratedOnes) {
  EXPECT_FALSE(CheckConfigPassword("").ok());
  EXPECT_FALSE(CheckConfigPassword("  \t").ok());
  EXPECT_FALSE(CheckConfigPassword("\xff\xfe").ok());
  EXPECT_TRUE(CheckConfigPassword(" padded ").ok());
  EXPECT_EQ(RandomPassword(64).value_or("").size(), 11u);
  EXPECT_EQ(RandomPassword(128).value_or("").size(), 22u);
  EXPECT_NE(RandomPassword(128).value_or("a"), RandomPassword(128).value_or("a"));
  EXPECT_FALSE(RandomPassword(63).ok());
  EXPECT_FALSE(RandomPassword(1025).ok());
}

TEST(ConfigCryptTest, ConfigFileAsksUntilTheSourceGivesUpAndStaysEncrypted) {
  testing::TempDir dir;
  const std::string path = dir.File("rclone.conf");
  std::ofstream(path) << kRcloneEncrypted;
  chmod(path.c_str(), 0600);

  EXPECT_EQ(ConfigFile::Load(path).status().code(), absl::StatusCode::kFailedPrecondition);
  std::vector<std::string> given = {"bad", "pw1"};
  int calls = 0;
  absl::StatusOr<ConfigFile> config =
      ConfigFile::Load(path, [&](const absl::Status& previous) -> absl::StatusOr<std::string> {
        EXPECT_EQ(previous.ok(), calls == 0);
        return given.at(calls++);
      });
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(calls, 2);
  EXPECT_TRUE(config->encrypted());
  EXPECT_TRUE(config->PasswordMatches("pw1"));
  EXPECT_EQ(config->Get("remote", "api_key").value_or(""), "example_key");

  absl::Status gave_up =
      ConfigFile::Load(path, [](const absl::Status&) -> absl::StatusOr<std::string> {
        return absl::PermissionDeniedError("no more");
      }).status();
  EXPECT_EQ(gave_up.message(), "no more");

  ASSERT_TRUE(config->Set("new", "type", "local").ok());
  ASSERT_TRUE(config->Save().ok());
  std::string written = ReadFile(path);
  EXPECT_TRUE(IsEncryptedConfig(written));
  EXPECT_THAT(written, Not(HasSubstr("example_key")));
  EXPECT_EQ(DecryptConfig(written, ConfigKeyFromPassword("pw1")).value_or(""),
            std::string(kPlain) + "[new]\ntype = local\n\n");

  config->RemovePassword();
  ASSERT_TRUE(config->Save().ok());
  EXPECT_TRUE(ReadFile(path).starts_with("[remote]\n"));
  EXPECT_FALSE(config->SetPassword("   ").ok());
}

// The rclone binary opens what we encrypt (scripts/test installs it).
TEST(ConfigCryptTest, RcloneReadsWhatWeEncrypt) {
  std::optional<std::string> rclone = testing::FindRclone();
  ASSERT_TRUE(rclone.has_value())
      << "the rclone binary is needed: run scripts/test, which installs it";
  testing::TempDir dir;
  const std::string path = dir.File("rclone.conf");
  absl::StatusOr<ConfigFile> config = ConfigFile::Load(path);
  ASSERT_TRUE(config.ok());
  ASSERT_TRUE(config->Set("mine", "type", "local").ok());
  ASSERT_TRUE(config->SetPassword("fclone-pw").ok());
  ASSERT_TRUE(config->Save().ok());
  testing::ProcessResult r = testing::RunProcess(
      {*rclone, "--config", path, "config", "show"}, "",
      std::vector<std::string>{"RCLONE_CONFIG_PASS=fclone-pw", "HOME=" + dir.path()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "[mine]\ntype = local\n\n");
  testing::ProcessResult wrong = testing::RunProcess(
      {*rclone, "--config", path, "--ask-password=false", "listremotes"}, "",
      std::vector<std::string>{"RCLONE_CONFIG_PASS=other", "HOME=" + dir.path()});
  EXPECT_NE(wrong.exit_code, 0);
}

}  // namespace
}  // namespace vfs
