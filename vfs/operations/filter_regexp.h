// The regular expressions of rclone's filters: rclone turns every filter pattern into a Go
// regexp (see filter_glob.h) and lets users write raw ones inside {{...}}. This is a small
// engine for the part of Go's RE2 syntax those use, so a pattern means here what it means to
// rclone: literals and escapes, `.`, classes (`[a-z]`, `[^/]`, `[[:alpha:]]`, `\d \w \s` and
// their negations), groups (`(...)`, `(?:...)`, `(?P<name>...)`), alternation, the repetitions
// `* + ? {n} {n,} {n,m}` (greedy or lazy: a yes/no match does not care), the anchors
// `^ $ \A \z \b \B` and the flags i, m, s, U (`(?i)` or `(?i:...)`). Unicode classes (`\pL`)
// are refused with a clear error. Text is matched as UTF-8 runes (an invalid byte is U+FFFD,
// as in Go) by a Pike VM: time linear in the text, no backtracking, no recursion on input.
#ifndef FICHIER_VFS_OPERATIONS_FILTER_REGEXP_H_
#define FICHIER_VFS_OPERATIONS_FILTER_REGEXP_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"

namespace vfs::operations {

class Regexp {
 public:
  // Errors read like Go's: "error parsing regexp: missing closing ]: `[a`".
  static absl::StatusOr<Regexp> Compile(std::string_view pattern);

  // Whether the expression matches somewhere in `text` (Go's MatchString: a search; anchor
  // with ^ and $ for a whole-text match).
  bool Match(std::string_view text) const;

  const std::string& pattern() const { return pattern_; }

  // One instruction of the compiled program (public for the compiler in the .cc only).
  enum class Op : uint8_t {
    kRune, kClass, kAnyNotNewline, kAny,                            // consume one rune
    kBeginText, kEndText, kBeginLine, kEndLine, kWordBoundary, kNotWordBoundary,  // assert
    kSplit, kJump, kMatch,
  };
  struct Inst {
    Op op = Op::kMatch;
    bool fold = false;  // kRune/kClass: compare case-insensitively
    char32_t rune = 0;
    int cls = -1;  // index into classes_
    int x = -1;    // next instruction
    int y = -1;    // kSplit: the other branch
  };
  struct Class {
    std::vector<std::pair<char32_t, char32_t>> ranges;  // inclusive
    bool negated = false;
    bool Contains(char32_t c) const;
  };

 private:
  friend class RegexpCompiler;
  bool Step(const Inst& inst, char32_t c) const;

  std::string pattern_;
  std::vector<Inst> prog_;
  std::vector<Class> classes_;
  int start_ = 0;
  std::string required_suffix_;  // UTF-8 every match must end the text with
  std::string required_text_;    // UTF-8 every match must contain
};

// UTF-8 to runes the way Go's `for range` reads a string: each invalid byte is U+FFFD.
std::vector<char32_t> DecodeRunes(std::string_view text);
void DecodeRunesInto(std::string_view text, std::vector<char32_t>& out);  // appends
// Appends the UTF-8 encoding of one rune.
void AppendRune(std::string& out, char32_t c);

}  // namespace vfs::operations

#endif  // FICHIER_VFS_OPERATIONS_FILTER_REGEXP_H_
