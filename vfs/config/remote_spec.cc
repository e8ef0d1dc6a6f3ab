#include "vfs/config/remote_spec.h"

#include "absl/status/status.h"
#include "vfs/config/str_util.h"

namespace vfs {
namespace {

using config_internal::Cat;
using config_internal::IsAlnum;
using config_internal::ReplaceChar;

bool IsNameChar(char c) { return IsAlnum(c) || c == '_' || c == '-' || c == '.' || c == ' '; }

bool IsParameterChar(char c) { return IsAlnum(c) || c == '_'; }

// rclone's wording, plus where in the argument, since the argument itself is not repeated.
absl::Status SyntaxError(std::string_view what, size_t at) {
  return absl::InvalidArgumentError(Cat(what, " (at byte ", at, ")"));
}

bool IsLocal(std::string_view arg) {
  size_t colon = arg.find(':');
  if (colon == std::string_view::npos) return true;
  size_t slash = arg.find('/');
  return slash != std::string_view::npos && slash < colon;
}

}  // namespace

std::string RemoteSpec::ConfigName() const {
  switch (kind) {
    case Kind::kLocal:
      return "local";
    case Kind::kNamed:
      return name;
    case Kind::kOnTheFly:
      return Cat(":", name);
  }
  return name;
}

absl::StatusOr<RemoteSpec> ParseRemoteSpec(std::string_view arg) {
  RemoteSpec spec;
  if (IsLocal(arg)) {
    spec.path = std::string(arg);
    return spec;
  }
  const size_t n = arg.size();
  size_t pos = 0;
  spec.kind = RemoteSpec::Kind::kNamed;
  if (arg.front() == ':') {
    spec.kind = RemoteSpec::Kind::kOnTheFly;
    pos = 1;
  }
  size_t name_end = arg.find_first_of(":,", pos);
  if (name_end == std::string_view::npos) {
    return SyntaxError("config name needs a trailing `:`", n);
  }
  std::string_view name = arg.substr(pos, name_end - pos);
  if (name.empty()) return SyntaxError("config name can't be empty", pos);
  for (size_t i = 0; i < name.size(); ++i) {
    if (!IsNameChar(name[i])) {
      return SyntaxError(
          "config name contains invalid characters - may only contain `0-9`, `A-Z`, `a-z`, "
          "`_`, `-`, `.` and space",
          pos + i);
    }
  }
  spec.name = std::string(name);
  pos = name_end;

  while (arg[pos] == ',') {
    ++pos;
    size_t key_start = pos;
    while (pos < n && IsParameterChar(arg[pos])) ++pos;
    if (pos == n) return SyntaxError("config parameter must end with `,` or `:`", pos);
    char c = arg[pos];
    if (c != '=' && c != ',' && c != ':') {
      return SyntaxError("config parameters may only contain `0-9`, `A-Z`, `a-z` and `_`", pos);
    }
    std::string key(arg.substr(key_start, pos - key_start));
    if (key.empty()) return SyntaxError("config parameters can't be empty", pos);
    std::string value = "true";  // a bare parameter is a boolean flag
    if (c == '=') {
      ++pos;
      if (pos < n && (arg[pos] == '\'' || arg[pos] == '"')) {
        const char quote = arg[pos];
        const size_t open = pos++;
        value.clear();
        for (;;) {
          if (pos == n) return SyntaxError("unterminated quoted config value", open);
          if (arg[pos] == quote) {
            if (pos + 1 < n && arg[pos + 1] == quote) {  // doubled quote: a literal one
              value.push_back(quote);
              pos += 2;
              continue;
            }
            ++pos;
            break;
          }
          value.push_back(arg[pos++]);
        }
        if (pos == n || (arg[pos] != ',' && arg[pos] != ':')) {
          return SyntaxError("expecting `:` or `,` or another quote after a quote", pos);
        }
      } else {
        size_t start = pos;
        while (pos < n && arg[pos] != ',' && arg[pos] != ':') ++pos;
        if (pos == n) return SyntaxError("unquoted config value must end with `,` or `:`", pos);
        value = std::string(arg.substr(start, pos - start));
      }
    }
    spec.parameters.emplace_back(std::move(key), std::move(value));
  }
  // The loop leaves pos on the ':' that ends the config part.
  spec.path = std::string(arg.substr(pos + 1));
  return spec;
}

std::string FormatRemoteSpec(const RemoteSpec& spec) {
  if (spec.kind == RemoteSpec::Kind::kLocal) {
    // A local path that would read as a remote gets "./", as rclone itself advises.
    return IsLocal(spec.path) ? spec.path : Cat("./", spec.path);
  }
  std::string out = spec.kind == RemoteSpec::Kind::kOnTheFly ? ":" : "";
  out += spec.name;
  for (const auto& [key, value] : spec.parameters) {
    out += Cat(",", key, "=");
    bool quote = value.find_first_of(",:") != std::string::npos ||
                 (!value.empty() && (value.front() == '\'' || value.front() == '"'));
    if (quote) {
      out += Cat("'", ReplaceChar(value, '\'', "''"), "'");
    } else {
      out += value;
    }
  }
  out += Cat(":", spec.path);
  return out;
}

}  // namespace vfs
