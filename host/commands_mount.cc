// mount: the remote as a FUSE3 filesystem (rclone mount). Runs until the mountpoint is
// unmounted (fusermount3 -u) or fclone gets SIGINT/SIGTERM, which unmount it; pending uploads
// are finished (or reported) before it exits 0. --daemon runs the same command again in the
// background and returns once the mountpoint is live.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "base/cancel.h"
#include "base/clock.h"
#include "host/command.h"
#include "host/commands_mount_flags.h"
#include "host/exit_code.h"
#include "host/stop_signals.h"
#include "mount/fuse_mount.h"
#include "vfs/log.h"

extern char** environ;

namespace fclone {
namespace {

struct MountFlags {
  VfsFlags vfs;
  mount::FuseOptions fuse;  // the flags' values; mountpoint and name come from the arguments
  bool daemon = false;
  absl::Duration daemon_wait = absl::Minutes(1);  // how long --daemon waits for the mount
  std::string devname;                            // the mount's source; default remote:path
  // macOS/FreeBSD/Windows only in rclone (--volname, --noappledouble, ...): accepted, nothing
  // to do on Linux (flags_accepted.cc).
  AcceptedFlagValues accepted;
};

void AddMountFlags(FlagSet& f, MountFlags& x) {
  AddVfsFlags(f, x.vfs);
  f.Bool("allow-other", 0, &x.fuse.allow_other, "Allow access to other users (not root)");
  f.Bool("allow-non-empty", 0, &x.fuse.allow_non_empty,
         "Allow mounting over a non-empty directory (not supported on Windows)");
  f.Bool("daemon", 0, &x.daemon, "Run mount in background and exit parent process");
  f.Bool("debug-fuse", 0, &x.fuse.debug, "Debug the FUSE internals - needs -v");
  f.Bool("allow-root", 0, &x.fuse.allow_root,
         "Allow access to root user (not supported on Windows)");
  f.Bool("default-permissions", 0, &x.fuse.default_permissions,
         "Makes kernel enforce access control based on the file mode (not supported on Windows)");
  f.Bool("write-back-cache", 0, &x.fuse.write_back_cache,
         "Makes kernel buffer writes before sending them to rclone (without this, "
         "writethrough caching is used) (not supported on Windows)");
  f.Bool("async-read", 0, &x.fuse.async_read,
         "Use asynchronous reads (not supported on Windows) (default true)");
  f.Size("max-read-ahead", 0, &x.fuse.max_read_ahead,
         "The number of bytes that can be prefetched for sequential reads (not supported on "
         "Windows)");
  f.StringList("option", 'o', &x.fuse.options, "Option for libfuse/WinFsp (repeat if required)");
  f.StringList("fuse-flag", 0, &x.fuse.fuse_flags,
               "Flags or arguments to be passed direct to libfuse/WinFsp (repeat if required)");
  f.Duration("daemon-wait", 0, &x.daemon_wait,
             "Time to wait for ready mount from daemon (maximum time on Linux, constant sleep "
             "time on OSX/BSD) (not supported on Windows)");
  f.String("devname", 0, &x.devname, "Set the device name - default is remote:path");
  AddAcceptedMountFlags(f, x.accepted);
}

// Whether `mountpoint` is a mount point now (its line in /proc/self/mountinfo).
bool IsMounted(const std::string& mountpoint) {
  char resolved[PATH_MAX];
  std::string want = realpath(mountpoint.c_str(), resolved) ? resolved : mountpoint;
  std::ifstream in("/proc/self/mountinfo");
  std::string line;
  while (std::getline(in, line)) {
    std::vector<std::string> fields = absl::StrSplit(line, ' ');
    if (fields.size() > 4 && fields[4] == want) return true;
  }
  return false;
}

// --daemon: runs this same command line without --daemon in a new session, detached from the
// terminal, and waits (at most --daemon-wait; 0 = not at all, as rclone) for it to mount or fail.
absl::Status Daemonize(const std::string& mountpoint, absl::Duration wait) {
  std::ifstream in("/proc/self/cmdline", std::ios::binary);
  std::stringstream raw;
  raw << in.rdbuf();
  std::vector<std::string> args = absl::StrSplit(raw.str(), '\0', absl::SkipEmpty());
  std::vector<char*> argv;
  for (std::string& a : args) {
    if (a != "--daemon" && a != "--daemon=true") argv.push_back(a.data());
  }
  argv.push_back(nullptr);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSID);
  posix_spawn_file_actions_t files;
  posix_spawn_file_actions_init(&files);
  for (int fd = 0; fd <= 2; ++fd) {
    posix_spawn_file_actions_addopen(&files, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0);
  }
  pid_t pid = -1;
  int rc = posix_spawn(&pid, "/proc/self/exe", &files, &attr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&files);
  posix_spawnattr_destroy(&attr);
  if (rc != 0) return absl::InternalError(absl::StrCat("can't start the daemon: ", strerror(rc)));
  if (wait <= absl::ZeroDuration()) return absl::OkStatus();
  const absl::Time end = base::Clock::Real()->Now() + wait;
  while (base::Clock::Real()->Now() < end) {
    int status = 0;
    if (waitpid(pid, &status, WNOHANG) == pid) {
      return absl::FailedPreconditionError(
          absl::StrCat("the mount daemon exited with code ",
                       WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status),
                       " before mounting (run without --daemon, or with --log-file, to see why)"));
    }
    if (IsMounted(mountpoint)) return absl::OkStatus();
    if (!base::Clock::Real()->Wait(absl::Milliseconds(50)).ok()) break;
  }
  // As rclone does: a daemon that is not ready in time is stopped (SIGTERM unmounts cleanly
  // should it mount now), so no mount appears later behind the user's back.
  kill(pid, SIGTERM);
  const absl::Time give_up = base::Clock::Real()->Now() + absl::Seconds(10);
  while (waitpid(pid, nullptr, WNOHANG) == 0) {
    if (base::Clock::Real()->Now() >= give_up) {
      kill(pid, SIGKILL);
      waitpid(pid, nullptr, 0);
      break;
    }
    (void)base::Clock::Real()->Wait(absl::Milliseconds(50));
  }
  return absl::FailedPreconditionError(
      absl::StrCat("mount not ready: the daemon did not mount within ", absl::FormatDuration(wait),
                   " (--daemon-wait), so it was stopped"));
}

absl::Status RunMount(CommandEnv& env, const MountFlags& f) {
  mount::FuseOptions fo = f.fuse;
  fo.mountpoint = env.args[1];
  fo.fs_name = f.devname.empty() ? env.args[0] : f.devname;
  // Mountpoint problems first: they need no remote.
  if (absl::Status st = mount::CheckMountpoint(fo); !st.ok()) return st;
  if (f.daemon) return Daemonize(fo.mountpoint, f.daemon_wait);
  absl::StatusOr<OpenedRemote> r = OpenArg(env, 0);
  if (!r.ok()) return r.status();
  if (!r->file.empty()) {
    return vfs::BadInput(
        "", absl::StrCat("can't mount a file: ", env.args[0], " (mount the directory it is in)"));
  }
  absl::StatusOr<std::unique_ptr<mount::Vfs>> v = MakeVfs(r->fs, f.vfs);
  if (!v.ok()) return v.status();
  absl::StatusOr<std::unique_ptr<mount::FuseMount>> m = mount::FuseMount::Mount(v->get(), fo);
  if (!m.ok()) return m.status();
  vfs::Log(vfs::LogLevel::kInfo, "", absl::StrCat("Mounted ", env.args[0], " on ", fo.mountpoint));

  // SIGHUP: new files on the remote show at once (rclone's mount does the same).
  SetHangupHandler([vfs = v->get()] { vfs->ForgetDirectoryCache(); });
  // A stop signal unmounts; the serving loop then ends as for fusermount3 -u.
  absl::Status served_status =
      ServeUntilStopped([&] { return (*m)->Serve(); }, [&] { (*m)->Unmount(); });
  SetHangupHandler(nullptr);
  vfs::Log(vfs::LogLevel::kInfo, "", absl::StrCat("Unmounted ", fo.mountpoint));
  std::vector<std::string> failed = (*v)->Flush();
  m->reset();
  v->reset();
  if (!served_status.ok()) return served_status;
  if (!failed.empty()) {
    for (const std::string& f : failed) vfs::Log(vfs::LogLevel::kError, "", f);
    return absl::DataLossError(absl::StrCat(failed.size(),
                                            " file(s) written to the mount could "
                                            "not be uploaded and stay in the VFS cache: ",
                                            absl::StrJoin(failed, "; ")));
  }
  return absl::OkStatus();
}

}  // namespace

void AddMountCommands(Commands& out) {
  out.push_back(EndedBySignal(WithOwnFlags<MountFlags>(
      Command{.name = "mount", .min_args = 2, .max_args = 2}, AddMountFlags, RunMount)));
}

}  // namespace fclone
