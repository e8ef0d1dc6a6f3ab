#include "host/app.h"

#include <unistd.h>

#include <cctype>
#include <cstdio>
#include <iostream>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "base/clock.h"
#include "host/command.h"
#include "host/config_password.h"
#include "host/exit_code.h"
#include "host/global_flags.h"
#include "host/help.h"
#include "host/interactive.h"
#include "host/logger.h"
#include "host/plugins.h"
#include "host/progress.h"
#include "host/stop_signals.h"
#include "vfs/config/environment.h"
#include "vfs/global_options.h"
#include "vfs/registry.h"

namespace fclone {
namespace {

std::string EnvName(std::string_view flag) {
  std::string out = "RCLONE_";
  for (char c : flag) out.push_back(c == '-' ? '_' : static_cast<char>(std::toupper(c)));
  return out;
}

// Global flags not given on the command line may come from RCLONE_<FLAG>.
absl::Status ApplyEnvironment(FlagSet& f, const std::set<std::string>& skip) {
  for (const FlagSet::Flag* flag : f.All()) {
    if (!flag->global || f.WasSet(flag->name) || skip.count(flag->name)) continue;
    if (flag->name == "config") continue;  // the config locator reads RCLONE_CONFIG itself
    const char* value = std::getenv(EnvName(flag->name).c_str());
    if (value == nullptr) continue;
    absl::Status st = f.SetFromEnv(flag->name, value);
    if (!st.ok()) return st;
  }
  return absl::OkStatus();
}

int UsageFailure(const Commands& commands, const Command* command, const std::string& message) {
  std::string usage = command != nullptr ? CommandUsage(*command) : TopLevelUsage(commands);
  std::fprintf(stderr, "Error: %s\n%s\n", message.c_str(), usage.c_str());
  Logger::Get().Fatal(absl::StrCat("Fatal error: ", message));
  return kExitUsage;
}

std::string QuoteArgs(const std::vector<std::string>& args) {
  std::vector<std::string> quoted;
  for (const std::string& a : args) quoted.push_back(absl::StrCat("\"", a, "\""));
  return absl::StrCat("[", absl::StrJoin(quoted, " "), "]");
}

}  // namespace

int Main(int argc, char** argv) {
  // This run's commands: each owns its flag values, so nothing outlives the run.
  const Commands commands = MakeCommands();
  Logger::Get().InstallVfsSink();

  std::vector<std::string> args(argv + 1, argv + argc);
  if (absl::Status st = LoadPlugins(args); !st.ok()) {
    Logger::Get().Fatal(absl::StrCat("Failed to load backend plugin: ", st.message()));
    return kExitUncategorized;
  }
  GlobalFlags g;
  std::set<std::string> backend_flags;
  // Find the command: the first argument that is neither a flag nor a flag's value.
  FlagSet scan;
  {
    GlobalFlags scratch;
    std::set<std::string> ignored;
    AddGlobalFlags(scan, scratch, &ignored);
  }
  int command_index = -1;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--") break;
    if (args[i].size() > 1 && args[i][0] == '-') {
      if (args[i] == "--version" || args[i] == "-V") {
        std::printf("%s\n", VersionText().c_str());
        return kExitSuccess;
      }
      if (scan.TakesSeparateValue(args[i])) ++i;
      continue;
    }
    command_index = static_cast<int>(i);
    break;
  }
  if (command_index < 0) {
    std::printf("%s", TopLevelHelp(commands).c_str());
    return kExitSuccess;
  }
  std::string name = args[command_index];
  args.erase(args.begin() + command_index);
  const Command* command = FindCommand(commands, name);
  if (command == nullptr) {
    std::fprintf(stderr,
                 "Error: unknown command \"%s\" for \"fclone\"\nRun 'fclone --help' for "
                 "usage.\n",
                 name.c_str());
    Logger::Get().Fatal(absl::StrCat("Fatal error: unknown command \"", name, "\" for \"fclone\""));
    return kExitUsage;
  }

  auto usage_failure = [&commands, command](const auto& message) {
    return UsageFailure(commands, command, std::string(message));
  };
  FlagSet flags;
  AddGlobalFlags(flags, g, &backend_flags);
  if (command->add_flags) command->add_flags(flags);
  absl::StatusOr<std::vector<std::string>> positional = flags.Parse(args);
  if (!positional.ok()) return usage_failure(positional.status().message());
  if (g.help) {
    std::printf("%s", CommandHelp(*command).c_str());
    return kExitSuccess;
  }
  absl::Status env_status = ApplyEnvironment(flags, backend_flags);
  if (!env_status.ok()) return usage_failure(env_status.message());
  int n = static_cast<int>(positional->size());
  const bool too_few = n < command->min_args;
  if (too_few || (command->max_args >= 0 && n > command->max_args)) {
    std::fprintf(stderr, "%s\n", CommandUsage(*command).c_str());
    std::fprintf(stderr,
                 "Command %s needs %d arguments %s: you provided %d non flag arguments: %s\n",
                 name.c_str(), too_few ? command->min_args : command->max_args,
                 too_few ? "minimum" : "maximum", n, QuoteArgs(*positional).c_str());
    return kExitUsage;
  }

  // Logging.
  vfs::LogLevel level = vfs::LogLevel::kNotice;
  if (g.verbose == 1) level = vfs::LogLevel::kInfo;
  if (g.verbose >= 2) level = vfs::LogLevel::kDebug;
  if (g.quiet) level = vfs::LogLevel::kError;
  if (!g.log_level.empty()) {
    absl::StatusOr<vfs::LogLevel> parsed = ParseLogLevel(g.log_level);
    if (!parsed.ok()) return usage_failure(parsed.status().message());
    level = *parsed;
  }
  // rclone shows --dump output at DEBUG, so asking for it raises the level.
  if (g.compat.dump.any_http()) level = vfs::LogLevel::kDebug;
  absl::StatusOr<vfs::LogLevel> stats_level = ParseLogLevel(g.stats_log_level);
  if (!stats_level.ok()) return usage_failure(stats_level.status().message());
  if (absl::Status st = Logger::Get().Configure(level, g.log_file); !st.ok()) {
    std::fprintf(stderr, "%s\n", std::string(st.message()).c_str());
    return kExitUsage;
  }
  int delete_modes = g.delete_before + g.delete_during + g.delete_after;
  if (delete_modes > 1) {
    return usage_failure(
        "only one of --delete-before, --delete-during or "
        "--delete-after may be given");
  }
  if (g.delete_before) g.ops.delete_mode = vfs::operations::DeleteMode::kBefore;
  if (g.delete_during) g.ops.delete_mode = vfs::operations::DeleteMode::kDuring;
  if (g.ops.transfers < 1) g.ops.transfers = 1;
  if (g.ops.checkers < 1) g.ops.checkers = 1;

  g.filter.dump_filters = g.compat.dump.filters;
  // Filters (rclone loads them before the command runs; errors end the run).
  absl::StatusOr<std::shared_ptr<const vfs::operations::Filter>> filter = BuildFilter(g.filter);
  if (!filter.ok()) {
    Logger::Get().Fatal(absl::StrCat("Failed to load filters: ", filter.status().message()));
    return kExitUsage;
  }
  if (g.filter.dump_filters) {
    std::printf("--- start filters ---\n%s\n--- end filters ---\n", (*filter)->Dump().c_str());
    std::fflush(stdout);
  }

  // Config file.
  vfs::Environment env = vfs::Environment::FromProcess();
  vfs::LocateOptions locate;
  if (flags.WasSet("config")) locate.config_flag = g.config;
  g.ops.multi_thread_set = flags.WasSet("multi-thread-streams");
  locate.executable_dir = vfs::CurrentExecutableDir();
  absl::StatusOr<vfs::ConfigLocation> location = vfs::LocateConfigFile(env, locate);
  if (!location.ok()) {
    Logger::Get().Fatal(absl::StrCat("Failed to load config file: ", location.status().message()));
    return kExitUncategorized;
  }
  // The password of an encrypted file: RCLONE_CONFIG_PASS, --password-command, a prompt.
  ConfigPasswordOptions password_options;
  if (const char* pass = std::getenv("RCLONE_CONFIG_PASS"); pass != nullptr) {
    password_options.env_password = pass;
    password_options.env_set = true;
  }
  password_options.password_command = SplitCommandLine(g.password_command);
  password_options.ask_password = g.ask_password;
  TerminalInput password_input(STDIN_FILENO, std::cerr);
  absl::StatusOr<vfs::ConfigFile> config = vfs::ConfigFile::Open(
      *location, MakeConfigPasswordSource(std::move(password_options), &password_input));
  if (!config.ok()) {
    // Password errors name the file as rclone does; parse errors already name file and line.
    std::string where = config.status().code() == absl::StatusCode::kPermissionDenied
                            ? absl::StrCat(" \"", location->path, "\"")
                            : "";
    Logger::Get().Fatal(
        absl::StrCat("Failed to load config file", where, ": ", config.status().message()));
    return kExitUncategorized;
  }
  for (const std::string& repeat : config->repeated_sections()) {
    Logger::Get().Log(vfs::LogLevel::kNotice, "",
                      absl::StrCat("Config file \"", location->path, "\" repeats section ", repeat,
                                   ": their keys are merged, as rclone does"));
  }
  // rclone's global options reach the backends when they make an Fs: set before any opening.
  vfs::GlobalOptions global;
  global.low_level_retries = std::max(1, g.ops.low_level_retries);
  global.timeout = g.timeout;
  global.connect_timeout = g.contimeout;
  global.cache_dir = g.cache_dir;
  global.temp_dir = g.temp_dir;
  if (absl::Status st = ApplyCompatFlags(g.compat, global); !st.ok()) {
    return usage_failure(st.message());
  }
  if (std::string help = DisableHelp(g.compat); !help.empty()) {
    Logger::Get().Fatal(help);
    return kExitUncategorized;
  }
  vfs::SetGlobalOptions(global);
  RemoteOpener opener(&*config, env, g.backend_flags);

  // Run, retrying the whole command as rclone does.
  vfs::operations::Stats stats;
  vfs::operations::Context ctx{g.ops, &stats, *filter, vfs::operations::Limits::Create(g.limits)};
  if (g.ops.interactive) ctx.confirm = MakeConfirm(STDIN_FILENO, std::cout);
  ProgressConfig pc;
  pc.progress = g.progress;
  pc.terminal_title = g.progress_terminal_title;
  pc.interval = g.stats;
  pc.interval_set = flags.WasSet("stats");
  // rclone: a date format implies the date, which implies one line.
  const bool dated = g.stats_one_line_date || !g.stats_one_line_date_format.empty();
  pc.one_line = g.stats_one_line || dated;
  if (dated) {
    pc.date_layout = g.stats_one_line_date_format.empty() ? "2006/01/02 15:04:05 - "
                                                          : g.stats_one_line_date_format;
  }
  pc.level = *stats_level;
  pc.style.bits = g.compat.stats_unit == "bits";
  pc.style.file_name_length = g.compat.stats_file_name_length;
  StatsPrinter printer(stats, pc);
  if (command->show_stats) printer.Start();
  CommandEnv cenv{name, *positional, g, ctx, opener, *config, *location, std::cout, commands};
  int tries = command->retry ? std::max(1, g.retries) : 1;
  absl::Status result;
  const base::Cancel& stop = base::Cancel::Process();
  for (int attempt = 1; attempt <= tries; ++attempt) {
    result = command->run(cenv);
    if (result.ok()) result = stats.ErrorSince(0);
    // An error the command returned without counting (e.g. opening the remote failed) still
    // counts, so retries and the final message see it.
    if (!result.ok() && stats.errors() == 0 && !IsUsageError(result)) stats.Error(result);
    if (result.ok()) {
      if (attempt > 1) {
        Logger::Get().Log(vfs::LogLevel::kNotice, "",
                          absl::StrCat("Attempt ", attempt, "/", tries, " succeeded"));
      }
      break;
    }
    if (!command->retry || IsUsageError(result)) break;
    // A stopped run is never retried.
    if (SignalExitCode(stop.status()) != 0) break;
    if (stats.fatal()) {
      Logger::Get().Log(vfs::LogLevel::kError, "", "Fatal error received - not attempting retries");
      break;
    }
    if (stop.triggered()) break;
    if (stats.all_no_retry()) {
      Logger::Get().Log(vfs::LogLevel::kError, "",
                        "Can't retry any of the errors - not attempting retries");
      break;
    }
    Logger::Get().Log(vfs::LogLevel::kError, "",
                      absl::StrCat("Attempt ", attempt, "/", tries, " failed with ", stats.errors(),
                                   " errors and: ", result.message()));
    if (attempt < tries) {
      if (g.retries_sleep > absl::ZeroDuration() &&
          !base::Clock::Real()->Wait(g.retries_sleep, stop).ok()) {
        break;
      }
      stats.ResetErrors();
    }
  }
  // A signal's stop wins over the errors it caused (cut transfers, aborted calls).
  const int signal_exit = command->signal_ends && result.ok() ? 0 : SignalExitCode(stop.status());
  std::cout.flush();
  printer.Stop();
  if (command->show_stats && !g.progress) {
    vfs::LogLevel final_level = g.ops.dry_run ? vfs::LogLevel::kNotice : *stats_level;
    if (Logger::Get().Enabled(final_level)) {
      Logger::Get().Log(final_level, "", printer.Block(false));
    }
  }
  if (signal_exit != 0) {
    Logger::Get().Log(vfs::LogLevel::kInfo, "", "Exiting...");
    return signal_exit;
  }
  if (!result.ok()) {
    if (IsUsageError(result)) return usage_failure(result.message());
    int64_t errors = stats.errors();
    if (errors > 1) {
      Logger::Get().Fatal(absl::StrCat("Failed to ", name, " with ", errors,
                                       " errors: last error was: ", result.message()));
    } else {
      Logger::Get().Fatal(absl::StrCat("Failed to ", name, ": ", result.message()));
    }
    return ExitCodeFor(result);
  }
  if (g.error_on_no_transfer && command->show_stats && stats.transfers() == 0) {
    return kExitNoFilesTransferred;
  }
  return kExitSuccess;
}

}  // namespace fclone
