// The regular expressions of rclone's filters: rclone turns every filter pattern into a Go
// regexp (see filter_glob.h) and lets users write raw ones inside {{...}}. Go's regexp syntax is
// RE2's, so RE2 runs them: linear time, Go's error texts. Text is matched as Go matches a
// string: an invalid UTF-8 byte is one U+FFFD rune.
#ifndef FICHIER_VFS_OPERATIONS_FILTER_REGEXP_H_
#define FICHIER_VFS_OPERATIONS_FILTER_REGEXP_H_

#include <memory>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace re2 {
class RE2;
}

namespace vfs::operations {

class Regexp {
 public:
  // Errors read like Go's: "error parsing regexp: missing closing ]: `[a`".
  static absl::StatusOr<Regexp> Compile(std::string_view pattern);

  // Whether the expression matches somewhere in `text` (Go's MatchString: a search; anchor
  // with ^ and $ for a whole-text match). Safe from several threads at once.
  bool Match(std::string_view text) const;

  const std::string& pattern() const { return pattern_; }

 private:
  std::string pattern_;
  std::shared_ptr<const re2::RE2> re_;  // immutable once compiled, so copies share it
};

}  // namespace vfs::operations

#endif  // FICHIER_VFS_OPERATIONS_FILTER_REGEXP_H_
