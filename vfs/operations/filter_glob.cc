#include "vfs/operations/filter_glob.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "base/utf8.h"

namespace vfs::operations {
namespace {

absl::Status GlobError(std::string_view what, std::string_view glob) {
  return absl::InvalidArgumentError(std::string(what) + " in glob " + GoQuote(glob));
}

}  // namespace

std::string GoQuote(std::string_view s) {
  std::string out = "\"";
  for (size_t i = 0; i < s.size();) {
    const size_t len = base::utf8::RuneLength(s, i);
    if (len == 0) {  // Go prints an invalid byte as \xNN
      absl::StrAppendFormat(&out, "\\x%02x", static_cast<unsigned char>(s[i]));
      ++i;
      continue;
    }
    const char32_t c = base::utf8::DecodeRune(s, i).value;
    const std::string_view enc = s.substr(i, len);
    i += len;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\a': out += "\\a"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\v': out += "\\v"; break;
      default:
        if (c < 0x20 || c == 0x7F) {
          absl::StrAppendFormat(&out, "\\x%02x", static_cast<unsigned>(c));
        } else {
          out += enc;
        }
    }
  }
  return out + "\"";
}

absl::StatusOr<std::string> GlobToRegexpText(std::string_view glob, bool ignore_case) {
  std::string re = ignore_case ? "(?i)" : "";
  if (!glob.empty() && glob[0] == '/') {
    glob.remove_prefix(1);
    re += '^';
  } else {
    re += "(^|/)";
  }
  int stars = 0;
  auto insert_stars = [&]() -> absl::Status {
    if (stars == 1) re += "[^/]*";
    if (stars == 2) re += ".*";
    if (stars > 2) return absl::InvalidArgumentError(absl::StrCat("too many stars in ", GoQuote(glob)));
    stars = 0;
    return absl::OkStatus();
  };
  bool in_braces = false;
  int in_brackets = 0;
  bool slashed = false;
  bool in_regexp = false;      // inside {{ ... }}
  bool in_regexp_end = false;  // after }} waiting for more }
  char32_t next = 0, last = 0;
  for (size_t at = 0; at < glob.size();) {
    // Go's range loop: an invalid byte is U+FFFD, and is written back as that.
    const base::utf8::Rune rune = base::utf8::DecodeRune(glob, at);
    const char32_t c = rune.value;
    at += rune.size;
    last = next;
    next = c;
    if (slashed) {
      base::utf8::AppendRune(re, c);
      slashed = false;
      continue;
    }
    if (in_regexp_end) {
      if (c == '}') {
        // The regexp ends at the last of several }: the earlier ones are part of it.
        re.back() = '}';
        re += ')';
        continue;
      }
      in_regexp_end = false;
    }
    if (in_regexp) {
      if (c == '}' && last == '}') {
        in_regexp = false;
        in_regexp_end = true;
        re.back() = ')';
      } else {
        base::utf8::AppendRune(re, c);
      }
      continue;
    }
    if (c != '*') {
      if (absl::Status st = insert_stars(); !st.ok()) return st;
    }
    if (in_brackets > 0) {
      base::utf8::AppendRune(re, c);
      if (c == '[') ++in_brackets;
      if (c == ']') --in_brackets;
      continue;
    }
    switch (c) {
      case '\\':
        re += '\\';
        slashed = true;
        break;
      case '*':
        ++stars;
        break;
      case '?':
        re += "[^/]";
        break;
      case '[':
        re += '[';
        ++in_brackets;
        break;
      case ']':
        return GlobError("mismatched ']'", glob);
      case '{':
        if (in_braces) {
          if (last != '{') return GlobError("can't nest '{' '}'", glob);
          in_regexp = true;  // {{ starts a regexp; the ( written for the first { wraps it
          in_braces = false;
        } else {
          in_braces = true;
          re += '(';
        }
        break;
      case '}':
        if (!in_braces) return GlobError("mismatched '{' and '}'", glob);
        re += ')';
        in_braces = false;
        break;
      case ',':
        re += in_braces ? '|' : ',';
        break;
      case '.': case '+': case '(': case ')': case '|': case '^': case '$':
        re += '\\';
        base::utf8::AppendRune(re, c);
        break;
      default:
        base::utf8::AppendRune(re, c);
    }
  }
  if (absl::Status st = insert_stars(); !st.ok()) return st;
  if (in_brackets > 0) return GlobError("mismatched '[' and ']'", glob);
  if (in_braces) return GlobError("mismatched '{' and '}'", glob);
  if (in_regexp) return GlobError("mismatched '{{' and '}}'", glob);
  re += '$';
  return re;
}

absl::StatusOr<Regexp> CompileGlob(std::string_view glob, bool ignore_case) {
  absl::StatusOr<std::string> text = GlobToRegexpText(glob, ignore_case);
  if (!text.ok()) return text.status();
  absl::StatusOr<Regexp> re = Regexp::Compile(*text);
  if (!re.ok()) {
    std::string_view shown = !glob.empty() && glob[0] == '/' ? glob.substr(1) : glob;
    return absl::InvalidArgumentError(absl::StrCat("bad glob pattern ", GoQuote(shown),
                                                   " (regexp ", GoQuote(*text), "): ",
                                                   re.status().message()));
  }
  return re;
}

std::vector<std::string> GlobToDirGlobs(std::string_view glob_in) {
  // Patterns too hard to split: "/" or "**" inside {}, and {{regexps}}.
  static const Regexp* const kTooHard =
      new Regexp(*Regexp::Compile(R"(({[^{}]*(\*\*|/)[^{}]*})|\{\{|\}\})"));
  if (kTooHard->Match(glob_in)) return {"/**"};
  std::string glob;
  for (char c : glob_in) {
    if (c == '/' && !glob.empty() && glob.back() == '/') continue;  // squash runs of /
    glob.push_back(c);
  }
  std::vector<std::string> out;
  for (;;) {
    size_t slash = glob.rfind('/');
    size_t stars = glob.rfind("**");
    long i = slash == std::string::npos ? -1 : static_cast<long>(slash);
    long j = stars == std::string::npos ? -1 : static_cast<long>(stars);
    std::string what;
    if (j > i) {
      i = j;
      what = "**";
    }
    if (i < 0) {
      if (out.empty()) out.push_back("/**");
      break;
    }
    glob.resize(static_cast<size_t>(i));
    std::string dir_glob = glob + what + "/";
    if (out.empty() || out.back() != dir_glob) out.push_back(std::move(dir_glob));
  }
  return out;
}

}  // namespace vfs::operations
