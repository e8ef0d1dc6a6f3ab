// crypt over a fichier remote on fichier-emulator (started per test on 127.0.0.1): sync up,
// cryptcheck by the emulator's Whirlpool hashes without downloading, sync back byte for byte;
// then a changed source file is caught by cryptcheck. Neither password nor API key in output.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "emulator/testing/emulator_process.h"
#include "tests/integration/fclone_runner.h"

namespace fctest {
namespace {

using ::emulator::testing::EmulatorProcess;
using ::emulator::testing::kPremiumKey;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kPassword[] = "emulator crypt password";

std::string Bytes(size_t n, unsigned seed) {
  std::string s(n, '\0');
  uint32_t x = seed * 2654435761u + 7;
  for (char& c : s) {
    x = x * 1664525u + 1013904223u;
    c = static_cast<char>(x >> 24);
  }
  return s;
}

class CryptOverFichierTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto emu = EmulatorProcess::Start({"--quiet"});
    ASSERT_TRUE(emu.ok()) << emu.status();
    emu_ = std::move(*emu);
    ASSERT_EQ(Run({"config", "create", "f", "fichier", "api_key", kPremiumKey, "api_url",
                   emu_->api_url(), "pacer_min_sleep", "1", "pacer_max_sleep", "50"})
                  .exit_code,
              0);
    ASSERT_EQ(Run({"config", "create", "c", "crypt", "remote", "f:vault", "password", kPassword,
                   "password2", "emulator salt"})
                  .exit_code,
              0);
  }
  RunResult Run(std::vector<std::string> args) {
    RunResult r = s_.Run(std::move(args));
    for (const char* secret : {kPremiumKey, kPassword}) {
      EXPECT_THAT(r.out, Not(HasSubstr(secret)));
      EXPECT_THAT(r.err, Not(HasSubstr(secret)));
    }
    return r;
  }
  Scratch s_;
  std::unique_ptr<EmulatorProcess> emu_;
};

TEST_F(CryptOverFichierTest, SyncUpCryptcheckSyncBack) {
  s_.Write("src/empty", "");
  s_.Write("src/small.txt", "small\n");
  s_.Write("src/block edge", Bytes(65536, 1));
  s_.Write("src/ünï dir/big.bin", Bytes(300000, 2));
  s_.Write("src/ünï dir/deeper/x", Bytes(65537, 3));

  RunResult up = Run({"sync", s_.Path("src"), "c:"});
  ASSERT_EQ(up.exit_code, 0) << up.err;
  RunResult listing = Run({"lsf", "-R", "f:vault"});  // the service sees only encrypted names
  EXPECT_THAT(listing.out, Not(HasSubstr("small")));
  EXPECT_THAT(listing.out, Not(HasSubstr("ünï")));

  RunResult check = Run({"cryptcheck", s_.Path("src"), "c:", "-v"});
  EXPECT_EQ(check.exit_code, 0) << check.err;
  EXPECT_THAT(check.err, HasSubstr("Using whirlpool for hash comparisons"));
  EXPECT_THAT(check.err, HasSubstr("0 differences found"));
  EXPECT_THAT(check.err, HasSubstr("5 matching files"));

  RunResult back = Run({"sync", "c:", s_.Path("back")});
  ASSERT_EQ(back.exit_code, 0) << back.err;
  EXPECT_EQ(ReadTree(s_.dir() / "back"), ReadTree(s_.dir() / "src"));

  // Same size, one byte different: only the hash comparison can tell.
  std::string changed = Bytes(300000, 2);
  changed[150000] ^= 1;
  s_.Write("src/ünï dir/big.bin", changed);
  RunResult differ = Run({"cryptcheck", s_.Path("src"), "c:"});
  EXPECT_EQ(differ.exit_code, 1);
  EXPECT_THAT(differ.err, HasSubstr("ünï dir/big.bin: hashes differ"));
}

}  // namespace
}  // namespace fctest
