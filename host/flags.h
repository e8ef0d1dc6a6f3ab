// A command-line flag parser with the semantics of spf13/pflag, which rclone uses, so fclone
// takes the same spellings: --name=value, --name value, -n, combined shorthands (-vv, -vn),
// -xVALUE, "--" to end flags, and flags anywhere among the arguments. Errors use pflag's wording
// ("unknown flag: --foo", "flag needs an argument: --transfers").
#ifndef FICHIER_HOST_FLAGS_H_
#define FICHIER_HOST_FLAGS_H_

#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace fclone {

class FlagSet {
 public:
  struct Flag {
    std::string name;
    char shorthand = 0;
    std::string help;
    std::string value_type;     // "" for booleans and counters, else "int", "string", ...
    std::string default_text;   // shown in help
    bool is_count = false;      // -vv counts
    bool global = false;        // listed under global flags in help
    bool hidden = false;
    // Receives the text of the value ("true" for a bare boolean, "" for one count step).
    std::function<absl::Status(std::string_view)> set;
  };

  // Registration; `global` flags are shown by `help flags` rather than per command.
  void Bool(std::string name, char shorthand, bool* target, std::string help, bool global = false);
  void Count(std::string name, char shorthand, int* target, std::string help, bool global = false);
  void Int(std::string name, char shorthand, int64_t* target, std::string help,
           bool global = false);
  void Int(std::string name, char shorthand, int* target, std::string help, bool global = false);
  void String(std::string name, char shorthand, std::string* target, std::string help,
              bool global = false);
  void StringList(std::string name, char shorthand, std::vector<std::string>* target,
                  std::string help, bool global = false);
  // A typed flag: `parse` turns the text into the value stored in *target, or gives the error
  // pflag reports after "invalid argument ... flag: ".
  template <typename T, typename Parse>
  void Typed(std::string name, char shorthand, std::string value_type, std::string default_text,
             T* target, Parse parse, std::string help, bool global = false) {
    Flag f{std::move(name), shorthand, std::move(help), std::move(value_type),
           std::move(default_text), false, global, false,
           [target, parse](std::string_view v) -> absl::Status {
             auto parsed = parse(v);
             if (!parsed.ok()) return parsed.status();
             *target = *std::move(parsed);
             return absl::OkStatus();
           }};
    Add(std::move(f));
  }
  // rclone's SizeSuffix: KiB by default, suffixes B|K|M|G|T|P, "off" (= -1).
  void Size(std::string name, char shorthand, int64_t* target, std::string help,
            bool global = false);
  // Go-style durations ("1m30s", "500ms"), a bare number of seconds, or "off" (= infinite).
  void Duration(std::string name, char shorthand, absl::Duration* target, std::string help,
                bool global = false);
  void Add(Flag flag);

  // Parses `args` (without the program and command names) and returns the positional ones.
  absl::StatusOr<std::vector<std::string>> Parse(const std::vector<std::string>& args);

  // For a pre-scan that must skip flag values: does the flag spelled `arg` ("--x", "-x") take a
  // separate value argument? Unknown flags are assumed not to.
  bool TakesSeparateValue(std::string_view arg) const;

  bool WasSet(std::string_view name) const { return set_.count(std::string(name)) > 0; }
  const Flag* Find(std::string_view name) const;
  // Sets a flag as if given on the command line (env vars); not marked as set.
  absl::Status SetFromEnv(std::string_view name, std::string_view value);

  // pflag's usage table: "  -h, --help   help for ls", aligned.
  std::string Usage(bool global) const;
  std::vector<const Flag*> All() const;

 private:
  Flag* FindMutable(std::string_view name);
  Flag* FindShort(char c);
  absl::Status Apply(Flag& flag, std::string_view value, std::string_view spelled);

  std::map<std::string, Flag, std::less<>> flags_;
  std::map<char, std::string> shorthands_;
  std::set<std::string> set_;
};

// Go's time.ParseDuration plus rclone's extras (bare seconds, "off").
absl::StatusOr<absl::Duration> ParseGoDuration(std::string_view text);
// Go's Duration.String(): "5m0s", "1h0m0s", "1.5s", "20ms"; "off" for an infinite one.
std::string GoDurationString(absl::Duration d);

}  // namespace fclone

#endif  // FICHIER_HOST_FLAGS_H_
