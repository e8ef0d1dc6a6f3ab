// Every regular file below a directory on disk (temporary files included), relative paths in
// sorted order: what a test checks to see that nothing was left behind.
#ifndef FICHIER_TESTS_SUPPORT_FILE_TREE_H_
#define FICHIER_TESTS_SUPPORT_FILE_TREE_H_

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

namespace test_support {

inline std::vector<std::string> RegularFilesBelow(const std::string& root) {
  std::vector<std::string> out;
  for (const auto& e : std::filesystem::recursive_directory_iterator(root)) {
    if (e.is_regular_file()) out.push_back(std::filesystem::relative(e.path(), root).string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace test_support

#endif  // FICHIER_TESTS_SUPPORT_FILE_TREE_H_
