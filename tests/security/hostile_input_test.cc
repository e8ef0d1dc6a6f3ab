// Hostile and odd input through the real fclone binary (issue "never a hang, never a silently
// wrong copy"): symlink loops in a source tree, control characters in secrets, a plain-http API
// URL, and the process holding secrets being non-dumpable.
#include <fcntl.h>
#include <sched.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/integration/fclone_runner.h"

namespace {
namespace fs = std::filesystem;
using fctest::RunResult;
using fctest::Scratch;
using ::testing::HasSubstr;
using ::testing::Not;

TEST(HostileInputTest, SymlinkLoopsNeverHangAndAreSkippedByDefault) {
  Scratch s;
  s.Write("src/a.txt", "a");
  s.Write("src/d/b.txt", "b");
  fs::create_directory_symlink(".", s.Path("src/loop1"));
  fs::create_directory_symlink("..", s.Path("src/d/loop2"));
  fs::create_symlink("a.txt", s.Path("src/lnk"));

  RunResult list = s.Run({"lsf", "-R", s.Path("src")});
  EXPECT_EQ(list.exit_code, 0) << list.err;
  EXPECT_EQ(list.out, "a.txt\nd/\nd/b.txt\n");
  EXPECT_THAT(list.err, HasSubstr("NOTICE: loop1: Can't follow symlink without -L/--copy-links"));
  EXPECT_THAT(list.err, HasSubstr("NOTICE: d/loop2: Can't follow symlink without -L/--copy-links"));
  RunResult quiet = s.Run({"lsf", "-R", "--skip-links", s.Path("src")});
  EXPECT_EQ(quiet.err, "");

  RunResult copy = s.Run({"copy", s.Path("src"), s.Path("dst")});
  EXPECT_EQ(copy.exit_code, 0) << copy.err;
  EXPECT_EQ(fctest::ReadTree(s.dir() / "dst"),
            (std::map<std::string, std::string>{{"a.txt", "a"}, {"d/b.txt", "b"}}));

  // -L follows, and a loop is an error naming the path (it used to copy each file 41 times).
  RunResult follow = s.Run({"copy", "-L", "--retries", "1", s.Path("src"), s.Path("dst-L")});
  EXPECT_NE(follow.exit_code, 0);
  EXPECT_THAT(follow.err, HasSubstr(s.Path("src/loop1") + ": invalid argument: symlink loop"));
  EXPECT_EQ(s.Read("dst-L/lnk"), "a");
  EXPECT_FALSE(s.Exists("dst-L/loop1/a.txt"));

  // -l stores links as .rclonelink files, and makes them again.
  RunResult links = s.Run({"copy", "-l", s.Path("src"), ":memory:m"});
  EXPECT_EQ(links.exit_code, 0) << links.err;
  RunResult both = s.Run({"lsf", "-R", "-l", s.Path("src")});
  EXPECT_EQ(both.out, "a.txt\nd/\nd/b.txt\nd/loop2.rclonelink\nlnk.rclonelink\nloop1.rclonelink\n");
  RunResult back = s.Run({"copy", "-l", s.Path("src"), s.Path("dst-l")});
  EXPECT_EQ(back.exit_code, 0) << back.err;
  EXPECT_EQ(fs::read_symlink(s.Path("dst-l/loop1")).string(), ".");
  EXPECT_EQ(fs::read_symlink(s.Path("dst-l/d/loop2")).string(), "..");
}

TEST(HostileInputTest, SpecialFilesAreSkippedAndNamedAsSources) {
  Scratch s;
  s.Write("src/a.txt", "a");
  ASSERT_EQ(::mkfifo(s.Path("src/pipe").c_str(), 0600), 0);
  RunResult copy = s.Run({"copy", s.Path("src"), s.Path("dst")});
  EXPECT_EQ(copy.exit_code, 0) << copy.err;
  EXPECT_THAT(copy.err, HasSubstr("NOTICE: pipe: Can't transfer non file/directory"));
  RunResult fifo = s.Run({"copy", "--retries", "1", s.Path("src/pipe"), s.Path("dst2")});
  EXPECT_NE(fifo.exit_code, 0);
  EXPECT_THAT(fifo.err, HasSubstr(s.Path("src/pipe") + ": invalid argument: a fifo"));
  RunResult zero = s.Run({"lsf", "/dev/zero"});
  EXPECT_NE(zero.exit_code, 0);
  EXPECT_THAT(zero.err, HasSubstr("/dev/zero: invalid argument: a character device"));
  EXPECT_THAT(zero.err, Not(HasSubstr("directory not found")));
}

TEST(HostileInputTest, ControlCharactersInSecretsAreRefusedWithoutEchoingThem) {
  Scratch s;
  s.Write("rclone.conf", "[f]\ntype = fichier\napi_key = abc\rX-Injected: yes\n");
  RunResult conf = s.Run({"lsf", "f:"});
  EXPECT_NE(conf.exit_code, 0);
  EXPECT_THAT(conf.err, HasSubstr("api_key"));
  EXPECT_THAT(conf.err, HasSubstr("control character"));
  EXPECT_THAT(conf.err, Not(HasSubstr("X-Injected")));
  RunResult password =
      s.Run({"lsf", ":fichier,api_key=k,file_password='p\tsecretword':"});
  EXPECT_NE(password.exit_code, 0);
  EXPECT_THAT(password.err, HasSubstr("file_password"));
  EXPECT_THAT(password.err, Not(HasSubstr("secretword")));
}

TEST(HostileInputTest, PlainHttpApiUrlIsRefusedOffLoopback) {
  Scratch s;
  RunResult r = s.Run({"lsf", ":fichier,api_key=k,api_url='http://api.example.com/v1':"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_THAT(r.err, HasSubstr("api_url"));
  EXPECT_THAT(r.err, HasSubstr("plain http is refused"));
  RunResult other = s.Run({"lsf", ":fichier,api_key=k,api_url='ftp://127.0.0.1/v1':"});
  EXPECT_THAT(other.err, HasSubstr("must start with https://"));
}

// /proc/<pid>/* of a non-dumpable process belong to root; of a dumpable one, to its user. So
// fclone runs as nobody, and is caught in the middle of its run: it blocks opening a fifo given
// as --files-from until this test opens the other end.
TEST(HostileInputTest, TheProcessHoldingSecretsIsNotDumpable) {
  if (::geteuid() != 0) GTEST_SKIP() << "needs root to run fclone as another user";
  Scratch s;
  fs::permissions(s.dir(), fs::perms::all);
  std::string fifo = s.Path("names");
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0666), 0);
  ::chmod(fifo.c_str(), 0666);
  pid_t pid = ::fork();
  if (pid == 0) {
    if (::setgid(65534) != 0 || ::setuid(65534) != 0) _exit(126);
    ::setenv("HOME", s.dir().c_str(), 1);
    int null = ::open("/dev/null", O_RDWR);
    ::dup2(null, 0);
    ::dup2(null, 1);
    ::dup2(null, 2);
    std::string dir = s.dir().string();
    execl(FCLONE_PATH, FCLONE_PATH, "--config", "/dev/null", "--files-from", fifo.c_str(), "lsf",
          dir.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  ASSERT_GT(pid, 0);
  // Opening the writing end succeeds only once fclone has opened the reading end.
  int fd = -1;
  int status = 0;
  while (fd < 0) {
    fd = ::open(fifo.c_str(), O_WRONLY | O_NONBLOCK);
    if (fd < 0) {
      ASSERT_EQ(errno, ENXIO);
      ASSERT_EQ(::waitpid(pid, &status, WNOHANG), 0) << "fclone ended before opening the fifo";
      ::sched_yield();
    }
  }
  struct stat st;
  int stat_rc = ::stat(("/proc/" + std::to_string(pid) + "/environ").c_str(), &st);
  ::close(fd);
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  ASSERT_EQ(stat_rc, 0);
  EXPECT_EQ(st.st_uid, 0u) << "fclone is dumpable: its /proc files belong to its user";
}

}  // namespace
