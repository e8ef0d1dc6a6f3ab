// Helpers shared by the conformance cases (conformance_<concern>.cc): status macros, the fixed
// names and times of rclone's fstests, Put/read shortcuts, listing descriptions, and FsPutFiles.
// Internal to the suite: a backend's test file needs only conformance_suite.h.
#ifndef FICHIER_TESTS_CONFORMANCE_CONFORMANCE_HELPERS_H_
#define FICHIER_TESTS_CONFORMANCE_CONFORMANCE_HELPERS_H_

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "tests/conformance/conformance_suite.h"
#include "vfs/fs.h"
#include "vfs/source.h"

#define CONF_CONCAT_INNER(a, b) a##b
#define CONF_CONCAT(a, b) CONF_CONCAT_INNER(a, b)
#define ASSERT_OK(expr)                            \
  do {                                             \
    const absl::Status conf_status_ = (expr);      \
    ASSERT_TRUE(conf_status_.ok()) << conf_status_; \
  } while (0)
#define EXPECT_OK(expr)                            \
  do {                                             \
    const absl::Status conf_status_ = (expr);      \
    EXPECT_TRUE(conf_status_.ok()) << conf_status_; \
  } while (0)
#define ASSERT_OK_AND_ASSIGN(lhs, expr) \
  ASSERT_OK_AND_ASSIGN_IMPL(CONF_CONCAT(conf_result_, __LINE__), lhs, expr)
#define ASSERT_OK_AND_ASSIGN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                              \
  ASSERT_TRUE(tmp.ok()) << tmp.status();          \
  lhs = *std::move(tmp)

// Skips the test unless the Fs advertises `feature` (`name`: the feature as rclone calls it).
#define SKIP_UNLESS_FEATURE(feature, name)                                           \
  do {                                                                               \
    if (!fs_->features().feature) GTEST_SKIP() << "feature " name " not advertised"; \
  } while (false)

// Puts file1, file2 and file1 again (text/csv), checking each right after Put and through a fresh
// NewObject, as rclone's FsPutFiles does.
#define PUT_FILES(files) ASSERT_NO_FATAL_FAILURE(PutFiles(*fs_, &(files)))

namespace conformance {

extern const absl::Time kTime1;
extern const absl::Time kTime2;
extern const absl::Time kTimeSet;
inline constexpr char kFile1[] = "file name.txt";
inline constexpr char kFile2[] = "hello? sausage/êé/Hello, 世界/ \" ' @ < > & ? + ≠/z.txt";
inline constexpr char kFile2Dir[] = "hello? sausage/êé/Hello, 世界/ \" ' @ < > & ? + ≠";

// `n` random lowercase letters.
std::string RandomContent(size_t n);
// "rclone-test-" and 24 random letters and digits: a fresh directory name.
std::string RandomLeaf();

absl::StatusOr<vfs::ObjectPtr> PutString(vfs::Fs& fs, const std::string& remote,
                                         const std::string& content, absl::Time mod_time,
                                         const std::string& mime_type = "", bool known_size = true);
absl::StatusOr<std::string> ReadObject(vfs::Object& object, const vfs::OpenOptions& options = {});

// The content of the object at `remote`, found through a fresh NewObject; a failed lookup or read
// gives its error instead (so a test compares, and never dereferences a failed read).
std::string ContentAt(vfs::Fs& fs, const std::string& remote);

// Sorted "path (size)" for objects and "path/" for directories, like rclone's listing checks.
std::vector<std::string> Describe(const vfs::DirEntries& entries);
std::vector<std::string> Sorted(std::vector<std::string> v);
// Every directory on the way to `path` ("a/b/c" -> a, a/b).
std::vector<std::string> ParentsOf(std::string_view path);

// Checks an object against the content it should hold (rclone's "item checks").
void ExpectMatches(const vfs::Fs& fs, const vfs::Object& object, const std::string& content,
                   absl::Time mod_time);

// Listing expectation: objects (path -> size) and directories; with can_have_empty_dirs false,
// directories with no expected object below them are dropped (rclone does the same).
std::vector<std::string> Expected(const vfs::Fs& fs, const std::map<std::string, int64_t>& objects,
                                  const std::vector<std::string>& dirs);

// Describe() of a walk of `dir` (depth -1: all), through ListR when `list_r`.
absl::StatusOr<std::vector<std::string>> WalkDescribe(vfs::Fs& fs, std::string_view dir,
                                                      int depth = -1, bool list_r = false);

// The contents PutFiles wrote at kFile1 and kFile2.
struct Files {
  std::string file1;
  std::string file2;
};

// Use through PUT_FILES.
void PutFiles(vfs::Fs& fs, Files* files);

// The directories above kFile2, sorted: shortest first.
std::vector<std::string> File2Dirs();

}  // namespace conformance

#endif  // FICHIER_TESTS_CONFORMANCE_CONFORMANCE_HELPERS_H_
