// Reads testdata/filter_cases.txt: a file tree, helper files and rclone's recorded answers to
// `rclone lsf -R <filter flags>` and `--dump filters` (see record_rclone_filters.py). Shared by
// the operations test (memory remote) and the live cross-check in tests/integration.
#ifndef FICHIER_TESTS_OPERATIONS_FILTER_CASES_H_
#define FICHIER_TESTS_OPERATIONS_FILTER_CASES_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/time/time.h"

namespace optest {

struct FilterCases {
  struct File {
    std::string path;
    int64_t size = 0;
    std::string mtime;  // unix seconds, or "now-SECONDS"
    absl::Time Time(absl::Time now) const;
  };
  struct Case {
    std::string kind;               // "case" (lsf -R) or "dump"
    std::vector<std::string> args;  // @NAME names a helper file
    std::vector<std::string> expected;  // sorted lines, or one "!error MESSAGE"
    std::string Title() const;
  };
  std::vector<File> tree;
  std::vector<std::string> empty_dirs;
  std::map<std::string, std::string> helper_files;  // name -> content
  std::vector<Case> cases;
};

// Aborts the test run when the file cannot be read (it is part of the sources).
FilterCases LoadFilterCases(const std::string& path);

// The args with each @NAME replaced by dir/NAME, after writing the helper files there.
std::vector<std::string> ResolveHelperFiles(const FilterCases& cases,
                                            const std::vector<std::string>& args,
                                            const std::string& dir);

}  // namespace optest

#endif  // FICHIER_TESTS_OPERATIONS_FILTER_CASES_H_
