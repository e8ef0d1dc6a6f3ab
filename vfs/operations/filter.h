// rclone's filtering (fs/filter, "Rclone Filtering"): which objects and directories an
// operation sees. Built from the options of --include, --exclude, --filter (and their -from
// files), --files-from, --min/max-size, --min/max-age, --exclude-if-present, --ignore-case,
// in rclone's order: every include rule, then every exclude rule, then the --filter rules; the
// first rule that matches decides; any include adds a final "exclude everything".
//
// Rules are kept twice, as rclone does: file rules decide objects, directory rules decide
// whether a directory is entered at all (a directory pattern ends in `/`; an include pattern
// also yields the directories its files can lie in, so `--include /a/b/*.jpg` never lists
// other folders). Listing code asks IncludeDirectory before descending, which is what saves
// calls on a slow remote.
#ifndef FICHIER_VFS_OPERATIONS_FILTER_H_
#define FICHIER_VFS_OPERATIONS_FILTER_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "vfs/dir_entry.h"
#include "vfs/object_info.h"
#include "vfs/operations/filter_regexp.h"

namespace vfs::operations {

struct FilterOptions {
  std::vector<std::string> include;       // --include PATTERN (repeatable)
  std::vector<std::string> include_from;  // --include-from FILE ("-" = stdin)
  std::vector<std::string> exclude;
  std::vector<std::string> exclude_from;
  std::vector<std::string> filter;        // --filter "+ PATTERN" / "- PATTERN" / "!"
  std::vector<std::string> filter_from;
  std::vector<std::string> files_from;      // one path per line, comments and spaces trimmed
  std::vector<std::string> files_from_raw;  // one path per line, taken as is
  std::string exclude_if_present;  // a directory holding a file of this name is left out
  int64_t min_size = -1;           // bytes; -1 = off
  int64_t max_size = -1;
  std::optional<absl::Duration> min_age;  // only objects older than this
  std::optional<absl::Duration> max_age;  // only objects younger than this
  bool ignore_case = false;
};

class Filter {
 public:
  struct Rule {
    bool include = false;
    Regexp regexp;
    std::string Text() const { return (include ? "+ " : "- ") + regexp.pattern(); }
  };

  // Reads -from files with `read_file` (default: the file system, "-" = stdin). Errors are
  // rclone's texts ("malformed rule \"x\"", "open f: no such file or directory", ...).
  using FileReader = std::function<absl::StatusOr<std::string>(const std::string& path)>;
  static absl::StatusOr<std::unique_ptr<Filter>> Create(const FilterOptions& options,
                                                       absl::Time now = absl::Now(),
                                                       const FileReader& read_file = nullptr);

  Filter() = default;
  explicit Filter(bool ignore_case) { options_.ignore_case = ignore_case; }

  // One rule, as --include (include=true) or --exclude would add it.
  absl::Status Add(bool include, std::string_view glob);
  // One --filter line: "+ glob", "- glob" or "!" (clears every rule so far).
  absl::Status AddRule(std::string_view rule);
  // One --files-from path.
  void AddFile(std::string_view path);
  void Clear();

  // Whether anything is filtered at all.
  bool Active() const;

  // Objects: size and age limits, then the file rules (or, with --files-from, the list).
  bool Include(std::string_view remote, int64_t size, absl::Time mod_time) const;
  // The same for an object; asks its mod time only when an age limit needs it.
  bool IncludeObject(const ObjectInfo& object) const;
  // The file rules alone.
  bool IncludeRemote(std::string_view remote) const;
  // Whether to list (descend into) the directory `remote`.
  bool IncludeDirectory(std::string_view remote) const;
  // Whether `entries` (one directory's listing) hold the --exclude-if-present file.
  bool ListContainsExcludeFile(const DirEntries& entries) const;
  const std::string& exclude_file() const { return options_.exclude_if_present; }

  // rclone's --dump filters text: the time limits, then "--- File filter rules ---" and
  // "--- Directory filter rules ---" with one "+ regexp" / "- regexp" line per rule.
  std::string Dump() const;

 private:
  static void AddUnique(std::vector<Rule>& rules, std::set<std::string>& seen, bool include,
                        Regexp regexp);

  FilterOptions options_;
  std::optional<absl::Time> mod_time_from_;  // --max-age: not older than this
  std::optional<absl::Time> mod_time_to_;    // --min-age: not newer than this
  std::vector<Rule> file_rules_;
  std::vector<Rule> dir_rules_;
  std::set<std::string> file_rules_seen_;
  std::set<std::string> dir_rules_seen_;
  bool have_files_ = false;  // --files-from given (even if empty)
  std::set<std::string, std::less<>> files_;
  std::set<std::string, std::less<>> dirs_;  // the parents of files_
};

// One directory listing through the filter: objects the filter includes, directories it lets
// the listing enter. `excluded` is set (and `entries` empty) when the listing holds the
// --exclude-if-present file: the directory is then left out as a whole.
struct FilteredListing {
  DirEntries entries;
  bool excluded = false;
};
FilteredListing FilterListing(const Filter& filter, DirEntries entries);

// Flag values, rclone's syntax. Sizes: a number in KiB, or with a suffix B, K, M, G, T, P
// (binary; "Ki"/"KiB" forms too), or "off" (-1). Errors read like rclone's.
absl::StatusOr<int64_t> ParseSizeSuffix(std::string_view text);
// Ages: a Go duration ("1h30m"), a number of seconds, a number with one of ms s m h d w M y,
// "off" (nullopt), or a date "2006-01-02", "2006-01-02 15:04:05", "2006-01-02T15:04:05"
// (local time, fractional seconds allowed) or RFC 3339, giving the age of that moment at `now`.
absl::StatusOr<std::optional<absl::Duration>> ParseAge(std::string_view text, absl::Time now);

}  // namespace vfs::operations

#endif  // FICHIER_VFS_OPERATIONS_FILTER_H_
