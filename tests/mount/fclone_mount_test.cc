// The real `fclone mount` and `fclone serve http` against fichier-emulator: a 96 MiB file read
// through the mount with 60 random seeks and then in full, byte for byte, with at most 3
// get_token calls; a copy, a mkdir and an rm done in the mount found on the remote after
// `fusermount3 -u`, which ends fclone with exit 0 (as SIGTERM does); clear errors for a missing
// or non-empty mountpoint; serve http's listings, Range answers and basic auth. Every wait polls
// observable state with a bound. Needs /dev/fuse and fusermount3: fails without them.
#include <fcntl.h>
#include <httplib.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <random>
#include <regex>
#include <sstream>
#include <cstdlib>
#include <string>
#include <tuple>
#include <thread>
#include <vector>

#include "emulator/testing/emulator_process.h"
#include "tests/integration/fclone_runner.h"
#include "tests/support/process.h"

namespace fctest {
namespace {

using ::emulator::testing::EmulatorProcess;
using ::emulator::testing::kPremiumKey;
using ::testing::HasSubstr;

constexpr auto kBound = std::chrono::seconds(60);

// Polls every 20 ms, 3000 times at most (a minute).
bool PollUntil(const std::function<bool()>& ready) {
  for (int i = 0; i < 3000 && !ready(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  return ready();
}

// The line of /proc/self/mountinfo for the mount on `dir`; empty when nothing is mounted there.
std::string MountInfoLine(const std::string& dir) {
  std::ifstream in("/proc/self/mountinfo");
  std::string line;
  while (std::getline(in, line)) {
    if (line.find(" " + dir + " ") != std::string::npos) return line;
  }
  return "";
}

bool IsMounted(const std::string& dir) { return !MountInfoLine(dir).empty(); }

class MountTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // Missing FUSE is a failure with a reason, never a silent skip.
    ASSERT_EQ(access("/dev/fuse", R_OK | W_OK), 0)
        << "/dev/fuse is missing or not usable: the mount tests need FUSE (scripts/test installs "
           "fuse3; a container needs --device /dev/fuse)";
    ASSERT_EQ(std::system("command -v fusermount3 >/dev/null"), 0)
        << "fusermount3 is not installed (Debian package fuse3, see scripts/lib/packages.sh)";
    auto emu = EmulatorProcess::Start({"--quiet"});
    ASSERT_TRUE(emu.ok()) << emu.status();
    emu_ = std::move(*emu);
    RunResult r = AddEmulatorRemote(s_, emu_->api_url(), kPremiumKey);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    mountpoint_ = s_.Path("mnt");
    std::filesystem::create_directories(mountpoint_);
  }

  void TearDown() override {
    if (IsMounted(mountpoint_)) {
      std::system(("fusermount3 -u -z " + mountpoint_ + " 2>/dev/null").c_str());
    }
  }

  // Starts fclone with `args` (logging to <scratch>/<log>), killed if the test ends first.
  std::unique_ptr<test_support::Process> Start(std::vector<std::string> args,
                                               const std::string& log) {
    test_support::SpawnOptions o;
    o.argv = {FCLONE_PATH, "--config", s_.Path("rclone.conf"), "--log-file", s_.Path(log)};
    o.argv.insert(o.argv.end(), args.begin(), args.end());
    o.set_env = {"HOME=" + s_.dir().string(), "TZ=UTC"};
    o.unset_env = {"RCLONE_CONFIG", "XDG_CACHE_HOME"};
    o.out = test_support::Output::Null();
    o.err = test_support::Output::Capture();
    o.kill_with_parent = true;
    return test_support::Process::Spawn(o);
  }

  std::unique_ptr<test_support::Process> Mount(std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"mount", "f:", mountpoint_, "-v"};
    args.insert(args.end(), extra.begin(), extra.end());
    auto p = Start(args, "mount.log");
    EXPECT_NE(p, nullptr);
    bool up = PollUntil([&] { return IsMounted(mountpoint_) || !p->Running(); });
    EXPECT_TRUE(up && IsMounted(mountpoint_)) << s_.Read("mount.log");
    return p;
  }

  // fusermount3 -u, then the exit code of the mount process.
  int Unmount(test_support::Process& p) {
    EXPECT_EQ(std::system(("fusermount3 -u " + mountpoint_).c_str()), 0);
    std::optional<int> code = p.WaitFor(kBound);
    EXPECT_TRUE(code.has_value()) << "fclone mount still running after fusermount3 -u";
    return code.value_or(-1);
  }

  int64_t TokenCalls() {
    auto stats = emu_->Stats();
    EXPECT_TRUE(stats.ok()) << stats.status();
    return stats.ok() ? (*stats)["/v1/download/get_token.cgi"] : -1;
  }

  Scratch s_;
  std::unique_ptr<EmulatorProcess> emu_;
  std::string mountpoint_;
};

TEST_F(MountTest, RandomSeeksThenFullReadMatchWithAtMostThreeTokenCalls) {
  const std::string data = RandomBytes(96 << 20, 42);
  s_.Write("movie.mkv", data);
  RunResult up = s_.Run({"copyto", s_.Path("movie.mkv"), "f:media/movie.mkv"});
  ASSERT_EQ(up.exit_code, 0) << up.err;
  ASSERT_TRUE(emu_->ResetStats().ok());

  auto p = Mount({"--read-only"});
  ASSERT_TRUE(IsMounted(mountpoint_));
  const std::string file = mountpoint_ + "/media/movie.mkv";
  ASSERT_EQ(std::filesystem::file_size(file), data.size());
  int fd = open(file.c_str(), O_RDONLY);
  ASSERT_GE(fd, 0) << strerror(errno);
  std::mt19937 rng(2024);
  std::string buf(1 << 20, '\0');
  for (int i = 0; i < 60; ++i) {
    const size_t len = 4096 + rng() % ((1 << 20) - 4096 + 1);
    const size_t off = rng() % (data.size() - len);
    ssize_t n = pread(fd, buf.data(), len, static_cast<off_t>(off));
    ASSERT_EQ(n, static_cast<ssize_t>(len)) << "seek " << i;
    ASSERT_TRUE(std::equal(buf.begin(), buf.begin() + n, data.begin() + off))
        << "seek " << i << " at " << off;
  }
  close(fd);
  EXPECT_TRUE(s_.Read(file) == data) << "the full read differs";
  const int64_t tokens = TokenCalls();
  EXPECT_LE(tokens, 3);
  EXPECT_GE(tokens, 1);
  std::cerr << "get_token calls for 60 seeks and a full read: " << tokens << "\n";
  EXPECT_EQ(Unmount(*p), 0) << s_.Read("mount.log");
}

// --vfs-cache-mode full, as media servers run it: a library scan reads a file's head, playback
// reads it all; played again, nothing is downloaded (the kernel drops its page cache at each
// open, so every read reaches fclone), nor after the next mount.
TEST_F(MountTest, FullCacheModeDownloadsWhatIsReadOnce) {
  const std::string data = RandomBytes(8 << 20, 77);
  s_.Write("ep1.mkv", data);
  ASSERT_EQ(s_.Run({"copyto", s_.Path("ep1.mkv"), "f:tv/ep1.mkv"}).exit_code, 0);
  auto p = Mount({"--vfs-cache-mode", "full"});
  ASSERT_TRUE(IsMounted(mountpoint_));
  const std::string file = mountpoint_ + "/tv/ep1.mkv";
  int fd = open(file.c_str(), O_RDONLY);
  ASSERT_GE(fd, 0) << strerror(errno);
  std::string head(64 << 10, '\0');
  ASSERT_EQ(pread(fd, head.data(), head.size(), 0), static_cast<ssize_t>(head.size()));
  EXPECT_TRUE(head == data.substr(0, head.size()));
  close(fd);
  EXPECT_TRUE(s_.Read(file) == data) << "the first full read differs";
  ASSERT_TRUE(emu_->ResetStats().ok());
  EXPECT_TRUE(s_.Read(file) == data) << "the second full read differs";
  auto stats = emu_->Stats();
  ASSERT_TRUE(stats.ok()) << stats.status();
  EXPECT_EQ((*stats)["download"], 0) << "played again: served from the cache";
  EXPECT_EQ((*stats)["/v1/download/get_token.cgi"], 0);
  EXPECT_EQ(Unmount(*p), 0) << s_.Read("mount.log");
  // Mounted again (a restart of the server or the machine): the copy is still used.
  p = Mount({"--vfs-cache-mode", "full"});
  ASSERT_TRUE(IsMounted(mountpoint_));
  EXPECT_TRUE(s_.Read(file) == data) << "the read after a new mount differs";
  stats = emu_->Stats();
  ASSERT_TRUE(stats.ok()) << stats.status();
  EXPECT_EQ((*stats)["download"], 0) << "after a new mount: served from the kept copy";
  EXPECT_EQ(Unmount(*p), 0) << s_.Read("mount.log");
}

// SIGHUP forgets the directory cache, as rclone's mount does: a file uploaded elsewhere shows
// at once despite --dir-cache-time 1h, and the mount goes on. The same through crypt, whose
// listings are the fichier remote's underneath.
TEST_F(MountTest, SighupShowsNewRemoteFilesAtOnce) {
  ASSERT_EQ(s_.Run({"config", "create", "c", "crypt", "remote", "f:vault", "password", "pw"})
                .exit_code,
            0);
  s_.Write("one.txt", "1");
  for (const std::string remote : {"f:", "c:"}) {
    SCOPED_TRACE(remote);
    ASSERT_EQ(s_.Run({"copyto", s_.Path("one.txt"), remote + "lib/one.txt"}).exit_code, 0);
    auto p = Start({"mount", remote, mountpoint_, "--dir-cache-time", "1h", "-vv"}, "mount.log");
    ASSERT_TRUE(PollUntil([&] { return IsMounted(mountpoint_) || !p->Running(); }));
    const std::string lib = mountpoint_ + "/lib";
    EXPECT_TRUE(std::filesystem::exists(lib + "/one.txt"));
    ASSERT_EQ(s_.Run({"copyto", s_.Path("one.txt"), remote + "lib/two.txt"}).exit_code, 0);
    EXPECT_FALSE(std::filesystem::exists(lib + "/two.txt")) << "still the cached listing";
    p->Signal(SIGHUP);
    EXPECT_TRUE(PollUntil([&] { return std::filesystem::exists(lib + "/two.txt"); }))
        << s_.Read("mount.log");
    EXPECT_TRUE(p->Running());
    EXPECT_THAT(s_.Read("mount.log"), HasSubstr("forgetting directory cache"));
    EXPECT_EQ(Unmount(*p), 0) << s_.Read("mount.log");
  }
}

// A mount killed (SIGKILL: no unmount, no flush) after a file was written and closed, before
// its upload: the next mount uploads it. The record is written at close, after the bytes are
// synced, so even a power cut after the close would not lose the file.
TEST_F(MountTest, FileWrittenBeforeAKillIsUploadedByTheNextMount) {
  const std::string body = RandomBytes(1 << 20, 31);
  s_.Write("report.bin", body);
  auto p = Mount({"--vfs-cache-mode", "writes", "--vfs-write-back", "1h"});
  ASSERT_TRUE(IsMounted(mountpoint_));
  std::filesystem::copy_file(s_.Path("report.bin"), mountpoint_ + "/report.bin");
  // The kernel sends the release after close(2) returns: wait for the record it writes.
  const std::string record = s_.Path(".cache/fclone/vfsMeta/f/report.bin");
  ASSERT_TRUE(PollUntil([&] { return std::filesystem::exists(record); })) << s_.Read("mount.log");
  p->Kill();
  std::system(("fusermount3 -u -z " + mountpoint_ + " 2>/dev/null").c_str());
  EXPECT_EQ(s_.Run({"lsf", "f:"}).out, "") << "not uploaded before the kill";

  p = Mount({"--vfs-cache-mode", "writes"});
  ASSERT_TRUE(IsMounted(mountpoint_));
  EXPECT_EQ(Unmount(*p), 0) << s_.Read("mount.log");  // uploads what is pending
  EXPECT_THAT(s_.Read("mount.log"), HasSubstr("written but not uploaded by an earlier run"));
  RunResult cat = s_.Run({"cat", "f:report.bin"});
  ASSERT_EQ(cat.exit_code, 0) << cat.err;
  EXPECT_TRUE(cat.out == body);
  EXPECT_FALSE(std::filesystem::exists(record));
}

TEST_F(MountTest, CopyMkdirAndRmShowOnTheRemoteAfterUnmount) {
  s_.Write("old.txt", "old content\n");
  ASSERT_EQ(s_.Run({"copyto", s_.Path("old.txt"), "f:box/old.txt"}).exit_code, 0);
  const std::string body = RandomBytes(3 << 20, 9);
  s_.Write("new.bin", body);

  auto p = Mount({"--vfs-cache-mode", "full"});
  ASSERT_TRUE(IsMounted(mountpoint_));
  std::filesystem::copy_file(s_.Path("new.bin"), mountpoint_ + "/box/new.bin");
  std::filesystem::create_directory(mountpoint_ + "/box/made");
  ASSERT_TRUE(std::filesystem::remove(mountpoint_ + "/box/old.txt"));
  // Visible at once, before any upload.
  EXPECT_EQ(std::filesystem::file_size(mountpoint_ + "/box/new.bin"), body.size());
  EXPECT_TRUE(s_.Read(mountpoint_ + "/box/new.bin") == body);
  EXPECT_FALSE(std::filesystem::exists(mountpoint_ + "/box/old.txt"));
  EXPECT_EQ(Unmount(*p), 0) << s_.Read("mount.log");

  RunResult ls = s_.Run({"lsf", "-R", "f:box"});
  ASSERT_EQ(ls.exit_code, 0) << ls.err;
  EXPECT_EQ(ls.out, "made/\nnew.bin\n");
  RunResult cat = s_.Run({"cat", "f:box/new.bin"});
  ASSERT_EQ(cat.exit_code, 0) << cat.err;
  EXPECT_TRUE(cat.out == body);
}

TEST_F(MountTest, SequentialCopyWithoutCacheAndSigtermExitsZero) {
  auto p = Mount();
  ASSERT_TRUE(IsMounted(mountpoint_));
  const std::string body = RandomBytes(300000, 5);
  s_.Write("plain.bin", body);
  std::filesystem::copy_file(s_.Path("plain.bin"), mountpoint_ + "/plain.bin");
  EXPECT_TRUE(s_.Read(mountpoint_ + "/plain.bin") == body);
  p->Signal(SIGTERM);
  std::optional<int> code = p->WaitFor(kBound);
  ASSERT_TRUE(code.has_value());
  EXPECT_EQ(*code, 0) << s_.Read("mount.log");
  EXPECT_FALSE(IsMounted(mountpoint_));
  RunResult cat = s_.Run({"cat", "f:plain.bin"});
  EXPECT_TRUE(cat.out == body);
}

// A media server's unit file, flags as people write them for rclone: every one is taken;
// the modes come from --dir-perms/--file-perms less --umask, and -o reaches the kernel.
TEST_F(MountTest, MediaServerCommandLineMountsWithItsModesAndOptions) {
  s_.Write("up/film.mkv", "frames\n");
  ASSERT_EQ(s_.Run({"copy", s_.Path("up"), "f:media"}).exit_code, 0);
  auto p = Mount({"--allow-non-empty", "--dir-cache-time", "1000h", "--poll-interval", "15s",
                  "--umask", "002", "--dir-perms", "0750", "--file-perms", "0640",
                  "--vfs-cache-mode", "full", "--vfs-cache-max-size", "10G",
                  "--vfs-cache-max-age", "336h", "--vfs-cache-poll-interval", "30s",
                  "--buffer-size", "64M", "--vfs-read-ahead", "256M", "--async-read=true",
                  "--use-mmap", "--no-modtime", "--vfs-fast-fingerprint",
                  "--max-read-ahead", "256k", "-o", "noatime", "--read-only"});
  ASSERT_TRUE(IsMounted(mountpoint_));
  struct stat dir_st {}, file_st {};
  ASSERT_EQ(stat((mountpoint_ + "/media").c_str(), &dir_st), 0);
  ASSERT_EQ(stat((mountpoint_ + "/media/film.mkv").c_str(), &file_st), 0);
  EXPECT_EQ(dir_st.st_mode & 07777, 0750u);
  EXPECT_EQ(file_st.st_mode & 07777, 0640u);
  EXPECT_EQ(s_.Read(mountpoint_ + "/media/film.mkv"), "frames\n");
  EXPECT_THAT(MountInfoLine(mountpoint_), HasSubstr("noatime"));
  EXPECT_EQ(Unmount(*p), 0) << s_.Read("mount.log");
}

TEST_F(MountTest, BadPermissionBitsAreAClearError) {
  RunResult r = s_.Run({"mount", "f:", mountpoint_, "--dir-perms", "0999"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("invalid --dir-perms \"0999\""));
  EXPECT_FALSE(IsMounted(mountpoint_));
}

TEST_F(MountTest, DaemonReturnsOnceMountedAndUnmountEndsIt) {
  s_.Write("up/a.txt", "daemon\n");
  ASSERT_EQ(s_.Run({"copy", s_.Path("up"), "f:d"}).exit_code, 0);
  RunResult r = s_.Run({"mount", "f:", mountpoint_, "--daemon", "--read-only"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(IsMounted(mountpoint_)) << "--daemon returned before the mount was live";
  EXPECT_EQ(s_.Read(mountpoint_ + "/d/a.txt"), "daemon\n");
  EXPECT_EQ(std::system(("fusermount3 -u " + mountpoint_).c_str()), 0);
  EXPECT_FALSE(IsMounted(mountpoint_));
}

// --daemon-wait as in rclone 1.60 (checked live): 0 returns at once and the mount comes up
// behind; a wait too short for the mount is "mount not ready", and the daemon is stopped, so
// no mount appears later. The daemon is held before it can mount (its first API call, finding
// folder d, stalls for a minute), so the outcome does not depend on how fast the machine is.
TEST_F(MountTest, DaemonWaitZeroReturnsAtOnceAndTooShortAWaitStopsTheDaemon) {
  ASSERT_EQ(s_.Run({"mkdir", "f:d"}).exit_code, 0);
  ASSERT_TRUE(emu_->AddFault("*:stall:60000@1").ok());
  RunResult late = s_.Run({"mount", "f:d", mountpoint_, "--daemon", "--daemon-wait", "200ms"});
  EXPECT_EQ(late.exit_code, 1) << late.err;
  EXPECT_THAT(late.err, HasSubstr("mount not ready"));
  EXPECT_FALSE(IsMounted(mountpoint_)) << "the daemon was not stopped";
  ASSERT_TRUE(emu_->ClearFaults().ok());

  RunResult now = s_.Run({"mount", "f:", mountpoint_, "--daemon", "--daemon-wait", "0"});
  ASSERT_EQ(now.exit_code, 0) << now.err;
  EXPECT_TRUE(PollUntil([&] { return IsMounted(mountpoint_); }));
  EXPECT_EQ(std::system(("fusermount3 -u " + mountpoint_).c_str()), 0);
}

// df on a mount shows the account's space (About: the emulator's cold storage), as rclone's
// mount does, instead of a made-up 1 PiB; --devname names the mount's source.
TEST_F(MountTest, DfShowsTheAccountsSpaceAndDevnameTheSource) {
  s_.Write("up/a.bin", std::string(100000, 'a'));
  ASSERT_EQ(s_.Run({"copy", s_.Path("up"), "f:d"}).exit_code, 0);
  RunResult about = s_.Run({"about", "f:", "--json"});
  ASSERT_EQ(about.exit_code, 0) << about.err;
  auto number = [&](const std::string& key) {
    size_t at = about.out.find("\"" + key + "\":");
    EXPECT_NE(at, std::string::npos) << about.out;
    return at == std::string::npos ? -1 : std::stoll(about.out.substr(at + key.size() + 3));
  };
  const int64_t total = number("total");
  const int64_t free = number("free");
  ASSERT_GT(total, 0);
  auto p = Mount({"--devname", "my1fichier"});
  struct statvfs st {};
  ASSERT_EQ(statvfs(mountpoint_.c_str(), &st), 0);
  EXPECT_EQ(static_cast<int64_t>(st.f_blocks), total / 4096);
  EXPECT_EQ(static_cast<int64_t>(st.f_bfree), free / 4096);
  EXPECT_EQ(static_cast<int64_t>(st.f_bavail), free / 4096);
  EXPECT_THAT(MountInfoLine(mountpoint_), HasSubstr(" - fuse.fclone my1fichier "));
  EXPECT_EQ(Unmount(*p), 0) << s_.Read("mount.log");
}

TEST_F(MountTest, MissingOrNonEmptyMountpointIsAClearError) {
  RunResult missing = s_.Run({"mount", "f:", s_.Path("nowhere")});
  EXPECT_NE(missing.exit_code, 0);
  EXPECT_THAT(missing.err, HasSubstr("does not exist"));
  s_.Write("full/file.txt", "x");
  RunResult full = s_.Run({"mount", "f:", s_.Path("full")});
  EXPECT_NE(full.exit_code, 0);
  EXPECT_THAT(full.err, HasSubstr("directory is not empty"));
  EXPECT_THAT(full.err, HasSubstr("--allow-non-empty"));
}

// A cache with nowhere to live (no --cache-dir, $HOME or $XDG_CACHE_HOME) is a usage error, also
// for a read-only mount in full mode, which caches what it reads.
TEST_F(MountTest, FullModeWithoutACacheFolderIsAClearError) {
  test_support::SpawnOptions o;
  o.argv = {FCLONE_PATH, "--config", s_.Path("rclone.conf"), "mount", "f:", mountpoint_,
            "--read-only", "--vfs-cache-mode", "full"};
  o.unset_env = {"HOME", "XDG_CACHE_HOME", "RCLONE_CONFIG"};
  o.out = test_support::Output::Null();
  o.err = test_support::Output::Capture();
  o.kill_with_parent = true;
  auto p = test_support::Process::Spawn(o);
  ASSERT_NE(p, nullptr);
  std::optional<int> code = p->WaitFor(kBound);
  EXPECT_EQ(code, 2);
  EXPECT_THAT(p->err(), HasSubstr("--vfs-cache-mode needs --cache-dir"));
  EXPECT_FALSE(IsMounted(mountpoint_));
}

// The "Serving on http://127.0.0.1:PORT/" line of the log: the port, or 0.
int ServingPort(const std::string& log) {
  static const std::regex kServing(R"(Serving on http://127\.0\.0\.1:([0-9]+)/)");
  std::smatch m;
  return std::regex_search(log, m, kServing) ? std::stoi(m[1].str()) : 0;
}

// Waits until the serve started as `p` (logging to serve.log) says where it listens; its port,
// 0 if it ended first.
int ServedPort(const Scratch& s, test_support::Process& p) {
  int port = 0;
  PollUntil([&] {
    port = ServingPort(s.Read("serve.log"));
    return port != 0 || !p.Running();
  });
  return port;
}

TEST_F(MountTest, ServeHttpListsFoldersAndAnswersRanges) {
  const std::string data = RandomBytes(2 << 20, 3);
  s_.Write("media/clip.mp4", data);
  ASSERT_EQ(s_.Run({"copy", s_.Path("media"), "f:shows/s1"}).exit_code, 0);
  auto p = Start({"serve", "http", "f:", "--addr", "127.0.0.1:0", "--user", "u", "--pass", "pw"},
                 "serve.log");
  const int port = ServedPort(s_, *p);
  ASSERT_NE(port, 0) << s_.Read("serve.log");

  httplib::Client anonymous("127.0.0.1", port);
  auto denied = anonymous.Get("/");
  ASSERT_TRUE(denied);
  EXPECT_EQ(denied->status, 401);

  httplib::Client c("127.0.0.1", port);
  c.set_basic_auth("u", "pw");
  auto root = c.Get("/", {{"Accept", "application/json"}});
  ASSERT_TRUE(root);
  EXPECT_EQ(root->status, 200);
  EXPECT_THAT(root->body, HasSubstr(R"("Name":"shows")"));
  EXPECT_THAT(root->body, HasSubstr(R"("IsDir":true)"));
  auto html = c.Get("/shows/s1/");
  ASSERT_TRUE(html);
  EXPECT_EQ(html->status, 200);
  EXPECT_THAT(html->body, HasSubstr("<a href=\"clip.mp4\">clip.mp4</a>"));

  auto part = c.Get("/shows/s1/clip.mp4", {{"Range", "bytes=1000000-1065535"}});
  ASSERT_TRUE(part);
  EXPECT_EQ(part->status, 206);
  EXPECT_EQ(part->get_header_value("Content-Range"),
            "bytes 1000000-1065535/" + std::to_string(data.size()));
  EXPECT_EQ(part->get_header_value("Content-Type"), "video/mp4");
  EXPECT_FALSE(part->get_header_value("ETag").empty());
  EXPECT_FALSE(part->get_header_value("Last-Modified").empty());
  EXPECT_TRUE(part->body == data.substr(1000000, 65536));
  auto past = c.Get("/shows/s1/clip.mp4", {{"Range", "bytes=9999999-"}});
  ASSERT_TRUE(past);
  EXPECT_EQ(past->status, 416);
  auto whole = c.Get("/shows/s1/clip.mp4");
  ASSERT_TRUE(whole);
  EXPECT_EQ(whole->status, 200);
  EXPECT_TRUE(whole->body == data);
  auto missing = c.Get("/shows/none.mp4");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);

  p->Signal(SIGINT);
  std::optional<int> code = p->WaitFor(kBound);
  ASSERT_TRUE(code.has_value());
  EXPECT_EQ(*code, 0) << s_.Read("serve.log");
}

// --baseurl (as rclone: "media", "/media" and "/media/" are one prefix): everything is served
// under /media/, the log's URL says so, and paths outside it are not found.
TEST_F(MountTest, ServeHttpUnderABaseUrl) {
  s_.Write("base/a.txt", "under a prefix\n");
  ASSERT_EQ(s_.Run({"copy", s_.Path("base"), "f:docs"}).exit_code, 0);
  auto p = Start({"serve", "http", "f:", "--addr", "127.0.0.1:0", "--baseurl", "media/"},
                 "serve.log");
  const int port = ServedPort(s_, *p);
  ASSERT_NE(port, 0) << s_.Read("serve.log");
  EXPECT_THAT(s_.Read("serve.log"), HasSubstr(":" + std::to_string(port) + "/media/"));

  httplib::Client c("127.0.0.1", port);
  auto listing = c.Get("/media/docs/");
  ASSERT_TRUE(listing);
  EXPECT_EQ(listing->status, 200);
  EXPECT_THAT(listing->body, HasSubstr("<a href=\"a.txt\">a.txt</a>"));
  auto file = c.Get("/media/docs/a.txt");
  ASSERT_TRUE(file);
  EXPECT_EQ(file->status, 200);
  EXPECT_EQ(file->body, "under a prefix\n");
  for (const char* outside : {"/", "/docs/", "/docs/a.txt", "/media", "/mediadocs/"}) {
    auto r = c.Get(outside);
    ASSERT_TRUE(r) << outside;
    EXPECT_EQ(r->status, 404) << outside;
  }

  p->Signal(SIGINT);
  std::optional<int> code = p->WaitFor(kBound);
  ASSERT_TRUE(code.has_value());
  EXPECT_EQ(*code, 0) << s_.Read("serve.log");
}

// --htpasswd: users of an htpasswd file (`openssl passwd -apr1` here) get in, a wrong password
// or an unknown user gets 401; a missing file stops serve before it listens.
TEST_F(MountTest, ServeHttpWithAnHtpasswdFile) {
  s_.Write("pw/a.txt", "members only\n");
  ASSERT_EQ(s_.Run({"copy", s_.Path("pw"), "f:club"}).exit_code, 0);
  s_.Write("htpasswd", "jf:$apr1$abcdefgh$5VEbMkemELfbhC5ck.U.z1\n");
  auto p = Start({"serve", "http", "f:", "--addr", "127.0.0.1:0", "--htpasswd", s_.Path("htpasswd")},
                 "serve.log");
  const int port = ServedPort(s_, *p);
  ASSERT_NE(port, 0) << s_.Read("serve.log");
  for (const auto& [user, pass, status] : std::vector<std::tuple<std::string, std::string, int>>{
           {"jf", "pw", 200}, {"jf", "pW", 401}, {"other", "pw", 401}, {"", "", 401}}) {
    httplib::Client c("127.0.0.1", port);
    if (!user.empty()) c.set_basic_auth(user, pass);
    auto r = c.Get("/club/a.txt");
    ASSERT_TRUE(r) << user;
    EXPECT_EQ(r->status, status) << user << ":" << pass;
    if (status == 200) EXPECT_EQ(r->body, "members only\n");
  }
  p->Signal(SIGINT);
  std::optional<int> code = p->WaitFor(kBound);
  ASSERT_TRUE(code.has_value());
  EXPECT_EQ(*code, 0) << s_.Read("serve.log");

  RunResult missing = s_.Run({"serve", "http", "f:", "--addr", "127.0.0.1:0", "--htpasswd",
                              s_.Path("nope")});
  EXPECT_NE(missing.exit_code, 0);
  EXPECT_THAT(missing.err, HasSubstr("can't read htpasswd file"));
}

// --cert/--key: HTTPS with the given certificate (a throw-away self-signed one for 127.0.0.1;
// openssl is a declared dependency), verified by the client; one without the other, or a file
// that is not PEM, stops serve before it listens.
TEST_F(MountTest, ServeHttpsWithACertificate) {
  s_.Write("tls/a.txt", "over tls\n");
  ASSERT_EQ(s_.Run({"copy", s_.Path("tls"), "f:sec"}).exit_code, 0);
  const std::string cert = s_.Path("cert.pem"), key = s_.Path("key.pem");
  const std::string make = "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost"
                           " -addext subjectAltName=IP:127.0.0.1 -keyout " + key + " -out " + cert +
                           " >/dev/null 2>&1";
  ASSERT_EQ(std::system(make.c_str()), 0);
  auto p = Start({"serve", "http", "f:", "--addr", "127.0.0.1:0", "--cert", cert, "--key", key},
                 "serve.log");
  static const std::regex kServing(R"(Serving on https://127\.0\.0\.1:([0-9]+)/)");
  int port = 0;
  PollUntil([&] {
    std::smatch m;
    const std::string log = s_.Read("serve.log");
    if (std::regex_search(log, m, kServing)) port = std::stoi(m[1].str());
    return port != 0 || !p->Running();
  });
  ASSERT_NE(port, 0) << s_.Read("serve.log");
  httplib::Client c("https://127.0.0.1:" + std::to_string(port));
  c.set_ca_cert_path(cert.c_str());
  c.enable_server_certificate_verification(true);
  auto r = c.Get("/sec/a.txt");
  ASSERT_TRUE(r) << httplib::to_string(r.error());
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "over tls\n");
  p->Signal(SIGINT);
  std::optional<int> code = p->WaitFor(kBound);
  ASSERT_TRUE(code.has_value());
  EXPECT_EQ(*code, 0) << s_.Read("serve.log");

  RunResult alone = s_.Run({"serve", "http", "f:", "--addr", "127.0.0.1:0", "--cert", cert});
  EXPECT_NE(alone.exit_code, 0);
  EXPECT_THAT(alone.err, HasSubstr("--cert and --key go together"));
  RunResult bad = s_.Run({"serve", "http", "f:", "--addr", "127.0.0.1:0", "--cert",
                          s_.Path("tls/a.txt"), "--key", key});
  EXPECT_NE(bad.exit_code, 0);
  EXPECT_THAT(bad.err, HasSubstr("can't use --cert"));
}

}  // namespace
}  // namespace fctest
