// Runs the real fclone binary (path from the FCLONE_PATH compile definition) in a scratch
// directory and captures its stdout, stderr and exit code.
#ifndef FICHIER_TESTS_INTEGRATION_FCLONE_RUNNER_H_
#define FICHIER_TESTS_INTEGRATION_FCLONE_RUNNER_H_

#include <sys/types.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "tests/support/temp_dir.h"

namespace fctest {

struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

class Scratch {
 public:
  Scratch();
  const std::filesystem::path& dir() const { return dir_; }
  std::string Path(const std::string& rel) const { return (dir_ / rel).string(); }
  // Writes a file (creating parents) and optionally sets its mod time (unix seconds).
  void Write(const std::string& rel, const std::string& content, int64_t mtime = -1) const;
  // Writes each (path, content) of `files` below `root`, all with the same mod time.
  void WriteAll(const std::string& root,
                const std::vector<std::pair<std::string, std::string>>& files,
                int64_t mtime = -1) const;
  std::string Read(const std::string& rel) const;
  bool Exists(const std::string& rel) const;

  // Runs fclone with `args` plus "--config <scratch>/rclone.conf"; HOME is the scratch dir and
  // TZ is UTC so outputs are stable.
  RunResult Run(std::vector<std::string> args, const std::string& stdin_data = "") const;
  // Starts fclone without waiting; returns the pid. Output goes to /dev/null (use --log-file);
  // stdin is /dev/null, or `stdin_fd` when given.
  pid_t Start(std::vector<std::string> args, int stdin_fd = -1) const;

 private:
  std::vector<std::string> Argv(std::vector<std::string> args) const;
  test_support::TempDir temp_{"fclone-it"};
  // Where the runs happen; a path that cannot exist when no folder could be made.
  std::filesystem::path dir_ = temp_.path().empty() ? "/nonexistent" : temp_.path();
};

// Makes the remote "f:" of type fichier on a fichier-emulator at `api_url` (with a fast pacer)
// in the scratch config.
RunResult AddEmulatorRemote(const Scratch& scratch, const std::string& api_url,
                            const std::string& key);

// `n` reproducible pseudo-random bytes (file contents that no encoding rewrites).
std::string RandomBytes(size_t n, unsigned seed);

// Every regular file below `root`: relative path -> content.
std::map<std::string, std::string> ReadTree(const std::filesystem::path& root);
// Every directory and file below `root`, sorted: "dir/" for a directory, "path size" for a
// file (for comparing the trees two tools left).
std::vector<std::string> Entries(const std::filesystem::path& root);

// Output of fclone or rclone made comparable: lines without log timestamps or the
// missing-config notice, JSON array commas dropped (they follow the order), sorted (both tools
// list directories in parallel).
std::vector<std::string> ComparableLines(const std::string& text);

}  // namespace fctest

#endif  // FICHIER_TESTS_INTEGRATION_FCLONE_RUNNER_H_
