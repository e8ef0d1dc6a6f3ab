// A fresh folder for one test (mkdtemp under the system temp folder), removed with everything in
// it when the TempDir goes away.
#ifndef FICHIER_TESTS_SUPPORT_TEMP_DIR_H_
#define FICHIER_TESTS_SUPPORT_TEMP_DIR_H_

#include <stdlib.h>

#include <filesystem>
#include <string>
#include <system_error>

namespace test_support {

class TempDir {
 public:
  // `prefix` names the folder (prefix-XXXXXX); path() is empty if it could not be made.
  explicit TempDir(const std::string& prefix) {
    std::string pattern = (std::filesystem::temp_directory_path() / (prefix + "-XXXXXX")).string();
    if (::mkdtemp(pattern.data()) != nullptr) path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace test_support

#endif  // FICHIER_TESTS_SUPPORT_TEMP_DIR_H_
