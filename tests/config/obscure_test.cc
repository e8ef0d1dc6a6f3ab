#include "vfs/config/obscure.h"

#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/config/rclone_binary.h"

namespace vfs {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

std::array<uint8_t, kObscureIvSize> IvFromHex(const std::string& hex) {
  std::string bytes = absl::HexStringToBytes(hex);
  std::array<uint8_t, kObscureIvSize> iv{};
  EXPECT_EQ(bytes.size(), iv.size());
  std::copy(bytes.begin(), bytes.end(), iv.begin());
  return iv;
}

struct RevealVector {
  std::string obscured;
  std::string plain;
};

// spec/rclone-conventions.md §5.5, each verified with `rclone reveal` 1.60.1.
TEST(ObscureTest, RevealsSpecVectors) {
  const std::vector<RevealVector> vectors = {
      {"ITWiL7z3oP7qVkFIjatwnG1QO9J8bQ", "secret"},
      {"Mn9h2AyUr58yQXK5ucuV3hXg5KsV7y4TZ7M", "p@ss w0rd!"},
      {"-C5lD46GCVdgHFqemVS6pEHyEpGzVuygA6ZsyOY", "h\xc3\xa9llo-\xe4\xb8\x96\xe7\x95\x8c"},
      {"YWFhYWFhYWFhYWFhYWFhYXMaGgIlEQ", "potato"},
      {"YmJiYmJiYmJiYmJiYmJiYp3gcEWbAw", "potato"},
      {"YWFhYWFhYWFhYWFhYWFhYQ", ""},
  };
  for (const RevealVector& v : vectors) {
    absl::StatusOr<std::string> plain = Reveal(v.obscured);
    ASSERT_TRUE(plain.ok()) << v.obscured << ": " << plain.status();
    EXPECT_EQ(*plain, v.plain) << v.obscured;
  }
}

TEST(ObscureTest, ObscureWithFixedIvMatchesSpecVectors) {
  EXPECT_EQ(ObscureWithIv("secret", IvFromHex("000102030405060708090a0b0c0d0e0f")),
            "AAECAwQFBgcICQoLDA0OD3L6BFdipg");
  EXPECT_EQ(ObscureWithIv("hunter2", IvFromHex("00000000000000000000000000000000")),
            "AAAAAAAAAAAAAAAAAAAAACyuxxYwjZo");
  EXPECT_EQ(
      ObscureWithIv("1fichier-API-key_0123456789", IvFromHex("ffeeddccbbaa99887766554433221100")),
      "_-7dzLuqmYh3ZlVEMyIRAHMLVoF6OQGDNBGg6Bfg0vPDPFBiLRR8aAwhKg");
  std::array<uint8_t, kObscureIvSize> a;
  a.fill('a');
  EXPECT_EQ(ObscureWithIv("potato", a), "YWFhYWFhYWFhYWFhYWFhYXMaGgIlEQ");
  EXPECT_EQ(ObscureWithIv("", a), "YWFhYWFhYWFhYWFhYWFhYQ");
}

TEST(ObscureTest, RoundTripsAndUsesAFreshIvEachTime) {
  // Long enough to cross several AES blocks, so the counter increment is exercised.
  std::string plain(100, 'x');
  plain += "\x01\xff\xc3\xa9 end";
  absl::StatusOr<std::string> one = Obscure(plain);
  absl::StatusOr<std::string> two = Obscure(plain);
  ASSERT_TRUE(one.ok() && two.ok());
  EXPECT_NE(*one, *two);
  EXPECT_EQ(one->size(), ((16 + plain.size()) * 4 + 2) / 3);
  EXPECT_EQ(*Reveal(*one), plain);
  EXPECT_EQ(*Reveal(*two), plain);
}

TEST(ObscureTest, CounterCarriesAcrossAll128BitsLikeGo) {
  // An IV of all 0xff bytes wraps the whole 128-bit counter after the first block; an
  // implementation that only counts in the low 64 bits would give rclone a different second
  // block. Only the real binary can tell, since our own Reveal shares our keystream.
  std::optional<std::string> rclone = testing::FindRclone();
  if (!rclone) GTEST_SKIP() << "rclone is not on PATH; counter wrap-around not checked";
  std::array<uint8_t, kObscureIvSize> iv;
  iv.fill(0xff);
  std::string plain(40, 'z');
  testing::ProcessResult r = testing::RunProcess(
      {*rclone, "--config", "/dev/null", "reveal", "--", ObscureWithIv(plain, iv)});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, plain + "\n");
}

TEST(ObscureTest, RevealRejectsBadInputWithoutEchoingIt) {
  const std::vector<std::string> bad = {
      "MySecretPass+word0123456789abc",  // '+' is the standard alphabet, not URL
      "MySecretPass/word0123456789abc",
      "MySecretPassword0123456789abc=",  // padding is rejected
      "MySecret Password",
      "MySecretPasswordX",  // 17 chars: a dangling 6-bit group
  };
  for (const std::string& s : bad) {
    absl::StatusOr<std::string> r = Reveal(s);
    ASSERT_FALSE(r.ok()) << s;
    EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(r.status().message(), HasSubstr("is it obscured?"));
    EXPECT_THAT(r.status().message(), Not(HasSubstr("MySecret")));
  }
  absl::StatusOr<std::string> r = Reveal("MySecretPass+word");
  EXPECT_THAT(r.status().message(), HasSubstr("at input byte 12"));

  absl::StatusOr<std::string> short_input = Reveal("c2hvcnQ");  // "short": under 16 bytes
  ASSERT_FALSE(short_input.ok());
  EXPECT_THAT(short_input.status().message(), HasSubstr("input too short"));
  EXPECT_FALSE(IsObscured("plain text password"));
  EXPECT_TRUE(IsObscured("YWFhYWFhYWFhYWFhYWFhYQ"));
}

TEST(ObscureTest, ObscureForStorageFollowsRcloneConfigCreate) {
  const std::string already = "YWFhYWFhYWFhYWFhYWFhYXMaGgIlEQ";  // "potato"
  EXPECT_THAT(ObscureForStorage(already, ObscureMode::kAuto),
              ::testing::Eq(absl::StatusOr<std::string>(already)));
  absl::StatusOr<std::string> plain = ObscureForStorage("my password", ObscureMode::kAuto);
  ASSERT_TRUE(plain.ok());
  EXPECT_THAT(Reveal(*plain), ::testing::Eq(absl::StatusOr<std::string>("my password")));
  absl::StatusOr<std::string> forced = ObscureForStorage(already, ObscureMode::kForce);
  ASSERT_TRUE(forced.ok());
  EXPECT_THAT(Reveal(*forced), ::testing::Eq(absl::StatusOr<std::string>(already)));
  EXPECT_THAT(ObscureForStorage(already, ObscureMode::kNever),
              ::testing::Eq(absl::StatusOr<std::string>(already)));
  absl::StatusOr<std::string> never = ObscureForStorage("my+S3cr3t", ObscureMode::kNever);
  ASSERT_FALSE(never.ok());
  EXPECT_THAT(never.status().message(), Not(HasSubstr("S3cr3t")));
}

const std::vector<std::string>& InteropStrings() {
  static const std::vector<std::string> strings = {
      "secret",
      "p@ss w0rd!",
      "h\xc3\xa9llo-\xe4\xb8\x96\xe7\x95\x8c",  // héllo-世界
      "-starts-with-dash",
      "quote\"and'apostrophe,comma:colon=equals",
      "emoji \xf0\x9f\x98\x80 and a long tail to span blocks: 0123456789abcdefghijklmnop",
  };
  return strings;
}

TEST(ObscureTest, RcloneRevealsWhatWeObscure) {
  std::optional<std::string> rclone = testing::FindRclone();
  if (!rclone) GTEST_SKIP() << "rclone is not on PATH; interop with the real binary not tested";
  for (const std::string& plain : InteropStrings()) {
    absl::StatusOr<std::string> obscured = Obscure(plain);
    ASSERT_TRUE(obscured.ok());
    // `--` because obscured strings may start with '-' (spec §7.8).
    testing::ProcessResult r =
        testing::RunProcess({*rclone, "--config", "/dev/null", "reveal", "--", *obscured});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, plain + "\n");
  }
}

TEST(ObscureTest, WeRevealWhatRcloneObscures) {
  std::optional<std::string> rclone = testing::FindRclone();
  if (!rclone) GTEST_SKIP() << "rclone is not on PATH; interop with the real binary not tested";
  for (const std::string& plain : InteropStrings()) {
    testing::ProcessResult r =
        testing::RunProcess({*rclone, "--config", "/dev/null", "obscure", "--", plain});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    ASSERT_FALSE(r.out.empty());
    ASSERT_EQ(r.out.back(), '\n');
    absl::StatusOr<std::string> revealed = Reveal(r.out.substr(0, r.out.size() - 1));
    ASSERT_TRUE(revealed.ok()) << revealed.status();
    EXPECT_EQ(*revealed, plain);
  }
}

}  // namespace
}  // namespace vfs
