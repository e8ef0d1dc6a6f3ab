// Commands as values: each declares its usage, argument count, flags and what it runs, and owns
// the values its flags parse into (no statics), so one process can parse and run several
// commands, even two of the same name, without one seeing the other's flags. The commands are
// made by the factories of the commands_*.cc files; MakeCommands() gathers a fresh set.
#ifndef FICHIER_HOST_COMMAND_H_
#define FICHIER_HOST_COMMAND_H_

#include <atomic>
#include <functional>
#include <iosfwd>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "host/filter_flags.h"
#include "host/flags.h"
#include "host/flags_accepted.h"
#include "host/flags_compat.h"
#include "host/limit_flags.h"
#include "host/remote.h"
#include "vfs/config/config_file.h"
#include "vfs/config/config_location.h"
#include "vfs/operations/context.h"

namespace fclone {

// The commands' short name for the operations layer they drive.
namespace ops = vfs::operations;

// Global flags (rclone's spellings), filled by the parser.
struct GlobalFlags {
  int verbose = 0;
  bool quiet = false;
  std::string log_level;
  std::string log_file;
  std::string config;
  bool progress = false;
  bool progress_terminal_title = false;
  absl::Duration stats = absl::Minutes(1);
  bool stats_one_line = false;
  bool stats_one_line_date = false;
  std::string stats_one_line_date_format;
  std::string stats_log_level = "INFO";
  int retries = 3;
  absl::Duration retries_sleep = absl::ZeroDuration();
  bool error_on_no_transfer = false;
  bool help = false;
  bool delete_before = false;
  bool delete_during = false;
  bool delete_after = false;
  bool human_readable = false;
  // rclone's global options that reach backends (vfs::GlobalOptions; --low-level-retries is
  // ops.low_level_retries).
  absl::Duration timeout = absl::Minutes(5);
  absl::Duration contimeout = absl::Minutes(1);
  std::string cache_dir;
  std::string temp_dir;
  // An encrypted config file's password: a command printing it, and whether to prompt for it.
  std::string password_command;
  bool ask_password = true;
  vfs::operations::Options ops;
  FilterFlags filter;
  AcceptedFlagValues accepted;
  CompatFlags compat;  // --backup-dir, --track-renames, --tpslimit, --dump, ... (flags_compat.h)
  vfs::operations::Limits::Options limits;
  // --<backend>-<option> values: backend -> option -> value.
  std::map<std::string, std::map<std::string, std::string>, std::less<>> backend_flags;
};

struct Command;
using Commands = std::vector<Command>;

// What a running command gets.
struct CommandEnv {
  const std::string& name;
  std::vector<std::string> args;
  GlobalFlags& flags;
  vfs::operations::Context& ctx;
  const RemoteOpener& opener;
  vfs::ConfigFile& config;
  const vfs::ConfigLocation& config_location;
  std::ostream& out;
  const Commands& commands;  // the set this command belongs to (for `help`)
  // rclone says once per run that it found no config file, when a remote is first needed.
  mutable std::atomic<bool> missing_config_noticed{false};
};

struct Command {
  std::string name;
  // Left empty, the help comes from the command's entry in command_docs.cc.
  std::string args_usage = {};  // "source:path dest:path"
  std::string short_help = {};
  std::string long_help = {};
  int min_args = 0;
  int max_args = 0;  // -1 = any number
  bool retry = false;       // re-run the whole command on errors (--retries)
  bool show_stats = false;  // print the stats block at the end (-v) and with -P
  // Binds the command's flags (to values the command owns) on a flag set; may be empty.
  std::function<void(FlagSet&)> add_flags = nullptr;
  std::function<absl::Status(CommandEnv&)> run = nullptr;
  // SIGINT/SIGTERM is how the command normally ends (mount, serve): a clean end after one exits
  // 0 rather than 128 + signal.
  bool signal_ends = false;
};

// Gives `command` a Flags value of its own: `add` binds flags into it (nullptr: the command
// takes none, and runs with the defaults), `run` reads it. The value lives as long as the
// command (both closures hold it); two commands never share one.
template <typename Flags>
Command WithOwnFlags(Command command, std::function<void(FlagSet&, Flags&)> add,
                     std::function<absl::Status(CommandEnv&, const Flags&)> run) {
  auto flags = std::make_shared<Flags>();
  if (add) command.add_flags = [flags, add = std::move(add)](FlagSet& f) { add(f, *flags); };
  command.run = [flags, run = std::move(run)](CommandEnv& env) { return run(env, *flags); };
  return command;
}

// `command` as one that runs until SIGINT/SIGTERM ends it (see Command::signal_ends).
inline Command EndedBySignal(Command command) {
  command.signal_ends = true;
  return command;
}

// Every command, made fresh: nothing is shared with another set.
Commands MakeCommands();
const Command* FindCommand(const Commands& commands, std::string_view name);

// The factories, one per commands_*.cc file.
void AddListingCommands(Commands& out);
void AddTransferCommands(Commands& out);
void AddFileCommands(Commands& out);
void AddConfigCommands(Commands& out);
void AddCopyUrlCommand(Commands& out);
void AddCryptCommands(Commands& out);
void AddCheckCommands(Commands& out);   // commands_check.cc
void AddHashCommands(Commands& out);    // commands_hash.cc
void AddStreamCommands(Commands& out);  // commands_rcat.cc: rcat
void AddTreeCommand(Commands& out);     // commands_tree.cc
void AddMiscCommands(Commands& out);    // commands_misc.cc: completion, cleanup, backend
void AddMountCommands(Commands& out);
void AddServeCommands(Commands& out);

// Registers the global flags on `f`, bound to `g` (for help output and tests).
void AddGlobalFlagsForHelp(FlagSet& f, GlobalFlags& g);

// Opens a path argument; errors are returned as they are (exit codes come from their kind).
absl::StatusOr<OpenedRemote> OpenArg(const CommandEnv& env, size_t index);
// OpenArg for the path a command filters (ls, lsf, size, hashsum, cat, delete, check...): as
// rclone, a path naming a single file is refused while filters are active.
absl::StatusOr<OpenedRemote> OpenFilteredArg(const CommandEnv& env, size_t index);
absl::Status RefuseFileUnderFilter(const CommandEnv& env, const OpenedRemote& opened,
                                   size_t index);
// The same for an argument naming a file that may not exist yet: its parent's Fs and its leaf.
absl::StatusOr<OpenedRemote> OpenParentArg(const CommandEnv& env, size_t index);

}  // namespace fclone

#endif  // FICHIER_HOST_COMMAND_H_
