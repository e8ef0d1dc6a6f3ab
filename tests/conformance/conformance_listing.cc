// Conformance cases: listing what FsPutFiles put (List, ListR, walks by depth), and Fs roots:
// a root that is a file, the base root, a root below a missing directory.
#include <algorithm>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "tests/conformance/conformance_helpers.h"
#include "vfs/errors.h"
#include "vfs/path.h"

namespace conformance {

// ---- listing after FsPutFiles -----------------------------------------------------------------

TEST_P(ConformanceTest, FsListDirFile2) {
  Files files;
  PUT_FILES(files);
  // Every level of file2's path shows exactly the next directory (file1 at the root).
  std::vector<std::string> dirs = File2Dirs();  // sorted: shortest first
  ASSERT_OK_AND_ASSIGN(vfs::DirEntries top, fs_->List(""));
  EXPECT_EQ(Describe(top), Sorted({"file name.txt (100)", dirs[0] + "/"}));
  for (size_t i = 0; i < dirs.size(); ++i) {
    ASSERT_OK_AND_ASSIGN(vfs::DirEntries level, fs_->List(dirs[i]));
    std::string want = i + 1 < dirs.size() ? dirs[i + 1] + "/" : std::string(kFile2) + " (100)";
    EXPECT_EQ(Describe(level), std::vector<std::string>{want}) << dirs[i];
  }
}

TEST_P(ConformanceTest, FsListR) {
  Files files;
  PUT_FILES(files);
  std::vector<std::string> want = Expected(*fs_, {{kFile1, 100}, {kFile2, 100}}, File2Dirs());
  ASSERT_OK_AND_ASSIGN(std::vector<std::string> walked, WalkDescribe(*fs_, ""));
  EXPECT_EQ(walked, want);
  SKIP_UNLESS_FEATURE(list_r, "ListR");
  ASSERT_OK_AND_ASSIGN(std::vector<std::string> listed_r, WalkDescribe(*fs_, "", -1, true));
  EXPECT_EQ(listed_r, want);
}

TEST_P(ConformanceTest, FsListRSubdir) {
  Files files;
  PUT_FILES(files);
  std::vector<std::string> dirs = File2Dirs();
  std::vector<std::string> want = Expected(*fs_, {{kFile2, 100}}, {dirs[1], dirs[2], dirs[3]});
  ASSERT_OK_AND_ASSIGN(std::vector<std::string> walked, WalkDescribe(*fs_, dirs[0]));
  EXPECT_EQ(walked, want);
  if (fs_->features().list_r) {
    ASSERT_OK_AND_ASSIGN(std::vector<std::string> r, WalkDescribe(*fs_, dirs[0], -1, true));
    EXPECT_EQ(r, want);
  }
}

TEST_P(ConformanceTest, FsListSubdir) {
  Files files;
  PUT_FILES(files);
  ASSERT_OK_AND_ASSIGN(std::vector<std::string> walked, WalkDescribe(*fs_, kFile2Dir));
  EXPECT_EQ(walked, std::vector<std::string>{std::string(kFile2) + " (100)"});
}

TEST_P(ConformanceTest, FsListLevel2) {
  Files files;
  PUT_FILES(files);
  std::vector<std::string> dirs = File2Dirs();
  ASSERT_OK_AND_ASSIGN(std::vector<std::string> walked, WalkDescribe(*fs_, "", 2));
  EXPECT_EQ(walked, Sorted({"file name.txt (100)", dirs[0] + "/", dirs[1] + "/"}));
}

TEST_P(ConformanceTest, FsListDirRoot) {
  vfs::NewFsResult parent = NewFsAt(target().base_root);
  ASSERT_NE(parent.fs, nullptr);
  ASSERT_OK_AND_ASSIGN(vfs::DirEntries entries, parent.fs->List(""));
  bool found = false;
  for (const vfs::DirEntry& e : entries) found = found || (e.is_dir() && e.remote() == leaf_);
  EXPECT_TRUE(found) << "the parent of the test dir does not list " << leaf_;
}

TEST_P(ConformanceTest, FsListFile1and2) {
  Files files;
  PUT_FILES(files);
  // The third Put of file1 replaced it: no duplicate, even on a duplicate-capable backend.
  ASSERT_OK_AND_ASSIGN(std::vector<std::string> walked, WalkDescribe(*fs_, ""));
  EXPECT_EQ(walked, Expected(*fs_, {{kFile1, 100}, {kFile2, 100}}, File2Dirs()));
}

// ---- roots -------------------------------------------------------------------------------------

TEST_P(ConformanceTest, FsIsFile) {
  Files files;
  PUT_FILES(files);
  vfs::NewFsResult r = NewFsAt(vfs::JoinPath(root_, kFile2));
  ASSERT_NE(r.fs, nullptr);
  EXPECT_TRUE(r.is_file());
  EXPECT_EQ(r.file, "z.txt");
  ASSERT_OK_AND_ASSIGN(vfs::DirEntries entries, r.fs->List(""));
  EXPECT_EQ(Describe(entries), std::vector<std::string>{"z.txt (100)"});
}

TEST_P(ConformanceTest, FsIsFileNotFound) {
  Files files;
  PUT_FILES(files);
  vfs::NewFsResult r = NewFsAt(vfs::JoinPath(root_, "not found.txt"));
  ASSERT_NE(r.fs, nullptr);
  EXPECT_FALSE(r.is_file());
  absl::StatusOr<vfs::DirEntries> entries = r.fs->List("");
  EXPECT_TRUE(vfs::IsDirNotFound(entries.status()) || (entries.ok() && entries->empty()));
}

TEST_P(ConformanceTest, FromRoot) {
  Files files;
  PUT_FILES(files);
  vfs::NewFsResult r = NewFsAt(target().base_root);
  ASSERT_NE(r.fs, nullptr);
  vfs::Fs& from_root = *r.fs;
  std::string top_dir = File2Dirs()[0];
  ASSERT_OK_AND_ASSIGN(vfs::DirEntries entries, from_root.List(leaf_));
  EXPECT_EQ(Describe(entries), Sorted({leaf_ + "/file name.txt (100)", leaf_ + "/" + top_dir + "/"}));
  ASSERT_OK_AND_ASSIGN(vfs::ObjectPtr o, from_root.NewObject(leaf_ + "/" + kFile2));
  EXPECT_EQ(*ReadObject(*o), files.file2);
  if (from_root.features().list_r) {
    ASSERT_OK_AND_ASSIGN(std::vector<std::string> r_list, WalkDescribe(from_root, leaf_, -1, true));
    EXPECT_NE(std::find(r_list.begin(), r_list.end(), leaf_ + "/" + kFile2 + " (100)"),
              r_list.end());
  }
  std::string created = leaf_ + "/created from root.txt";
  ASSERT_OK_AND_ASSIGN(vfs::ObjectPtr c,
                       PutString(from_root, created, RandomContent(100), absl::Now()));
  ASSERT_OK_AND_ASSIGN(vfs::ObjectPtr seen, fs_->NewObject("created from root.txt"));
  EXPECT_EQ(seen->size(), 100);
  ASSERT_OK(c->Remove());
  EXPECT_TRUE(vfs::IsObjectNotFound(fs_->NewObject("created from root.txt").status()));
}

TEST_P(ConformanceTest, FsRootCollapse) {
  vfs::NewFsResult deep = NewFsAt(vfs::JoinPath(root_, "deeper/nonexisting/directory"));
  ASSERT_NE(deep.fs, nullptr);
  ASSERT_OK_AND_ASSIGN(vfs::ObjectPtr o, PutString(*fs_, "collapse.txt", "x", kTime1));
  absl::StatusOr<vfs::ObjectPtr> found = deep.fs->NewObject("collapse.txt");
  EXPECT_TRUE(vfs::IsObjectNotFound(found.status())) << found.status();
  absl::StatusOr<vfs::ObjectPtr> leaf = deep.fs->NewObject(leaf_);
  EXPECT_TRUE(vfs::IsObjectNotFound(leaf.status())) << leaf.status();
}

}  // namespace conformance
