#include "host/completion.h"

#include <algorithm>
#include <functional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"

namespace fclone {
namespace {

// One command's words: its name, help line and flag spellings.
struct Entry {
  std::string name;
  std::string help;
  std::vector<const FlagSet::Flag*> flags;
};

struct Table {
  FlagSet global_set;
  GlobalFlags global_values;
  std::vector<const FlagSet::Flag*> global;
  std::vector<FlagSet> command_sets;
  std::vector<Entry> commands;
};

std::unique_ptr<Table> MakeTable(const Commands& commands) {
  auto t = std::make_unique<Table>();
  AddGlobalFlagsForHelp(t->global_set, t->global_values);
  for (const FlagSet::Flag* f : t->global_set.All()) {
    if (!f->hidden) t->global.push_back(f);
  }
  t->command_sets.resize(commands.size());
  for (size_t i = 0; i < commands.size(); ++i) {
    // A copy: binding flags must not touch the values of the command being run.
    Command copy = commands[i];
    if (copy.add_flags) copy.add_flags(t->command_sets[i]);
    Entry e{copy.name, copy.short_help, {}};
    for (const FlagSet::Flag* f : t->command_sets[i].All()) {
      if (!f->hidden) e.flags.push_back(f);
    }
    t->commands.push_back(std::move(e));
  }
  std::sort(t->commands.begin(), t->commands.end(),
            [](const Entry& a, const Entry& b) { return a.name < b.name; });
  return t;
}

std::string Spellings(const std::vector<const FlagSet::Flag*>& flags) {
  std::vector<std::string> words;
  for (const FlagSet::Flag* f : flags) {
    words.push_back("--" + f->name);
    if (f->shorthand != 0) words.push_back(std::string("-") + f->shorthand);
  }
  return absl::StrJoin(words, " ");
}

// Inside single quotes in bash/zsh ('\'' closes, escapes and reopens).
std::string SingleQuoted(std::string_view text) {
  return absl::StrCat("'", absl::StrReplaceAll(std::string(text), {{"'", "'\\''"}}), "'");
}

// One `case` arm per command that has flags: "name) flags=<its spellings, as `list` puts them> ;;".
void AppendFlagCases(std::string& s, const Table& t,
                     const std::function<std::string(const std::string&)>& list) {
  for (const Entry& e : t.commands) {
    if (e.flags.empty()) continue;
    absl::StrAppend(&s, "    ", e.name, ") flags=", list(Spellings(e.flags)), " ;;\n");
  }
}

std::string Bash(const Table& t) {
  std::string s =
      "# bash completion for fclone (made by \"fclone completion bash\"; source it, or put it in\n"
      "# /etc/bash_completion.d/fclone)\n"
      "_fclone() {\n"
      "  local cur=\"${COMP_WORDS[COMP_CWORD]}\" cmd=\"\" i\n"
      "  for ((i = 1; i < COMP_CWORD; i++)); do\n"
      "    case \"${COMP_WORDS[i]}\" in -*) ;; *) cmd=\"${COMP_WORDS[i]}\"; break ;; esac\n"
      "  done\n";
  absl::StrAppend(&s, "  local global=", SingleQuoted(Spellings(t.global)), "\n");
  std::vector<std::string> names;
  for (const Entry& e : t.commands) names.push_back(e.name);
  absl::StrAppend(&s, "  local commands=", SingleQuoted(absl::StrJoin(names, " ")), "\n",
                  "  if [[ -z \"$cmd\" ]]; then\n"
                  "    if [[ \"$cur\" == -* ]]; then\n"
                  "      COMPREPLY=($(compgen -W \"$global\" -- \"$cur\"))\n"
                  "    else\n"
                  "      COMPREPLY=($(compgen -W \"$commands\" -- \"$cur\"))\n"
                  "    fi\n"
                  "    return\n"
                  "  fi\n"
                  "  local flags=\"\"\n"
                  "  case \"$cmd\" in\n");
  AppendFlagCases(s, t, SingleQuoted);
  absl::StrAppend(&s,
                  "  esac\n"
                  "  if [[ \"$cur\" == -* ]]; then\n"
                  "    COMPREPLY=($(compgen -W \"$flags $global\" -- \"$cur\"))\n"
                  "    return\n"
                  "  fi\n"
                  "  # Remote names from the config, then local paths (complete -o default).\n"
                  "  COMPREPLY=($(compgen -W \"$(\"${COMP_WORDS[0]}\" listremotes 2>/dev/null)\" "
                  "-- \"$cur\"))\n"
                  "}\n"
                  "complete -o default -F _fclone fclone\n");
  return s;
}

std::string Zsh(const Table& t) {
  std::string s =
      "#compdef fclone\n"
      "# zsh completion for fclone (made by \"fclone completion zsh\"; put it in a directory of\n"
      "# $fpath as _fclone)\n"
      "_fclone() {\n"
      "  local -a commands global flags\n";
  absl::StrAppend(&s, "  global=(", Spellings(t.global), ")\n", "  commands=(\n");
  for (const Entry& e : t.commands) {
    absl::StrAppend(&s, "    ",
                    SingleQuoted(absl::StrCat(e.name, ":",
                                              absl::StrReplaceAll(e.help, {{":", "\\:"}}))),
                    "\n");
  }
  absl::StrAppend(&s,
                  "  )\n"
                  "  if (( CURRENT == 2 )) && [[ $PREFIX != -* ]]; then\n"
                  "    _describe 'command' commands\n"
                  "    return\n"
                  "  fi\n"
                  "  case ${words[2]} in\n");
  AppendFlagCases(s, t, [](const std::string& spellings) { return "(" + spellings + ")"; });
  absl::StrAppend(&s,
                  "  esac\n"
                  "  if [[ $PREFIX == -* ]]; then\n"
                  "    compadd -- $flags $global\n"
                  "  else\n"
                  "    compadd -S '' -- ${(f)\"$(fclone listremotes 2>/dev/null)\"}\n"
                  "    _files\n"
                  "  fi\n"
                  "}\n"
                  "compdef _fclone fclone\n");
  return s;
}

std::string FishQuoted(std::string_view text) {
  return absl::StrCat(
      "'", absl::StrReplaceAll(std::string(text), {{"\\", "\\\\"}, {"'", "\\'"}}), "'");
}

void FishFlags(std::string& s, const std::vector<const FlagSet::Flag*>& flags,
               const std::string& condition) {
  for (const FlagSet::Flag* f : flags) {
    absl::StrAppend(&s, "complete -c fclone", condition, " -l ", f->name);
    if (f->shorthand != 0) absl::StrAppend(&s, " -s ", std::string(1, f->shorthand));
    if (!f->value_type.empty()) absl::StrAppend(&s, " -r");
    absl::StrAppend(&s, " -d ", FishQuoted(f->help), "\n");
  }
}

std::string Fish(const Table& t) {
  std::string s =
      "# fish completion for fclone (made by \"fclone completion fish\"; put it in\n"
      "# ~/.config/fish/completions/fclone.fish)\n"
      "complete -c fclone -n '__fish_use_subcommand' -f -a '(fclone listremotes 2>/dev/null)'\n";
  for (const Entry& e : t.commands) {
    absl::StrAppend(&s, "complete -c fclone -n '__fish_use_subcommand' -f -a ", e.name, " -d ",
                    FishQuoted(e.help), "\n");
  }
  FishFlags(s, t.global, "");
  for (const Entry& e : t.commands) {
    FishFlags(s, e.flags, absl::StrCat(" -n '__fish_seen_subcommand_from ", e.name, "'"));
  }
  return s;
}

}  // namespace

absl::StatusOr<std::string> CompletionScript(const Commands& commands, std::string_view shell) {
  std::unique_ptr<Table> table = MakeTable(commands);
  if (shell == "bash") return Bash(*table);
  if (shell == "zsh") return Zsh(*table);
  if (shell == "fish") return Fish(*table);
  return absl::InvalidArgumentError(
      absl::StrCat("unknown shell \"", std::string(shell), "\": use bash, zsh or fish"));
}

}  // namespace fclone
