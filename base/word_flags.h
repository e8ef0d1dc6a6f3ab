// Comma-separated word lists that switch booleans on (--dump headers,bodies; --track-renames-
// strategy hash,modtime): one loop instead of an if-chain per option.
#ifndef FICHIER_BASE_WORD_FLAGS_H_
#define FICHIER_BASE_WORD_FLAGS_H_

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "absl/strings/str_split.h"
#include "base/string_views.h"

namespace base {

struct WordFlag {
  std::string_view word;
  bool* target;  // nullptr: a word accepted and ignored
};

// Sets the target of each word of `text` (empty items skipped). Returns the first word `words`
// does not list, or nullopt when it lists all of them.
inline std::optional<std::string> SetWordFlags(std::string_view text,
                                               std::initializer_list<WordFlag> words) {
  for (absl::string_view item : absl::StrSplit(ToAbsl(text), ',', absl::SkipEmpty())) {
    const WordFlag* known = nullptr;
    for (const WordFlag& w : words) {
      if (ToStd(item) == w.word) known = &w;
    }
    if (known == nullptr) return std::string(ToStd(item));
    if (known->target != nullptr) *known->target = true;
  }
  return std::nullopt;
}

}  // namespace base

#endif  // FICHIER_BASE_WORD_FLAGS_H_
