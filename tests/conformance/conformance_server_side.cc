// Conformance cases: server-side operations (Purge, Copy, Move, DirMove).
#include <string>
#include <vector>

#include "tests/conformance/conformance_helpers.h"
#include "vfs/errors.h"
#include "vfs/path.h"

namespace conformance {

TEST_P(ConformanceTest, FsPurge) {
  SKIP_UNLESS_FEATURE(purge, "Purge");
  Files files;
  PUT_FILES(files);
  ASSERT_OK_AND_ASSIGN(vfs::ObjectPtr o, PutString(*fs_, "dirToPurge/fileToPurge.txt",
                                                   RandomContent(100), kTime1));
  ASSERT_OK(fs_->Purge("dirToPurge"));
  ASSERT_OK_AND_ASSIGN(std::vector<std::string> walked, WalkDescribe(*fs_, ""));
  EXPECT_EQ(walked, Expected(*fs_, {{kFile1, 100}, {kFile2, 100}}, File2Dirs()));
  EXPECT_TRUE(vfs::IsDirNotFound(fs_->Purge("dirToPurge")));
}

TEST_P(ConformanceTest, FsCopy) {
  SKIP_UNLESS_FEATURE(copy, "Copy");
  Files files;
  PUT_FILES(files);
  ASSERT_OK_AND_ASSIGN(vfs::ObjectPtr src, fs_->NewObject(kFile2));
  std::string copy_name = std::string(kFile2) + "-copy";
  ASSERT_OK_AND_ASSIGN(vfs::ObjectPtr dst, fs_->Copy(*src, copy_name));
  EXPECT_EQ(dst->remote(), copy_name);
  ExpectMatches(*fs_, *dst, files.file2, kTime2);
  EXPECT_EQ(*ReadObject(*dst), files.file2);
  ASSERT_OK_AND_ASSIGN(std::vector<std::string> walked, WalkDescribe(*fs_, ""));
  EXPECT_EQ(walked, Expected(*fs_, {{kFile1, 100}, {kFile2, 100}, {copy_name, 100}},
                             File2Dirs()));
  ASSERT_OK(dst->Remove());
  // The source is untouched.
  EXPECT_EQ(ContentAt(*fs_, kFile2), files.file2);
}

TEST_P(ConformanceTest, FsMove) {
  SKIP_UNLESS_FEATURE(move, "Move");
  Files files;
  PUT_FILES(files);
  std::vector<std::string> dirs = File2Dirs();
  auto move = [&](const std::string& from, const std::string& to) -> vfs::ObjectPtr {
    absl::StatusOr<vfs::ObjectPtr> src = fs_->NewObject(from);
    EXPECT_TRUE(src.ok()) << from << ": " << src.status();
    if (!src.ok()) return nullptr;
    absl::StatusOr<vfs::ObjectPtr> dst = fs_->Move(**src, to);
    EXPECT_TRUE(dst.ok()) << from << " -> " << to << ": " << dst.status();
    if (!dst.ok()) return nullptr;
    EXPECT_EQ((*dst)->remote(), to);
    EXPECT_TRUE(vfs::IsObjectNotFound(fs_->NewObject(from).status())) << from << " still there";
    return *dst;
  };
  vfs::ObjectPtr moved = move(kFile2, "other.txt");
  ASSERT_NE(moved, nullptr);
  EXPECT_EQ(*ReadObject(*moved), files.file2);
  ASSERT_OK_AND_ASSIGN(std::vector<std::string> l1, WalkDescribe(*fs_, ""));
  EXPECT_EQ(l1, Expected(*fs_, {{kFile1, 100}, {"other.txt", 100}}, dirs));
  // Rename and move at once, onto a name that exists in another directory.
  ASSERT_NE(move(kFile1, "moveTest/other.txt"), nullptr);
  ASSERT_OK_AND_ASSIGN(std::vector<std::string> l2, WalkDescribe(*fs_, ""));
  std::vector<std::string> dirs2 = dirs;
  dirs2.push_back("moveTest");
  EXPECT_EQ(l2, Expected(*fs_, {{"other.txt", 100}, {"moveTest/other.txt", 100}}, dirs2));
  ASSERT_NE(move("moveTest/other.txt", kFile1), nullptr);
  ASSERT_NE(move("other.txt", kFile2), nullptr);
  ASSERT_OK(fs_->Rmdir("moveTest"));
  ASSERT_OK_AND_ASSIGN(std::vector<std::string> l3, WalkDescribe(*fs_, ""));
  EXPECT_EQ(l3, Expected(*fs_, {{kFile1, 100}, {kFile2, 100}}, dirs));
  EXPECT_EQ(ContentAt(*fs_, kFile1), files.file1);
}

TEST_P(ConformanceTest, FsDirMove) {
  SKIP_UNLESS_FEATURE(dir_move, "DirMove");
  Files files;
  PUT_FILES(files);
  absl::Status onto_itself = fs_->DirMove(*fs_, "", "");
  EXPECT_TRUE(vfs::IsDirExists(onto_itself)) << onto_itself;
  std::string other_root = vfs::JoinPath(target().base_root, RandomLeaf());
  vfs::NewFsResult other = NewFsAt(other_root);
  ASSERT_NE(other.fs, nullptr);
  ASSERT_OK(other.fs->DirMove(*fs_, "", "new_name/sub_new_name"));
  EXPECT_TRUE(vfs::IsDirNotFound(fs_->List("").status()));
  std::vector<std::string> moved_dirs = {"new_name", "new_name/sub_new_name"};
  for (const std::string& d : File2Dirs()) moved_dirs.push_back("new_name/sub_new_name/" + d);
  ASSERT_OK_AND_ASSIGN(std::vector<std::string> there, WalkDescribe(*other.fs, ""));
  EXPECT_EQ(there, Expected(*other.fs,
                            {{std::string("new_name/sub_new_name/") + kFile1, 100},
                             {std::string("new_name/sub_new_name/") + kFile2, 100}},
                            moved_dirs));
  // And back.
  ASSERT_OK(fs_->DirMove(*other.fs, "new_name/sub_new_name", ""));
  ASSERT_OK_AND_ASSIGN(std::vector<std::string> back, WalkDescribe(*fs_, ""));
  EXPECT_EQ(back, Expected(*fs_, {{kFile1, 100}, {kFile2, 100}}, File2Dirs()));
  EXPECT_EQ(ContentAt(*fs_, kFile2), files.file2);
  if (other.fs->features().purge) (void)other.fs->Purge("");
  (void)other.fs->Rmdir("new_name");
  (void)other.fs->Rmdir("");
}

TEST_P(ConformanceTest, PurgeAtEnd) {
  Files files;
  PUT_FILES(files);
  SKIP_UNLESS_FEATURE(purge, "Purge");
  ASSERT_OK(fs_->Purge(""));
  absl::StatusOr<vfs::DirEntries> after = fs_->List("");
  EXPECT_TRUE(vfs::IsDirNotFound(after.status()) || (after.ok() && after->empty()));
  EXPECT_FALSE(fs_->Purge("").ok()) << "a second Purge must fail";
}

}  // namespace conformance
