#include "host/flags.h"

#include <algorithm>
#include <limits>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/ascii.h"
#include "host/go_int.h"
#include "vfs/operations/filter.h"
#include "vfs/operations/format.h"

namespace fclone {
namespace {

absl::Status ParseBool(std::string_view v, bool* out) {
  static const char* kTrue[] = {"1", "t", "T", "TRUE", "true", "True"};
  static const char* kFalse[] = {"0", "f", "F", "FALSE", "false", "False"};
  for (const char* t : kTrue) {
    if (v == t) {
      *out = true;
      return absl::OkStatus();
    }
  }
  for (const char* f : kFalse) {
    if (v == f) {
      *out = false;
      return absl::OkStatus();
    }
  }
  return absl::InvalidArgumentError(
      absl::StrCat("strconv.ParseBool: parsing \"", std::string(v), "\": invalid syntax"));
}

// A whole number into *out (left as it was when refused, with Go's strconv.ParseInt message).
// rclone's ints are 64-bit: past an `int` target's range the value saturates, which no count,
// depth or retry number can tell apart from rclone's.
template <typename Int>
absl::Status ParseInt(std::string_view v, Int* out) {
  absl::StatusOr<int64_t> n = ParseGoInt(v);
  if (!n.ok()) return n.status();
  *out = static_cast<Int>(std::clamp<int64_t>(*n, std::numeric_limits<Int>::min(),
                                              std::numeric_limits<Int>::max()));
  return absl::OkStatus();
}

template <typename Int>
FlagSet::Flag IntFlag(std::string name, char shorthand, Int* target, std::string help,
                      bool global) {
  return FlagSet::Flag{.name = std::move(name),
                       .shorthand = shorthand,
                       .help = std::move(help),
                       .value_type = "int",
                       .default_text = absl::StrCat(*target),
                       .global = global,
                       .set = [target](std::string_view v) { return ParseInt(v, target); }};
}

}  // namespace

namespace {

// Why Go's time.ParseDuration refuses `s`, in its words: a number without a unit, a unit it
// does not know, or anything else.
std::string GoDurationProblem(std::string_view s) {
  static constexpr std::string_view kUnits[] = {"ns", "us", "ms", "s", "m", "h"};
  size_t i = (!s.empty() && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
  if (i == s.size()) return "invalid duration";
  while (i < s.size()) {
    const size_t number = i;
    while (i < s.size() && (absl::ascii_isdigit(s[i]) || s[i] == '.')) ++i;
    if (i == number) return "invalid duration";
    const size_t unit = i;
    while (i < s.size() && !absl::ascii_isdigit(s[i]) && s[i] != '.') ++i;
    if (i == unit) return "missing unit in duration";
    std::string_view u = s.substr(unit, i - unit);
    if (std::find(std::begin(kUnits), std::end(kUnits), u) == std::end(kUnits)) {
      return absl::StrCat("unknown unit \"", std::string(u), "\" in duration");
    }
  }
  return "invalid duration";
}

}  // namespace

std::string GoDurationString(absl::Duration d) {
  if (d == absl::InfiniteDuration()) return "off";
  if (d == absl::ZeroDuration()) return "0s";
  std::string sign = d < absl::ZeroDuration() ? "-" : "";
  if (d < absl::ZeroDuration()) d = -d;
  // Go prints the fraction of its largest unit with trailing zeros dropped: 1.5ms, 2.25s.
  auto fraction = [](int64_t whole, int64_t part, int digits) {
    std::string out = absl::StrCat(whole);
    if (part == 0) return out;
    std::string frac = absl::StrFormat("%0*d", digits, part);
    while (!frac.empty() && frac.back() == '0') frac.pop_back();
    return absl::StrCat(out, ".", frac);
  };
  const int64_t ns = absl::ToInt64Nanoseconds(d);
  if (d < absl::Microseconds(1)) return absl::StrCat(sign, ns, "ns");
  if (d < absl::Milliseconds(1)) return absl::StrCat(sign, fraction(ns / 1000, ns % 1000, 3), "µs");
  if (d < absl::Seconds(1)) {
    return absl::StrCat(sign, fraction(ns / 1000000, ns % 1000000, 6), "ms");
  }
  const int64_t hours = ns / (3600 * int64_t{1000000000});
  const int64_t minutes = ns / (60 * int64_t{1000000000}) % 60;
  const int64_t seconds_ns = ns % (60 * int64_t{1000000000});
  std::string out = sign;
  if (hours > 0) absl::StrAppend(&out, hours, "h");
  if (hours > 0 || minutes > 0) absl::StrAppend(&out, minutes, "m");
  absl::StrAppend(&out, fraction(seconds_ns / 1000000000, seconds_ns % 1000000000, 9), "s");
  return out;
}

absl::StatusOr<absl::Duration> ParseGoDuration(std::string_view text) {
  std::string s(text);
  if (s == "off") return absl::InfiniteDuration();
  double seconds = 0;
  if (absl::SimpleAtod(s, &seconds)) return absl::Seconds(seconds);
  // rclone also accepts days/weeks/months/years suffixes.
  if (s.size() > 1) {
    char unit = s.back();
    double n = 0;
    if ((unit == 'd' || unit == 'w' || unit == 'M' || unit == 'y') &&
        absl::SimpleAtod(s.substr(0, s.size() - 1), &n)) {
      double days = unit == 'd' ? 1 : unit == 'w' ? 7 : unit == 'M' ? 30 : 365;
      return absl::Hours(24 * days * n);
    }
  }
  // Go spells micro both with the micro sign and the Greek mu; Abseil wants "us".
  std::string ascii = absl::StrReplaceAll(s, {{"\xC2\xB5s", "us"}, {"\xCE\xBCs", "us"}});
  absl::Duration d;
  if (absl::ParseDuration(ascii, &d)) return d;
  return absl::InvalidArgumentError(absl::StrCat("time: ", GoDurationProblem(ascii), " \"", s, "\""));
}

void FlagSet::Add(Flag flag) {
  if (flag.shorthand) shorthands_[flag.shorthand] = flag.name;
  std::string name = flag.name;
  flags_[name] = std::move(flag);
}

void FlagSet::Bool(std::string name, char shorthand, bool* target, std::string help,
                   bool global) {
  Flag f{name, shorthand, std::move(help), "", "", false, global, false,
         [target](std::string_view v) { return ParseBool(v, target); }};
  Add(std::move(f));
}

void FlagSet::Count(std::string name, char shorthand, int* target, std::string help,
                    bool global) {
  Flag f{name, shorthand, std::move(help), "", "", true, global, false,
         [target](std::string_view v) {
           if (v.empty()) {
             ++*target;
             return absl::OkStatus();
           }
           return ParseInt(v, target);
         }};
  Add(std::move(f));
}

void FlagSet::Int(std::string name, char shorthand, int64_t* target, std::string help,
                  bool global) {
  Add(IntFlag(std::move(name), shorthand, target, std::move(help), global));
}

void FlagSet::Int(std::string name, char shorthand, int* target, std::string help, bool global) {
  Add(IntFlag(std::move(name), shorthand, target, std::move(help), global));
}

void FlagSet::String(std::string name, char shorthand, std::string* target, std::string help,
                     bool global) {
  Flag f{name, shorthand, std::move(help), "string",
         target->empty() ? "" : absl::StrCat("\"", *target, "\""), false, global, false,
         [target](std::string_view v) {
           *target = std::string(v);
           return absl::OkStatus();
         }};
  Add(std::move(f));
}

void FlagSet::StringList(std::string name, char shorthand, std::vector<std::string>* target,
                         std::string help, bool global) {
  Flag f{name, shorthand, std::move(help), "stringArray", "", false, global, false,
         [target](std::string_view v) {
           target->emplace_back(v);
           return absl::OkStatus();
         }};
  Add(std::move(f));
}

void FlagSet::Size(std::string name, char shorthand, int64_t* target, std::string help,
                   bool global) {
  Typed(std::move(name), shorthand, "SizeSuffix",
        *target < 0 ? "off" : vfs::operations::SizeSuffix(*target),
        target, vfs::operations::ParseSizeSuffix, std::move(help), global);
}

void FlagSet::Duration(std::string name, char shorthand, absl::Duration* target,
                       std::string help, bool global) {
  // pflag shows no default for a zero value.
  std::string default_text = *target == absl::ZeroDuration() ? "" : GoDurationString(*target);
  Flag f{name,  shorthand, std::move(help), "Duration", std::move(default_text),
         false, global,    false,
         [target](std::string_view v) -> absl::Status {
           absl::StatusOr<absl::Duration> d = ParseGoDuration(v);
           if (!d.ok()) return d.status();
           *target = *d;
           return absl::OkStatus();
         }};
  Add(std::move(f));
}

const FlagSet::Flag* FlagSet::Find(std::string_view name) const {
  auto it = flags_.find(name);
  return it == flags_.end() ? nullptr : &it->second;
}

FlagSet::Flag* FlagSet::FindMutable(std::string_view name) {
  auto it = flags_.find(name);
  return it == flags_.end() ? nullptr : &it->second;
}

FlagSet::Flag* FlagSet::FindShort(char c) {
  auto it = shorthands_.find(c);
  return it == shorthands_.end() ? nullptr : FindMutable(it->second);
}

absl::Status FlagSet::Apply(Flag& flag, std::string_view value, std::string_view spelled) {
  absl::Status st = flag.set(value);
  if (!st.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("invalid argument \"", std::string(value),
                                                   "\" for \"", std::string(spelled),
                                                   "\" flag: ", st.message()));
  }
  set_.insert(flag.name);
  return absl::OkStatus();
}

absl::Status FlagSet::SetFromEnv(std::string_view name, std::string_view value) {
  Flag* flag = FindMutable(name);
  if (flag == nullptr) return absl::NotFoundError(std::string(name));
  std::string v(value);
  if (flag->is_count && v.empty()) return absl::OkStatus();
  absl::Status st = flag->set(v);
  if (!st.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("invalid value for --", flag->name,
                                                   " from environment: ", st.message()));
  }
  return absl::OkStatus();
}

bool FlagSet::TakesSeparateValue(std::string_view arg) const {
  if (arg.size() < 2 || arg[0] != '-' || arg == "--") return false;
  if (arg[1] == '-') {
    std::string_view name = arg.substr(2);
    if (name.find('=') != std::string_view::npos) return false;
    const Flag* f = Find(name);
    return f != nullptr && !f->value_type.empty();
  }
  // Shorthands: the last letter may take the next argument when nothing follows it.
  for (size_t i = 1; i < arg.size(); ++i) {
    auto it = shorthands_.find(arg[i]);
    if (it == shorthands_.end()) return false;
    const Flag* f = Find(it->second);
    if (!f->value_type.empty()) return i + 1 == arg.size();
  }
  return false;
}

absl::StatusOr<std::vector<std::string>> FlagSet::Parse(const std::vector<std::string>& args) {
  std::vector<std::string> positional;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--") {
      positional.insert(positional.end(), args.begin() + i + 1, args.end());
      break;
    }
    if (arg.size() < 2 || arg[0] != '-') {
      positional.push_back(arg);
      continue;
    }
    if (arg[1] == '-') {
      std::string body = arg.substr(2);
      size_t eq = body.find('=');
      std::string name = body.substr(0, eq);
      Flag* flag = FindMutable(name);
      if (flag == nullptr) {
        return absl::InvalidArgumentError(absl::StrCat("unknown flag: --", name));
      }
      std::string spelled = "--" + name;
      if (eq != std::string::npos) {
        absl::Status st = Apply(*flag, body.substr(eq + 1), spelled);
        if (!st.ok()) return st;
      } else if (flag->value_type.empty()) {
        absl::Status st = Apply(*flag, flag->is_count ? "" : "true", spelled);
        if (!st.ok()) return st;
      } else {
        if (i + 1 >= args.size()) {
          return absl::InvalidArgumentError(absl::StrCat("flag needs an argument: ", spelled));
        }
        absl::Status st = Apply(*flag, args[++i], spelled);
        if (!st.ok()) return st;
      }
      continue;
    }
    // One or more shorthands.
    for (size_t k = 1; k < arg.size(); ++k) {
      Flag* flag = FindShort(arg[k]);
      if (flag == nullptr) {
        return absl::InvalidArgumentError(
            absl::StrCat("unknown shorthand flag: '", std::string(1, arg[k]), "' in ", arg));
      }
      std::string spelled = std::string("-") + arg[k];
      if (flag->value_type.empty()) {
        if (k + 1 < arg.size() && arg[k + 1] == '=') {
          absl::Status st = Apply(*flag, arg.substr(k + 2), spelled);
          if (!st.ok()) return st;
          break;
        }
        absl::Status st = Apply(*flag, flag->is_count ? "" : "true", spelled);
        if (!st.ok()) return st;
        continue;
      }
      std::string value;
      if (k + 1 < arg.size()) {
        value = arg.substr(k + 1);
        if (!value.empty() && value[0] == '=') value = value.substr(1);
      } else if (i + 1 < args.size()) {
        value = args[++i];
      } else {
        return absl::InvalidArgumentError(absl::StrCat("flag needs an argument: '",
                                                       std::string(1, arg[k]), "' in ", arg));
      }
      absl::Status st = Apply(*flag, value, spelled);
      if (!st.ok()) return st;
      break;
    }
  }
  return positional;
}

std::vector<const FlagSet::Flag*> FlagSet::All() const {
  std::vector<const Flag*> out;
  for (const auto& [name, flag] : flags_) out.push_back(&flag);
  return out;
}

std::string FlagSet::Usage(bool global) const {
  std::vector<std::pair<std::string, std::string>> rows;
  size_t width = 0;
  for (const auto& [name, f] : flags_) {
    if (f.global != global || f.hidden) continue;
    std::string left = f.shorthand ? absl::StrFormat("  -%c, --%s", f.shorthand, name)
                                   : absl::StrFormat("      --%s", name);
    if (!f.value_type.empty()) absl::StrAppend(&left, " ", f.value_type);
    std::string help = f.help;
    if (!f.default_text.empty() && f.default_text != "0" && f.default_text != "\"\"") {
      absl::StrAppend(&help, " (default ", f.default_text, ")");
    }
    width = std::max(width, left.size());
    rows.emplace_back(std::move(left), std::move(help));
  }
  std::string out;
  for (const auto& [left, help] : rows) {
    absl::StrAppend(&out, left, std::string(width - left.size() + 3, ' '), help, "\n");
  }
  return out;
}

}  // namespace fclone
