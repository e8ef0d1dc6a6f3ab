// crypt over a fichier remote on fichier-emulator (started per test on 127.0.0.1): sync up,
// cryptcheck by the emulator's Whirlpool hashes without downloading, sync back byte for byte;
// then a changed source file is caught by cryptcheck. Neither password nor API key in output.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "tests/integration/emulator_remote_test.h"

namespace fctest {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kPassword[] = "emulator crypt password";

class CryptOverFichierTest : public EmulatorRemoteTest {
 protected:
  void SetUp() override {
    EmulatorRemoteTest::SetUp();
    secrets_.push_back(kPassword);
    ASSERT_EQ(Run({"config", "create", "c", "crypt", "remote", "f:vault", "password", kPassword,
                   "password2", "emulator salt"})
                  .exit_code,
              0);
  }
};

TEST_F(CryptOverFichierTest, SyncUpCryptcheckSyncBack) {
  s_.Write("src/empty", "");
  s_.Write("src/small.txt", "small\n");
  s_.Write("src/block edge", RandomBytes(65536, 1));
  s_.Write("src/ünï dir/big.bin", RandomBytes(300000, 2));
  s_.Write("src/ünï dir/deeper/x", RandomBytes(65537, 3));

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
  std::string changed = RandomBytes(300000, 2);
  changed[150000] ^= 1;
  s_.Write("src/ünï dir/big.bin", changed);
  RunResult differ = Run({"cryptcheck", s_.Path("src"), "c:"});
  EXPECT_EQ(differ.exit_code, 1);
  EXPECT_THAT(differ.err, HasSubstr("ünï dir/big.bin: hashes differ"));
}

}  // namespace
}  // namespace fctest
