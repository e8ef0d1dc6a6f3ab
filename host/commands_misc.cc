// completion / genautocomplete (shell scripts from the command table), cleanup, and
// `backend features` (what an Fs advertises, in rclone's JSON shape).
#include <algorithm>
#include <fstream>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "base/json_writer.h"
#include "base/string_views.h"
#include "host/command.h"
#include "host/completion.h"
#include "host/exit_code.h"

namespace fclone {
namespace {

absl::Status WriteScript(CommandEnv& env, const std::string& shell, const std::string& path) {
  absl::StatusOr<std::string> script = CompletionScript(env.commands, shell);
  if (!script.ok()) return UsageError(std::string(script.status().message()));
  if (path == "-") {
    env.out << *script;
    return absl::OkStatus();
  }
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file << *script;
  file.close();
  if (!file) return absl::InvalidArgumentError("failed to write completion script " + path);
  return absl::OkStatus();
}

// rclone's default places (genautocomplete without a file).
std::string DefaultScriptPath(const std::string& shell) {
  if (shell == "bash") return "/etc/bash_completion.d/fclone";
  if (shell == "zsh") return "/usr/share/zsh/vendor-completions/_fclone";
  return "/etc/fish/completions/fclone.fish";
}

// rclone's fs.Features keys, in its (sorted) order, with what this Fs has.

// Go's json.MarshalIndent(v, "", "\t") of rclone's features answer.
std::string FeaturesJson(const vfs::Fs& fs) {
  using base::JsonDialect;
  using base::JsonQuote;
  const vfs::Features& f = fs.features();
  std::string s = "{\n";
  absl::StrAppend(&s, "\t\"Name\": ", JsonQuote(fs.Name(), JsonDialect::kGo), ",\n");
  absl::StrAppend(&s, "\t\"Root\": ", JsonQuote(fs.Root(), JsonDialect::kGo), ",\n");
  absl::StrAppend(&s, "\t\"String\": ", JsonQuote(fs.ToString(), JsonDialect::kGo), ",\n");
  absl::StrAppend(&s, "\t\"Precision\": ", absl::ToInt64Nanoseconds(f.precision), ",\n");
  std::vector<hash::HashType> hashes = f.hashes.Types();
  if (hashes.empty()) {
    s += "\t\"Hashes\": [],\n";
  } else {
    s += "\t\"Hashes\": [\n";
    for (size_t i = 0; i < hashes.size(); ++i) {
      absl::StrAppend(&s, "\t\t", JsonQuote(hash::HashTypeName(hashes[i])),
                      i + 1 < hashes.size() ? ",\n" : "\n");
    }
    s += "\t],\n";
  }
  s += "\t\"Features\": {\n";
  // Sorted by name, as Go writes a map.
  std::vector<std::pair<std::string_view, bool>> flags = f.ByRcloneName();
  std::sort(flags.begin(), flags.end());
  for (size_t i = 0; i < flags.size(); ++i) {
    absl::StrAppend(&s, "\t\t\"", base::ToAbsl(flags[i].first),
                    "\": ", flags[i].second ? "true" : "false",
                    i + 1 < flags.size() ? ",\n" : "\n");
  }
  s += "\t},\n\t\"MetadataInfo\": null\n}\n";
  return s;
}

absl::Status RunBackend(CommandEnv& env) {
  if (env.args[0] != "features") {
    return absl::InvalidArgumentError(
        absl::StrCat("command \"", env.args[0], "\" failed: command not found"));
  }
  if (env.args.size() < 2) return UsageError("backend features needs a remote:path");
  env.args.erase(env.args.begin());
  absl::StatusOr<OpenedRemote> r = OpenArg(env, 0);
  if (!r.ok()) return r.status();
  env.out << FeaturesJson(*r->fs);
  return absl::OkStatus();
}

}  // namespace

void AddMiscCommands(Commands& out) {
  // None of these has flags of its own.
  out.push_back(
      Command{.name = "completion", .min_args = 1, .max_args = 1, .run = [](CommandEnv& env) {
                return WriteScript(env, env.args[0], "-");
              }});
  out.push_back(
      Command{.name = "genautocomplete", .min_args = 1, .max_args = 2, .run = [](CommandEnv& env) {
                const std::string& shell = env.args[0];
                return WriteScript(env, shell,
                                   env.args.size() > 1 ? env.args[1] : DefaultScriptPath(shell));
              }});
  out.push_back(Command{.name = "cleanup",
                        .min_args = 1,
                        .max_args = 1,
                        .retry = true,
                        .run = [](CommandEnv& env) -> absl::Status {
                          absl::StatusOr<OpenedRemote> r = OpenArg(env, 0);
                          if (!r.ok()) return r.status();
                          return absl::UnimplementedError(
                              absl::StrCat(r->fs->ToString(), " doesn't support cleanup"));
                        }});
  out.push_back(Command{.name = "backend", .min_args = 1, .max_args = -1, .run = RunBackend});
}

}  // namespace fclone
