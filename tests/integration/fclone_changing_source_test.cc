// Issue 17, point 2, end to end: a local file that grows while fclone uploads it. rclone fails
// such a transfer ("source file is being updated"); before backend/local checked for it, fclone
// stored the file cut short and exited 0. The emulator holds the upload (a stall fault on its
// clock) until the test has appended to the file, then lets it go: no timing decides the order.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdio>

#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "emulator/testing/emulator_process.h"
#include "tests/integration/fclone_runner.h"

namespace fctest {
namespace {

using ::emulator::testing::EmulatorProcess;
using ::emulator::testing::kPremiumKey;
using ::testing::HasSubstr;

// Larger than what the loopback socket buffers and fclone's read-ahead take in, so fclone is
// still reading the file when the emulator releases the upload.
constexpr size_t kFileBytes = 96 << 20;

struct Outcome {
  RunResult copy;
  std::string listing;  // fclone lsl f:dst
  size_t final_size = 0;
  std::unique_ptr<EmulatorProcess> emu;  // kept running for the checks that follow
};

// Copies src/grow.bin (kFileBytes) to the emulator with `extra` flags, appending to it while
// the emulator holds the upload: the first upload.cgi waits an hour of the emulator's clock
// before reading the body, and the test moves the clock once it has appended.
Outcome CopyAGrowingFile(Scratch& s, const std::vector<std::string>& extra) {
  Outcome out;
  s.Write("src/grow.bin", RandomBytes(kFileBytes, 17));
  auto emu = EmulatorProcess::Start({"--quiet"});
  EXPECT_TRUE(emu.ok()) << emu.status();
  if (!emu.ok()) return out;
  out.emu = std::move(*emu);
  auto& running = out.emu;
  RunResult created = s.Run({"config", "create", "f", "fichier", "api_key", kPremiumKey,
                             "api_url", running->api_url(), "pacer_min_sleep", "1"});
  EXPECT_EQ(created.exit_code, 0) << created.err;
  EXPECT_TRUE(running->AddFault("upload.cgi:stall:3600000@1").ok());

  std::vector<std::string> args = {"copy", s.Path("src"), "f:dst", "-v"};
  args.insert(args.end(), extra.begin(), extra.end());
  std::thread fclone([&] { out.copy = s.Run(args); });
  auto held = running->Connections("stalled=1");
  EXPECT_TRUE(held.ok()) << held.status();
  EXPECT_THAT(held.ok() ? *held : "", HasSubstr("\"stalled\":1"))
      << "the upload never reached the emulator";
  {
    std::ofstream(s.Path("src/grow.bin"), std::ios::app) << "appended while uploading";
  }
  EXPECT_TRUE(running->AdvanceClock(3601).ok());
  fclone.join();
  out.final_size = s.Read("src/grow.bin").size();
  RunResult listing = s.Run({"lsl", "f:dst"});
  EXPECT_EQ(listing.exit_code, 0) << listing.err;
  out.listing = listing.out;
  std::printf("[ figures  ] copy of a growing file%s: exit %d\n",
              extra.empty() ? "" : " (check off)", out.copy.exit_code);
  return out;
}

TEST(FcloneChangingSourceTest, AFileAppendedDuringItsUploadFailsTheCopyOrIsStoredWhole) {
  Scratch s;
  Outcome o = CopyAGrowingFile(s, {});
  if (o.copy.exit_code != 0) {
    EXPECT_THAT(o.copy.err, HasSubstr("source file is being updated")) << o.copy.err;
    // Nothing cut short was left behind: no file, or the whole final one (a retry).
    if (o.listing.find("grow.bin") != std::string::npos) {
      EXPECT_THAT(o.listing, HasSubstr(std::to_string(o.final_size) + " "));
    }
  } else {
    // Success is only right when the remote holds exactly the final file.
    RunResult check = s.Run({"check", s.Path("src"), "f:dst"});
    EXPECT_EQ(check.exit_code, 0) << "copy exited 0 but the remote differs:\n"
                                  << o.listing << check.err << "\ncopy:\n" << o.copy.err;
  }
}

// The control: with the check turned off (what fclone did before), the same run "succeeds"
// and the remote holds the file cut short, which the test above refuses.
TEST(FcloneChangingSourceTest, WithoutTheCheckTheCopyIsCutShort) {
  Scratch s;
  Outcome o = CopyAGrowingFile(s, {"--local-no-check-updated"});
  EXPECT_EQ(o.copy.exit_code, 0) << o.copy.err;
  EXPECT_THAT(o.listing, HasSubstr(std::to_string(kFileBytes) + " "));
  EXPECT_NE(o.final_size, kFileBytes);
  EXPECT_NE(s.Run({"check", s.Path("src"), "f:dst"}).exit_code, 0);
}

}  // namespace
}  // namespace fctest
