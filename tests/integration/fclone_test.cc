// The real fclone binary on local paths (and :memory:): trees byte for byte, output formats,
// exit codes, dry-run, sync's refusal to delete after an error, interrupted copies, config.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "tests/integration/fclone_runner.h"
#include "vfs/config/obscure.h"

namespace fctest {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;

// 2020-01-02 03:04:05 UTC
constexpr int64_t kTime = 1577934245;

class FcloneTest : public ::testing::Test {
 protected:
  void SetUp() override {
    s_.Write("src/a.txt", "hello\n", kTime);
    s_.Write("src/sub/b.bin", std::string(1500, '\0'), kTime);
    s_.Write("src/sub/deep/c.dat", RandomBytes(3 * 1024 * 1024 + 17, 1), kTime);
  }
  Scratch s_;
};

TEST_F(FcloneTest, CopyReproducesTheTreeByteForByte) {
  RunResult r = s_.Run({"copy", "-v", s_.Path("src"), s_.Path("dst")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(ReadTree(s_.dir() / "dst"), ReadTree(s_.dir() / "src"));
  EXPECT_THAT(r.err, HasSubstr("INFO  : a.txt: Copied (new)\n"));
  EXPECT_THAT(r.err, HasSubstr("Transferred:            3 / 3, 100%\n"));
  // Mod times are kept, so a second run has nothing to do.
  RunResult again = s_.Run({"copy", "-v", s_.Path("src"), s_.Path("dst")});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_THAT(again.err, HasSubstr("There was nothing to transfer"));
}

TEST_F(FcloneTest, CopyWithManyTransfersAndOneChecker) {
  for (int i = 0; i < 40; ++i) {
    s_.Write("src/many/f" + std::to_string(i), RandomBytes(1000 + i, i + 10));
  }
  RunResult r = s_.Run({"copy", "--transfers", "8", "--checkers=1", s_.Path("src"),
                        s_.Path("dst")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(ReadTree(s_.dir() / "dst"), ReadTree(s_.dir() / "src"));
}

TEST_F(FcloneTest, SyncMakesDestinationIdentical) {
  s_.Write("dst/extra.txt", "x");
  s_.Write("dst/a.txt", "changed!", kTime + 50);
  fs::create_directories(s_.dir() / "dst/extradir");
  RunResult r = s_.Run({"sync", "-v", s_.Path("src"), s_.Path("dst")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(ReadTree(s_.dir() / "dst"), ReadTree(s_.dir() / "src"));
  EXPECT_FALSE(s_.Exists("dst/extradir"));
  EXPECT_THAT(r.err, HasSubstr("INFO  : extra.txt: Deleted\n"));
  EXPECT_THAT(r.err, HasSubstr("INFO  : extradir: Removing directory\n"));
  EXPECT_THAT(r.err, HasSubstr("Deleted:                1 (files), 1 (dirs)\n"));
}

TEST_F(FcloneTest, DryRunChangesNothing) {
  s_.Write("dst/extra.txt", "x");
  RunResult r = s_.Run({"sync", "-n", s_.Path("src"), s_.Path("dst")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(ReadTree(s_.dir() / "dst"), (std::map<std::string, std::string>{{"extra.txt", "x"}}));
  EXPECT_THAT(r.err, HasSubstr("NOTICE: a.txt: Skipped copy as --dry-run is set (size 6)\n"));
  EXPECT_THAT(r.err, HasSubstr("NOTICE: extra.txt: Skipped delete as --dry-run is set (size 1)"));
  EXPECT_THAT(r.err, HasSubstr("Transferred:            3 / 3, 100%"));
}

// rclone flags that change nothing in fclone (host/flags_accepted.*) are taken, with their
// values, so a script written for rclone runs and does the same work.
TEST_F(FcloneTest, RcloneFlagsWithoutEffectHereAreAccepted) {
  RunResult r = s_.Run({"sync", "--buffer-size", "64M", "--use-mmap", "--max-backlog", "100",
                        "--max-stats-groups", "10", "--fs-cache-expire-duration", "1m",
                        "--fs-cache-expire-interval", "10s", "--no-console",
                        "--no-unicode-normalization", "--use-server-modtime", "--auto-confirm",
                        "--no-gzip-encoding", "--expect-continue-timeout", "2s", s_.Path("src"),
                        s_.Path("dst")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(ReadTree(s_.dir() / "dst"), ReadTree(s_.dir() / "src"));
  // A value they cannot take is still a usage error, as in rclone.
  RunResult bad = s_.Run({"lsf", "--buffer-size", "lots", s_.Path("src")});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_THAT(bad.err, HasSubstr("invalid argument \"lots\" for \"--buffer-size\" flag"));
}

// --log-systemd: journald's priority before each line and no date, as rclone 1.60 prints.
TEST_F(FcloneTest, LogSystemdPrefixesPrioritiesWithoutDates) {
  RunResult r = s_.Run({"copy", "--log-systemd", "-v", s_.Path("src"), s_.Path("dst")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.err, ::testing::ContainsRegex("(^|\n)<6>INFO  : a.txt: Copied \\(new\\)\n"));
  EXPECT_THAT(r.err, Not(::testing::ContainsRegex("(^|\n)[0-9]{4}/")));  // no dates
  RunResult missing = s_.Run({"lsf", "--log-systemd", s_.Path("nowhere")});
  EXPECT_EQ(missing.exit_code, 3);
  EXPECT_THAT(missing.err, ::testing::ContainsRegex("(^|\n)Failed to lsf: "));
}

// --stats-one-line-date: the one-line stats start with rclone's date; a format of one's own
// (a Go layout) implies both.
TEST_F(FcloneTest, StatsOneLineDatePrefixesTheStats) {
  RunResult r = s_.Run({"copy", "--stats-one-line-date", "-v", s_.Path("src"), s_.Path("dst")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.err, ::testing::ContainsRegex(
                         "INFO  : [0-9]{4}/[0-9]{2}/[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2} - +[0-9.]+ "
                         "[A-Za-z]+ / [0-9.]+ [A-Za-z]+, 100%"));
  RunResult own = s_.Run({"sync", "--stats-one-line-date-format", "2006 | ", "-v", s_.Path("src"),
                          s_.Path("dst2")});
  ASSERT_EQ(own.exit_code, 0) << own.err;
  EXPECT_THAT(own.err, ::testing::ContainsRegex("INFO  : [0-9]{4} \\| +[0-9.]+ [A-Za-z]+ / "));
  EXPECT_THAT(own.err, Not(HasSubstr("Transferred:")));  // one line, not the block
}

TEST_F(FcloneTest, SyncRefusesToDeleteAfterAnError) {
  // The source has a file where the destination has a non-empty directory: that copy fails.
  s_.Write("src/clash", "file in source");
  s_.Write("dst/clash/inner.txt", "dir in destination");
  s_.Write("dst/extra.txt", "must survive");
  RunResult r = s_.Run({"sync", "--retries", "1", s_.Path("src"), s_.Path("dst")});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_EQ(s_.Read("dst/extra.txt"), "must survive");
  EXPECT_EQ(s_.Read("dst/clash/inner.txt"), "dir in destination");
  EXPECT_EQ(s_.Read("dst/a.txt"), "hello\n") << "the other files are still copied";
  EXPECT_THAT(r.err, HasSubstr("not deleting files as there were IO errors"));
  EXPECT_THAT(r.err, HasSubstr("Failed to sync"));
}

TEST_F(FcloneTest, RetriesTheWholeRun) {
  s_.Write("src/clash", "file in source");
  s_.Write("dst/clash/inner.txt", "dir");
  RunResult r = s_.Run({"copy", "--retries", "2", s_.Path("src"), s_.Path("dst")});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("Attempt 1/2 failed with 1 errors and: "));
  EXPECT_THAT(r.err, HasSubstr("Attempt 2/2 failed with 1 errors and: "));
}

TEST_F(FcloneTest, InterruptedCopyNeverLeavesAPartialFileUnderTheRealName) {
  const size_t kSize = 256 * 1024 * 1024;
  {
    std::ofstream big(s_.Path("bigsrc/big.bin"), std::ios::binary);
  }
  fs::create_directories(s_.dir() / "bigsrc");
  {
    std::ofstream big(s_.Path("bigsrc/big.bin"), std::ios::binary);
    std::string chunk = RandomBytes(1 << 20, 7);
    for (size_t i = 0; i < kSize / chunk.size(); ++i) big << chunk;
  }
  fs::create_directories(s_.dir() / "bigdst");
  pid_t pid = s_.Start({"copy", s_.Path("bigsrc"), s_.Path("bigdst")});
  // Kill it as soon as bytes are being written somewhere in the destination.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  bool caught_in_flight = false;
  while (std::chrono::steady_clock::now() < deadline) {
    for (const auto& e : fs::directory_iterator(s_.dir() / "bigdst")) {
      std::error_code ec;
      uintmax_t size = fs::file_size(e.path(), ec);
      if (!ec && size > 0 && size < kSize) caught_in_flight = true;
    }
    if (caught_in_flight) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  EXPECT_TRUE(caught_in_flight) << "the copy finished before it could be interrupted";
  if (fs::exists(s_.dir() / "bigdst/big.bin")) {
    EXPECT_EQ(fs::file_size(s_.dir() / "bigdst/big.bin"), kSize)
        << "a partial file is visible under the real name";
  }
  // A new run completes the copy.
  RunResult r = s_.Run({"copy", s_.Path("bigsrc"), s_.Path("bigdst")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(fs::file_size(s_.dir() / "bigdst/big.bin"), kSize);
  RunResult check = s_.Run({"check", s_.Path("bigsrc"), s_.Path("bigdst"), "--download"});
  EXPECT_EQ(check.exit_code, 0) << check.err;
}

TEST_F(FcloneTest, ListingFormats) {
  RunResult ls = s_.Run({"ls", s_.Path("src")});
  ASSERT_EQ(ls.exit_code, 0) << ls.err;
  EXPECT_EQ(ls.out, "        6 a.txt\n     1500 sub/b.bin\n  3145745 sub/deep/c.dat\n");
  RunResult lsl = s_.Run({"lsl", "--max-depth", "1", s_.Path("src")});
  EXPECT_EQ(lsl.out, "        6 2020-01-02 03:04:05.000000000 a.txt\n");
  RunResult lsf = s_.Run({"lsf", "-R", "--format", "pst", s_.Path("src")});
  EXPECT_EQ(lsf.out.substr(0, 28), "a.txt;6;2020-01-02 03:04:05\n");
  EXPECT_THAT(lsf.out, HasSubstr("sub/deep/c.dat;3145745;2020-01-02 03:04:05\n"));
  RunResult json = s_.Run({"lsjson", "--files-only", s_.Path("src")});
  EXPECT_EQ(json.out,
            "[\n{\"Path\":\"a.txt\",\"Name\":\"a.txt\",\"Size\":6,\"MimeType\":\"text/plain; "
            "charset=utf-8\",\"ModTime\":\"2020-01-02T03:04:05.000000000Z\",\"IsDir\":false}\n]\n");
  RunResult stat = s_.Run({"lsjson", "--stat", s_.Path("src/a.txt")});
  EXPECT_THAT(stat.out, HasSubstr("{\n\t\"Path\": \"a.txt\",\n\t\"Name\": \"a.txt\",\n\t\"Size\": 6,"));
  RunResult size = s_.Run({"size", s_.Path("src")});
  EXPECT_EQ(size.out, "Total objects: 3 (3)\nTotal size: 3.001 MiB (3147251 Byte)\n");
}

TEST_F(FcloneTest, HashsumWhirlpool) {
  RunResult r = s_.Run({"hashsum", "whirlpool", s_.Path("src/a.txt")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "63f8341c1720d76087bb66a8f3fc9ea21a279edeae866a3611ba425cbd9ac9a4e39b97066b492fed6037988a"
            "72a045344c8675107e6bb569276c2f597ea9cbb7  a.txt\n");
  RunResult in = s_.Run({"hashsum", "whirlpool"}, "abc");
  EXPECT_EQ(in.out,
            "4e2448a4c6f486bb16b6562c73b4020bf3043e3a731bce721ae1b303d97e6d4c7181eebdb6c57e277d0e3495"
            "7114cbd6c797fc9d95d8b582d225292076d4eef5  -\n");
  RunResult list = s_.Run({"hashsum"});
  EXPECT_EQ(list.out,
            "Supported hashes are:\n  * md5\n  * sha1\n  * whirlpool\n  * crc32\n  * sha256\n");
}

TEST_F(FcloneTest, CheckFindsDifferences) {
  ASSERT_EQ(s_.Run({"copy", s_.Path("src"), s_.Path("dst")}).exit_code, 0);
  RunResult same = s_.Run({"check", s_.Path("src"), s_.Path("dst")});
  EXPECT_EQ(same.exit_code, 0) << same.err;
  EXPECT_THAT(same.err, HasSubstr("0 differences found"));
  s_.Write("dst/a.txt", "HELLO\n");
  s_.Write("dst/only.txt", "x");
  RunResult diff = s_.Run({"check", "--combined", "-", s_.Path("src"), s_.Path("dst")});
  EXPECT_EQ(diff.exit_code, 1);
  // Two local trees share every type; md5 comes first, as in rclone.
  EXPECT_THAT(diff.err, HasSubstr("ERROR : a.txt: md5 differ\n"));
  EXPECT_THAT(diff.err, HasSubstr("2 differences found"));
  EXPECT_THAT(diff.out, HasSubstr("* a.txt\n"));
  EXPECT_THAT(diff.out, HasSubstr("- only.txt\n"));
  EXPECT_THAT(diff.out, HasSubstr("= sub/b.bin\n"));
}

TEST_F(FcloneTest, ExitCodes) {
  EXPECT_EQ(s_.Run({"ls", "--no-such-flag", s_.Path("src")}).exit_code, 2);
  EXPECT_EQ(s_.Run({"ls"}).exit_code, 2);
  EXPECT_EQ(s_.Run({"ls", "a", "b"}).exit_code, 2);
  EXPECT_EQ(s_.Run({"frobnicate"}).exit_code, 2);
  EXPECT_EQ(s_.Run({"ls", s_.Path("missing")}).exit_code, 3);
  EXPECT_EQ(s_.Run({"copy", s_.Path("missing"), s_.Path("dst")}).exit_code, 3);
  EXPECT_EQ(s_.Run({"copyto", s_.Path("src/missing.txt"), s_.Path("dst/x")}).exit_code, 3);
  EXPECT_EQ(s_.Run({"deletefile", s_.Path("src/sub")}).exit_code, 1);
  EXPECT_EQ(s_.Run({"rmdir", s_.Path("src/sub")}).exit_code, 1);
  EXPECT_EQ(s_.Run({"ls", "nosuchremote:"}).exit_code, 1);
  EXPECT_EQ(s_.Run({"link", s_.Path("src/a.txt")}).exit_code, 1);
  ASSERT_EQ(s_.Run({"copy", s_.Path("src"), s_.Path("dst")}).exit_code, 0);
  EXPECT_EQ(s_.Run({"copy", "--error-on-no-transfer", s_.Path("src"), s_.Path("dst")}).exit_code,
            9);
}

TEST_F(FcloneTest, UsageErrorsSayWhatIsWrong) {
  RunResult r = s_.Run({"ls", "--no-such-flag", s_.Path("src")});
  EXPECT_THAT(r.err, HasSubstr("Error: unknown flag: --no-such-flag\nUsage:\n  fclone ls "
                               "remote:path [flags]\n"));
  RunResult n = s_.Run({"ls"});
  EXPECT_THAT(n.err, HasSubstr("Command ls needs 1 arguments minimum: you provided 0 non flag "
                               "arguments: []"));
}

TEST_F(FcloneTest, CopytoAndMoveto) {
  RunResult c = s_.Run({"copyto", s_.Path("src/a.txt"), s_.Path("out/renamed.txt")});
  ASSERT_EQ(c.exit_code, 0) << c.err;
  EXPECT_EQ(s_.Read("out/renamed.txt"), "hello\n");
  RunResult m = s_.Run({"moveto", s_.Path("out/renamed.txt"), s_.Path("out/moved.txt")});
  ASSERT_EQ(m.exit_code, 0) << m.err;
  EXPECT_FALSE(s_.Exists("out/renamed.txt"));
  EXPECT_EQ(s_.Read("out/moved.txt"), "hello\n");
}

TEST_F(FcloneTest, MoveEmptiesTheSource) {
  RunResult r = s_.Run({"move", "--delete-empty-src-dirs", s_.Path("src/sub"),
                        s_.Path("moved")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(s_.Read("moved/b.bin"), std::string(1500, '\0'));
  EXPECT_FALSE(s_.Exists("src/sub/b.bin"));
  EXPECT_FALSE(s_.Exists("src/sub/deep/c.dat"));
}

TEST_F(FcloneTest, DeletePurgeMkdirRmdirsTouchCat) {
  ASSERT_EQ(s_.Run({"mkdir", s_.Path("made/deeper")}).exit_code, 0);
  EXPECT_TRUE(fs::is_directory(s_.dir() / "made/deeper"));
  ASSERT_EQ(s_.Run({"rmdirs", s_.Path("made")}).exit_code, 0);
  EXPECT_FALSE(s_.Exists("made"));
  ASSERT_EQ(s_.Run({"touch", "-t", "2021-02-03T04:05:06", s_.Path("t/new.txt")}).exit_code, 0);
  RunResult lsl = s_.Run({"lsl", s_.Path("t")});
  EXPECT_EQ(lsl.out, "        0 2021-02-03 04:05:06.000000000 new.txt\n");
  RunResult cat = s_.Run({"cat", "--tail", "3", s_.Path("src/a.txt")});
  EXPECT_EQ(cat.out, "lo\n");
  ASSERT_EQ(s_.Run({"delete", s_.Path("src/sub")}).exit_code, 0);
  EXPECT_TRUE(ReadTree(s_.dir() / "src/sub").empty());
  EXPECT_TRUE(fs::is_directory(s_.dir() / "src/sub/deep"));
  ASSERT_EQ(s_.Run({"purge", s_.Path("src")}).exit_code, 0);
  EXPECT_FALSE(s_.Exists("src"));
  EXPECT_EQ(s_.Run({"deletefile", s_.Path("t/new.txt")}).exit_code, 0);
  EXPECT_FALSE(s_.Exists("t/new.txt"));
}

TEST_F(FcloneTest, LogFileTakesTheLogs) {
  RunResult r = s_.Run({"copy", "-v", "--log-file", s_.Path("log.txt"), s_.Path("src"),
                        s_.Path("dst")});
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.err, "");
  EXPECT_THAT(s_.Read("log.txt"), HasSubstr("INFO  : a.txt: Copied (new)"));
}

TEST_F(FcloneTest, QuietAndLogLevel) {
  s_.Write("dst/extra.txt", "x");
  RunResult q = s_.Run({"sync", "-q", "-n", s_.Path("src"), s_.Path("dst")});
  EXPECT_EQ(q.err, "");
  RunResult d = s_.Run({"copy", "--log-level", "DEBUG", s_.Path("src"), s_.Path("dst")});
  EXPECT_THAT(d.err, HasSubstr("DEBUG : a.txt: Need to transfer - File not found at Destination"));
}

TEST_F(FcloneTest, ProgressWithoutATerminalPrintsPlainBlocks) {
  RunResult r = s_.Run({"copy", "-P", s_.Path("src"), s_.Path("dst")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("Transferred:   \t"));
  EXPECT_THAT(r.out, HasSubstr("Transferred:            3 / 3, 100%"));
  EXPECT_THAT(r.out, Not(HasSubstr("\x1b[")));
}

// --progress-terminal-title: rclone's title sequence (ESC ] 0 ; ETA: ... BEL) before each block,
// emptied after the last one; nothing of it without the flag, and nothing without -P.
TEST_F(FcloneTest, ProgressTerminalTitleShowsTheEta) {
  RunResult r = s_.Run({"copy", "-P", "--progress-terminal-title", s_.Path("src"), s_.Path("dst")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(r.out.starts_with("\x1b]0;ETA: ")) << r.out;
  EXPECT_THAT(r.out, HasSubstr("\x07Transferred:   \t"));
  EXPECT_TRUE(r.out.ends_with("\n\x1b]0;\x07")) << r.out;
  RunResult plain = s_.Run({"copy", "-P", s_.Path("src"), s_.Path("dst2")});
  EXPECT_THAT(plain.out, Not(HasSubstr("\x1b]0;")));
  RunResult quiet = s_.Run({"copy", "--progress-terminal-title", s_.Path("src"), s_.Path("dst3")});
  ASSERT_EQ(quiet.exit_code, 0) << quiet.err;
  EXPECT_EQ(quiet.out, "");
}

TEST_F(FcloneTest, MemoryRemoteFromTheCommandLine) {
  RunResult r = s_.Run({"copy", "-v", s_.Path("src"), ":memory:bucket"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr("sub/deep/c.dat: Copied (new)"));
}

TEST_F(FcloneTest, ConfigCreateShowDeleteNeverPrintsSecrets) {
  RunResult c = s_.Run({"config", "create", "loc", "local"});
  ASSERT_EQ(c.exit_code, 0) << c.err;
  RunResult show = s_.Run({"config", "show"});
  EXPECT_EQ(show.out, "[loc]\ntype = local\n\n");
  RunResult ls = s_.Run({"ls", "loc:" + s_.Path("src/sub")});
  EXPECT_EQ(ls.out, "     1500 b.bin\n  3145745 deep/c.dat\n");
  RunResult secret = s_.Run({"config", "create", "f", "fichier", "api_key", "TOPSECRETKEY",
                             "file_password", "hunter2pass"});
  ASSERT_EQ(secret.exit_code, 0) << secret.err;
  RunResult shown = s_.Run({"config", "show", "f"});
  for (const RunResult* r : {&secret, &shown}) {
    EXPECT_THAT(r->out + r->err, Not(HasSubstr("TOPSECRETKEY")));
    EXPECT_THAT(r->out + r->err, Not(HasSubstr("hunter2pass")));
  }
  std::string conf = s_.Read("rclone.conf");
  EXPECT_THAT(conf, Not(HasSubstr("hunter2pass"))) << "passwords are stored obscured";
  EXPECT_EQ(s_.Run({"config", "delete", "f"}).exit_code, 0);
  EXPECT_THAT(s_.Read("rclone.conf"), Not(HasSubstr("[f]")));
  RunResult file = s_.Run({"config", "file"});
  EXPECT_THAT(file.out, HasSubstr("rclone.conf"));
}

TEST_F(FcloneTest, ObscureRevealsBack) {
  RunResult r = s_.Run({"obscure", "potato"});
  ASSERT_EQ(r.exit_code, 0);
  ASSERT_FALSE(r.out.empty());
  absl::StatusOr<std::string> plain = vfs::Reveal(r.out.substr(0, r.out.size() - 1));
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(*plain, "potato");
  RunResult in = s_.Run({"obscure", "-"}, "from stdin\n");
  EXPECT_EQ(*vfs::Reveal(in.out.substr(0, in.out.size() - 1)), "from stdin");
}

TEST_F(FcloneTest, HelpAndVersion) {
  RunResult h = s_.Run({"help", "copy"});
  EXPECT_EQ(h.exit_code, 0);
  EXPECT_THAT(h.out, HasSubstr("Usage:\n  fclone copy source:path dest:path [flags]\n"));
  EXPECT_THAT(h.out, HasSubstr("--create-empty-src-dirs"));
  RunResult flag = s_.Run({"sync", "--help"});
  EXPECT_THAT(flag.out, HasSubstr("fclone sync"));
  RunResult v = s_.Run({"version"});
  EXPECT_THAT(v.out, HasSubstr("fclone v"));
  RunResult flags = s_.Run({"help", "flags"});
  EXPECT_THAT(flags.out, HasSubstr("--transfers int"));
}

TEST_F(FcloneTest, InteractiveAnswersComeOneLineEachFromStdin) {
  s_.Write("flat/a.txt", "a\n", kTime);
  s_.Write("flat/b.txt", "b\n", kTime);
  s_.Write("flat/c.txt", "c\n", kTime);
  // "n" skips the first file asked about, "!" copies every later one without asking.
  RunResult r = s_.Run({"copy", "-i", "--transfers", "1", s_.Path("flat"), s_.Path("idst")},
                       "n\n!\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  int questions = 0;
  for (size_t at = r.out.find("y/n/s/!/q> "); at != std::string::npos;
       at = r.out.find("y/n/s/!/q> ", at + 1)) {
    ++questions;
  }
  EXPECT_EQ(questions, 2) << r.out;
  EXPECT_THAT(r.err, HasSubstr("Doing all copy operations from now on without asking"));
  int copied = 0;
  for (const char* name : {"a.txt", "b.txt", "c.txt"}) {
    copied += s_.Exists(std::string("idst/") + name) ? 1 : 0;
  }
  EXPECT_EQ(copied, 2);
}

TEST_F(FcloneTest, DedupeNeedsATerminalForInteractive) {
  RunResult r = s_.Run({"dedupe", s_.Path("src")});
  EXPECT_EQ(r.exit_code, 2);
  RunResult list = s_.Run({"dedupe", "list", s_.Path("src")});
  EXPECT_EQ(list.exit_code, 0) << list.err;
  EXPECT_THAT(list.err, HasSubstr("Can't have duplicate names here"));
}

}  // namespace
}  // namespace fctest
