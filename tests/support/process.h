// The one way tests start other programs (fclone, rclone, fichier-emulator): spawn with argv,
// environment, working directory and stdin; capture stdout/stderr (or send them to a file or
// /dev/null); wait with a bound; signal; kill. A child still running when its Process goes away
// gets SIGTERM, then SIGKILL if it has not exited within 5 s.
#ifndef FICHIER_TESTS_SUPPORT_PROCESS_H_
#define FICHIER_TESTS_SUPPORT_PROCESS_H_

#include <sys/types.h>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace test_support {

// Where a child's stdout or stderr goes.
struct Output {
  enum class Kind { kCapture, kNull, kFile, kInherit };
  Kind kind = Kind::kCapture;
  std::string path;     // kFile
  bool append = false;  // kFile: append rather than truncate

  static Output Capture() { return {}; }
  static Output Null() { return {Kind::kNull, "", false}; }
  static Output File(std::string path, bool append = false) {
    return {Kind::kFile, std::move(path), append};
  }
  static Output Inherit() { return {Kind::kInherit, "", false}; }
};

struct SpawnOptions {
  std::vector<std::string> argv;  // argv[0]: a path, or a name looked up in PATH
  // The whole environment ("NAME=value"); unset = this process's, changed by set_env/unset_env.
  std::optional<std::vector<std::string>> env;
  std::vector<std::string> set_env;    // "NAME=value", added or replacing
  std::vector<std::string> unset_env;  // names
  std::string cwd;                     // "" = this process's
  // stdin: `stdin_data` through a pipe (closed once written), else `stdin_fd`, else /dev/null.
  std::optional<std::string> stdin_data;
  int stdin_fd = -1;
  Output out = Output::Capture();
  Output err = Output::Capture();
  bool kill_with_parent = false;  // SIGTERM to the child when this process dies
  // Runs the child on a new pseudo-terminal (its controlling terminal) as stdin and stdout;
  // stdin_data/stdin_fd and `out` are then ignored: what it prints is out(), what it reads is
  // given with Type(). For dialogs that behave differently on a terminal (no-echo passwords).
  bool terminal = false;
};

struct ProcessResult {
  int exit_code = -1;  // 128 + N when killed by signal N; 127 when it could not start
  std::string out;
  std::string err;
};

class Process {
 public:
  // The child runs or has failed to exec (it then exits 127); nullptr when fork itself failed.
  static std::unique_ptr<Process> Spawn(const SpawnOptions& options);
  ~Process();
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;

  pid_t pid() const { return pid_; }
  // What the child wrote so far on captured outputs.
  const std::string& out() const { return out_; }
  const std::string& err() const { return err_; }

  // Moves data (stdin in, outputs out) until `done()` holds, the child closed its outputs, or
  // `timeout` passed; whether `done()` held.
  bool ReadUntil(const std::function<bool()>& done, std::chrono::milliseconds timeout);
  // Sends `text` to a child started with `terminal` (as if typed).
  void Type(std::string_view text);
  // Stops capturing (closes the pipes): for a child that writes nothing more worth reading.
  void CloseOutputs();
  // Reads the outputs to their end and reaps the child within `timeout`; its exit code, or
  // nullopt while it still runs.
  std::optional<int> WaitFor(std::chrono::milliseconds timeout);
  // Whether it has not exited (reaps it if it has).
  bool Running();
  void Signal(int signo);
  // SIGKILL and reap; the exit code (128 + 9 unless it had exited already).
  int Kill();
  // Forgets the child (never signalled nor reaped here); its pid.
  pid_t Release();

 private:
  Process() = default;
  bool Reap(int options);  // waitpid; records the code when it exited
  void Pump(std::chrono::milliseconds wait);

  pid_t pid_ = -1;
  int pidfd_ = -1;
  std::optional<int> exit_code_;
  int stdin_fd_ = -1;
  std::string stdin_left_;
  int out_fd_ = -1, err_fd_ = -1;
  int terminal_fd_ = -1;  // the pseudo-terminal's controller side (also out_fd_)
  std::string out_, err_;
};

// Spawn, then wait for the end (no bound: the tests' own ctest timeout applies).
ProcessResult RunProcess(const SpawnOptions& options);

// Runs `body` in a forked child (no exec) and returns its exit code (128 + N on signal N).
int RunForked(const std::function<int()>& body);

}  // namespace test_support

#endif  // FICHIER_TESTS_SUPPORT_PROCESS_H_
