// An in-memory stand-in for the 1fichier API: enough of the service's behaviour (folders,
// files with duplicates, upload sessions, tokens) for the fs/object layer's logic, plus a record
// of every call and of the fields that matter to the tests (names, passwords, URLs).
#ifndef FICHIER_TESTS_FICHIER_FAKE_API_H_
#define FICHIER_TESTS_FICHIER_FAKE_API_H_

#include <map>
#include <string>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "backend/fichier/api.h"

namespace fichier_test {

using namespace backend::fichier;  // NOLINT: test helper

class FakeApi : public Api {
 public:
  struct File {
    std::string url, filename, content, date;
    int64_t folder = 0;
  };
  struct Folder {
    int64_t parent = 0;
    std::string name;
  };

  // State and records; tests read them directly (under no concurrency) or via calls().
  absl::Mutex mu;
  std::map<int64_t, Folder> folders;  // 0 (root) is implicit
  std::map<std::string, File> files;  // by url
  std::vector<std::string> calls;
  std::vector<std::string> uploaded_names, mkdir_names, rename_names, mv_renames, cp_renames,
      folder_renames, token_passwords, cp_passwords, removed_urls;
  std::vector<bool> token_singles;  // `single` of every get_token
  int refuse_downloads = 0;  // the next N downloads answer 403 (an expired or revoked token)
  bool corrupt_whirlpool = false;
  bool shuffle_listing = false;  // reverse the order of items
  int64_t next_id = 1000;
  int next_file = 0;
  std::map<std::string, std::vector<File>> sessions;  // upload id -> files

  int64_t Calls(const std::string& name);
  int64_t TotalCalls();
  std::string AddFile(int64_t folder, const std::string& filename, const std::string& content,
                      const std::string& date);
  int64_t AddFolder(int64_t parent, const std::string& name);

  // The remote-upload and shared-folder endpoints answer Unimplemented.
  FICHIER_API_OVERRIDES

 private:
  // These expect `mu` held.
  FileItem ItemOf(const File& f) const;
  std::vector<FileItem> ItemsIn(int64_t folder) const;  // the files of one folder, as listed
  std::string NewFileUrl();
  int64_t NewFolder(int64_t parent, const std::string& name);
};

}  // namespace fichier_test

#endif  // FICHIER_TESTS_FICHIER_FAKE_API_H_
