#include "host/config_password.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <memory>

#include "absl/strings/str_cat.h"
#include "vfs/config/config_crypt.h"
#include "vfs/log.h"

namespace fclone {
namespace {

// How many times a person may mistype the password before the command gives up.
constexpr int kMaxPrompts = 3;

}  // namespace

std::vector<std::string> SplitCommandLine(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  bool in_word = false, quoted = false;
  for (char c : text) {
    if (c == '"') {
      quoted = !quoted;
      in_word = true;
    } else if (c == ' ' && !quoted) {
      if (in_word) words.push_back(std::move(word));
      word.clear();
      in_word = false;
    } else {
      word.push_back(c);
      in_word = true;
    }
  }
  if (in_word) words.push_back(std::move(word));
  return words;
}

absl::StatusOr<std::string> RunPasswordCommand(const std::vector<std::string>& argv) {
  if (argv.empty()) return absl::InvalidArgumentError("password command is empty");
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) return absl::ErrnoToStatus(errno, "password command: pipe");
  pid_t pid = fork();
  if (pid < 0) {
    close(fds[0]);
    close(fds[1]);
    return absl::ErrnoToStatus(errno, "password command: fork");
  }
  if (pid == 0) {
    dup2(fds[1], STDOUT_FILENO);
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execvp(args[0], args.data());
    _exit(127);
  }
  close(fds[1]);
  std::string out;
  char buf[4096];
  for (;;) {
    ssize_t n = read(fds[0], buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    if (out.size() < (1 << 20)) out.append(buf, static_cast<size_t>(n));
  }
  close(fds[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::string how = WIFEXITED(status) ? absl::StrCat("exit status ", WEXITSTATUS(status))
                                        : absl::StrCat("signal ", WTERMSIG(status));
    vfs::Log(vfs::LogLevel::kError, "", absl::StrCat("Using --password-command returned: ", how));
    return absl::FailedPreconditionError(absl::StrCat("password command failed: ", how));
  }
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return out;
}

vfs::ConfigPasswordSource MakeConfigPasswordSource(ConfigPasswordOptions options,
                                                   TerminalInput* input) {
  // 0: environment, 1: command, 2+: prompts.
  auto stage = std::make_shared<int>(0);
  return [options = std::move(options), input,
          stage](const absl::Status& previous) -> absl::StatusOr<std::string> {
    if (!previous.ok() && *stage == 1) {
      vfs::Log(vfs::LogLevel::kError, "",
               "Couldn't decrypt configuration, most likely wrong password.");
    }
    if (!previous.ok() && *stage == 2) {
      return absl::PermissionDeniedError(
          "using --password-command derived password, unable to decrypt configuration");
    }
    if (*stage == 0) {
      *stage = 1;
      if (options.env_set) return options.env_password;
    }
    if (*stage == 1) {
      *stage = 2;
      if (!options.password_command.empty()) return RunPasswordCommand(options.password_command);
    }
    if (*stage == 2) *stage = 3;
    if (!options.ask_password) {
      return absl::PermissionDeniedError(
          "unable to decrypt configuration and not allowed to ask for password - set "
          "RCLONE_CONFIG_PASS to your configuration password");
    }
    if (*stage - 3 >= kMaxPrompts) {
      return absl::PermissionDeniedError(
          "couldn't decrypt configuration, most likely wrong password");
    }
    if (!previous.ok() && *stage > 3) {
      vfs::Log(vfs::LogLevel::kError, "",
               "Couldn't decrypt configuration, most likely wrong password.");
    }
    ++*stage;
    input->out() << "Enter configuration password:\n";
    return input->ReadPassword("password:", "the configuration password");
  };
}

absl::StatusOr<std::string> AskNewConfigPassword(TerminalInput& input) {
  for (int attempt = 0; attempt < kMaxPrompts; ++attempt) {
    input.out() << "Enter NEW configuration password:\n";
    absl::StatusOr<std::string> first = input.ReadPassword("password:", "the new password");
    if (!first.ok()) return first.status();
    input.out() << "Confirm NEW configuration password:\n";
    absl::StatusOr<std::string> second = input.ReadPassword("password:", "the new password");
    if (!second.ok()) return second.status();
    if (*first != *second) {
      input.out() << "Passwords do not match!\n";
      continue;
    }
    if (absl::Status st = vfs::CheckConfigPassword(*first); !st.ok()) {
      input.out() << "Error: " << st.message() << "\n";
      continue;
    }
    return *first;
  }
  return absl::InvalidArgumentError("no new configuration password given");
}

}  // namespace fclone
