#include "vfs/operations/filter_regexp.h"

#include <re2/re2.h>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "base/string_views.h"
#include "base/utf8.h"

namespace vfs::operations {
namespace {

// Go's regexp/syntax error texts for RE2's codes (RE2 reports the same offending part).
std::string_view GoErrorText(RE2::ErrorCode code) {
  switch (code) {
    case RE2::ErrorBadEscape: return "invalid escape sequence";
    case RE2::ErrorBadCharClass: return "invalid character class";
    case RE2::ErrorBadCharRange: return "invalid character class range";
    case RE2::ErrorMissingBracket: return "missing closing ]";
    case RE2::ErrorMissingParen: return "missing closing )";
    case RE2::ErrorUnexpectedParen: return "unexpected )";
    case RE2::ErrorTrailingBackslash: return "trailing backslash at end of expression";
    case RE2::ErrorRepeatArgument: return "missing argument to repetition operator";
    case RE2::ErrorRepeatSize: return "invalid repeat count";
    case RE2::ErrorRepeatOp: return "invalid nested repetition operator";
    case RE2::ErrorBadPerlOp: return "invalid or unsupported Perl syntax";
    case RE2::ErrorBadUTF8: return "invalid UTF-8";
    case RE2::ErrorBadNamedCapture: return "invalid named capture";
    case RE2::ErrorPatternTooLarge: return "expression too large";
    default: return "regexp/syntax: internal error";
  }
}

absl::Status GoParseError(std::string_view what, std::string_view part) {
  return absl::InvalidArgumentError(
      absl::StrCat("error parsing regexp: ", base::ToAbsl(what), ": `", base::ToAbsl(part), "`"));
}

// RE2 takes \C (any byte); Go refuses it. Outside \Q...\E every backslash starts an escape.
bool HasAnyByteEscape(std::string_view pattern) {
  for (size_t i = 0; i + 1 < pattern.size(); ++i) {
    if (pattern[i] != '\\') continue;
    if (pattern[i + 1] == 'Q') {
      const size_t end = pattern.find("\\E", i + 2);
      if (end == std::string_view::npos) return false;
      i = end + 1;
    } else if (pattern[i + 1] == 'C') {
      return true;
    } else {
      ++i;
    }
  }
  return false;
}

}  // namespace

absl::StatusOr<Regexp> Regexp::Compile(std::string_view pattern) {
  RE2::Options options;
  options.set_log_errors(false);
  options.set_never_capture(true);  // only yes/no answers are needed
  auto re = std::make_shared<const RE2>(re2::StringPiece(pattern.data(), pattern.size()), options);
  if (!re->ok()) return GoParseError(GoErrorText(re->error_code()), re->error_arg());
  if (HasAnyByteEscape(pattern)) return GoParseError("invalid escape sequence", "\\C");
  Regexp out;
  out.pattern_ = std::string(pattern);
  out.re_ = std::move(re);
  return out;
}

bool Regexp::Match(std::string_view text) const {
  if (!base::utf8::IsValid(text)) {
    const std::string runes = base::utf8::ReplaceInvalid(text);
    return RE2::PartialMatch(re2::StringPiece(runes.data(), runes.size()), *re_);
  }
  return RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), *re_);
}

}  // namespace vfs::operations
