#include "tests/support/process.h"

#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <sys/ioctl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

extern char** environ;

namespace test_support {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

constexpr milliseconds kStopGrace{5000};
// Without a pidfd (old kernels) the exit is noticed by polling at this interval.
constexpr milliseconds kExitPoll{10};

int ExitCodeOf(int status) {
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

std::string NameOf(const std::string& entry) { return entry.substr(0, entry.find('=')); }

// The child's environment, built before fork (the child may only make async-signal-safe calls).
std::vector<std::string> Environment(const SpawnOptions& o) {
  std::vector<std::string> env;
  if (o.env.has_value()) {
    env = *o.env;
  } else {
    for (char** e = environ; *e != nullptr; ++e) env.emplace_back(*e);
  }
  auto drop = [&env](const std::string& name) {
    std::erase_if(env, [&](const std::string& e) { return NameOf(e) == name; });
  };
  for (const std::string& name : o.unset_env) drop(name);
  for (const std::string& entry : o.set_env) {
    drop(NameOf(entry));
    env.push_back(entry);
  }
  return env;
}

std::vector<char*> CStrings(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (std::string& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

// In the child: points `fd` where `output` says; false on failure.
bool Redirect(const Output& output, int pipe_write_end, int fd) {
  int target = -1;
  switch (output.kind) {
    case Output::Kind::kInherit:
      return true;
    case Output::Kind::kCapture:
      target = pipe_write_end;
      break;
    case Output::Kind::kNull:
      target = open("/dev/null", O_WRONLY);
      break;
    case Output::Kind::kFile:
      target = open(output.path.c_str(),
                    O_WRONLY | O_CREAT | (output.append ? O_APPEND : O_TRUNC), 0600);
      break;
  }
  return target >= 0 && dup2(target, fd) >= 0;
}

void CloseFd(int& fd) {
  if (fd >= 0) close(fd);
  fd = -1;
}

}  // namespace

std::unique_ptr<Process> Process::Spawn(const SpawnOptions& options) {
  // A child that exits while we write its stdin must not kill the test with SIGPIPE.
  signal(SIGPIPE, SIG_IGN);
  std::vector<std::string> argv_strings = options.argv;
  std::vector<std::string> env_strings = Environment(options);
  std::vector<char*> argv = CStrings(argv_strings);
  std::vector<char*> envp = CStrings(env_strings);
  const bool search_path = !argv_strings.empty() && argv_strings[0].find('/') == std::string::npos;

  int in[2] = {-1, -1}, out[2] = {-1, -1}, err[2] = {-1, -1};
  int controller = -1, terminal = -1;
  if (options.terminal) {
    if (openpty(&controller, &terminal, nullptr, nullptr, nullptr) != 0) return nullptr;
    fcntl(controller, F_SETFD, FD_CLOEXEC);
    fcntl(terminal, F_SETFD, FD_CLOEXEC);
  }
  if ((!options.terminal && options.stdin_data.has_value() && pipe2(in, O_CLOEXEC) != 0) ||
      (!options.terminal && options.out.kind == Output::Kind::kCapture &&
       pipe2(out, O_CLOEXEC) != 0) ||
      (options.err.kind == Output::Kind::kCapture && pipe2(err, O_CLOEXEC) != 0)) {
    for (int fd : {in[0], in[1], out[0], out[1], err[0], err[1], controller, terminal}) {
      if (fd >= 0) close(fd);
    }
    return nullptr;
  }
  const pid_t parent = getpid();
  const pid_t pid = fork();
  if (pid < 0) {
    for (int fd : {in[0], in[1], out[0], out[1], err[0], err[1], controller, terminal}) {
      if (fd >= 0) close(fd);
    }
    return nullptr;
  }
  if (pid == 0) {
    // Child: async-signal-safe calls only, until exec.
    if (options.kill_with_parent) {
      prctl(PR_SET_PDEATHSIG, SIGTERM);
      if (getppid() != parent) _exit(127);
    }
    if (options.terminal) {
      // A session of its own with the terminal as its controlling one.
      if (setsid() < 0 || ioctl(terminal, TIOCSCTTY, 0) < 0) _exit(127);
      if (dup2(terminal, STDIN_FILENO) < 0 || dup2(terminal, STDOUT_FILENO) < 0) _exit(127);
    } else {
      int stdin_source = in[0];
      if (stdin_source < 0) stdin_source = options.stdin_fd;
      if (stdin_source < 0) stdin_source = open("/dev/null", O_RDONLY);
      if (stdin_source < 0 || dup2(stdin_source, STDIN_FILENO) < 0) _exit(127);
      if (!Redirect(options.out, out[1], STDOUT_FILENO)) _exit(127);
    }
    if (!Redirect(options.err, err[1], STDERR_FILENO)) _exit(127);
    if (!options.cwd.empty() && chdir(options.cwd.c_str()) != 0) _exit(127);
    if (search_path) {
      execvpe(argv[0], argv.data(), envp.data());
    } else {
      execve(argv[0], argv.data(), envp.data());
    }
    _exit(127);
  }
  auto process = std::unique_ptr<Process>(new Process());
  process->pid_ = pid;
  process->pidfd_ = static_cast<int>(syscall(SYS_pidfd_open, pid, 0));
  for (int fd : {in[0], out[1], err[1], terminal}) {
    if (fd >= 0) close(fd);
  }
  process->out_fd_ = options.terminal ? controller : out[0];
  if (options.terminal) process->terminal_fd_ = controller;
  process->err_fd_ = err[0];
  if (in[1] >= 0) {
    process->stdin_left_ = *options.stdin_data;
    process->stdin_fd_ = in[1];
    fcntl(in[1], F_SETFL, O_NONBLOCK);
    if (process->stdin_left_.empty()) CloseFd(process->stdin_fd_);
  }
  return process;
}

Process::~Process() {
  if (pid_ > 0 && !Reap(WNOHANG)) {
    kill(pid_, SIGTERM);
    if (!WaitFor(kStopGrace).has_value()) Kill();
  }
  CloseFd(stdin_fd_);
  CloseOutputs();
  CloseFd(pidfd_);
}

bool Process::Reap(int options) {
  if (exit_code_.has_value()) return true;
  if (pid_ <= 0) return false;
  int status = 0;
  pid_t r;
  do {
    r = waitpid(pid_, &status, options);
  } while (r < 0 && errno == EINTR);
  if (r == pid_) {
    exit_code_ = ExitCodeOf(status);
    return true;
  }
  if (r < 0) {  // reaped elsewhere
    exit_code_ = -1;
    return true;
  }
  return false;
}

void Process::Pump(milliseconds wait) {
  pollfd fds[4];
  int n = 0;
  if (stdin_fd_ >= 0) fds[n++] = {stdin_fd_, POLLOUT, 0};
  if (out_fd_ >= 0) fds[n++] = {out_fd_, POLLIN, 0};
  if (err_fd_ >= 0) fds[n++] = {err_fd_, POLLIN, 0};
  const bool watch_exit = pidfd_ >= 0 && !exit_code_.has_value();
  if (watch_exit) fds[n++] = {pidfd_, POLLIN, 0};
  if (!watch_exit && !exit_code_.has_value()) wait = std::min(wait, kExitPoll);
  if (poll(fds, static_cast<nfds_t>(n), static_cast<int>(wait.count())) <= 0) return;
  for (int i = 0; i < n; ++i) {
    const pollfd& p = fds[i];
    if (p.revents == 0) continue;
    if (p.fd == pidfd_) {
      Reap(WNOHANG);  // readable once it exited: reap so the next poll waits again
    } else if (p.fd == stdin_fd_) {
      const ssize_t w = write(stdin_fd_, stdin_left_.data(), stdin_left_.size());
      if (w > 0) stdin_left_.erase(0, static_cast<size_t>(w));
      if (w < 0 && errno != EAGAIN && errno != EINTR) stdin_left_.clear();  // reader gone
      if (stdin_left_.empty()) CloseFd(stdin_fd_);
    } else if (p.fd == out_fd_ || p.fd == err_fd_) {
      char buffer[65536];
      const ssize_t r = read(p.fd, buffer, sizeof(buffer));
      if (r > 0) {
        (p.fd == out_fd_ ? out_ : err_).append(buffer, static_cast<size_t>(r));
      } else if (r == 0 || (errno != EAGAIN && errno != EINTR)) {
        if (p.fd == terminal_fd_) terminal_fd_ = -1;  // EIO: the child closed the terminal
        CloseFd(p.fd == out_fd_ ? out_fd_ : err_fd_);
      }
    }
  }
}

bool Process::ReadUntil(const std::function<bool()>& done, milliseconds timeout) {
  const Clock::time_point deadline = Clock::now() + timeout;
  while (!done()) {
    if (out_fd_ < 0 && err_fd_ < 0 && stdin_fd_ < 0) return done();
    const auto left = std::chrono::duration_cast<milliseconds>(deadline - Clock::now());
    if (left <= milliseconds(0)) return false;
    Pump(left);
  }
  return true;
}

void Process::Type(std::string_view text) {
  while (terminal_fd_ >= 0 && !text.empty()) {
    const ssize_t w = write(terminal_fd_, text.data(), text.size());
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return;  // the child is gone
    text.remove_prefix(static_cast<size_t>(w));
  }
}

void Process::CloseOutputs() {
  if (terminal_fd_ == out_fd_) terminal_fd_ = -1;
  CloseFd(out_fd_);
  CloseFd(err_fd_);
}

std::optional<int> Process::WaitFor(milliseconds timeout) {
  const Clock::time_point deadline = Clock::now() + timeout;
  // Outputs first (a child blocked on a full pipe would never exit), then the exit.
  while (!Reap(WNOHANG) || out_fd_ >= 0 || err_fd_ >= 0) {
    if (exit_code_.has_value()) {
      // Exited: what it wrote is in the pipes now; a grandchild holding them is not waited for.
      Pump(milliseconds(0));
      if (out_fd_ >= 0 || err_fd_ >= 0) {
        pollfd probe[2] = {{out_fd_, POLLIN, 0}, {err_fd_, POLLIN, 0}};
        if (poll(probe, 2, 0) <= 0) CloseOutputs();
      }
      continue;
    }
    const auto left = std::chrono::duration_cast<milliseconds>(deadline - Clock::now());
    if (left <= milliseconds(0)) return std::nullopt;
    Pump(left);
  }
  CloseFd(stdin_fd_);
  return exit_code_;
}

bool Process::Running() { return !Reap(WNOHANG); }

void Process::Signal(int signo) {
  if (pid_ > 0 && !exit_code_.has_value()) kill(pid_, signo);
}

int Process::Kill() {
  if (pid_ > 0 && !exit_code_.has_value()) {
    kill(pid_, SIGKILL);
    Reap(0);
  }
  return exit_code_.value_or(-1);
}

pid_t Process::Release() {
  const pid_t pid = pid_;
  pid_ = -1;
  exit_code_.reset();
  CloseFd(stdin_fd_);
  CloseOutputs();
  CloseFd(pidfd_);
  return pid;
}

ProcessResult RunProcess(const SpawnOptions& options) {
  ProcessResult result;
  std::unique_ptr<Process> process = Process::Spawn(options);
  if (process == nullptr) return result;
  // No bound of our own: the test's ctest timeout ends a run that hangs.
  std::optional<int> code;
  while (!code.has_value()) code = process->WaitFor(std::chrono::hours(24));
  result.exit_code = *code;
  result.out = process->out();
  result.err = process->err();
  return result;
}

int RunForked(const std::function<int()>& body) {
  const pid_t pid = fork();
  if (pid < 0) return -1;
  if (pid == 0) _exit(body());
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return ExitCodeOf(status);
}

}  // namespace test_support
