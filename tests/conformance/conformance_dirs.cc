// Conformance cases: what an Fs says about itself, and directories (Mkdir, Rmdir, List of
// empty and missing directories).
#include <string>
#include <vector>

#include "tests/conformance/conformance_helpers.h"
#include "vfs/errors.h"
#include "vfs/path.h"

namespace conformance {

// ---- Info ---------------------------------------------------------------------------------------

TEST_P(ConformanceTest, FsString) { EXPECT_FALSE(fs_->ToString().empty()); }

TEST_P(ConformanceTest, FsName) { EXPECT_FALSE(fs_->Name().empty()); }

TEST_P(ConformanceTest, FsRoot) {
  // The root as given, minus leading/trailing slashes.
  std::string want = root_;
  while (!want.empty() && want.front() == '/') want.erase(0, 1);
  std::string got = fs_->Root();
  while (!got.empty() && got.front() == '/') got.erase(0, 1);
  EXPECT_EQ(got, want);
}

TEST_P(ConformanceTest, FsPrecision) {
  absl::Duration p = fs_->features().precision;
  if (p == vfs::kModTimeNotSupported) GTEST_SKIP() << "feature mod times not advertised";
  EXPECT_GT(p, absl::ZeroDuration());
  EXPECT_LE(p, absl::Seconds(1));
}

// ---- directories --------------------------------------------------------------------------------

TEST_P(ConformanceTest, FsRmdirNotFound) {
  vfs::NewFsResult other = NewFsAt(vfs::JoinPath(target().base_root, RandomLeaf()));
  ASSERT_NE(other.fs, nullptr);
  absl::Status status = other.fs->Rmdir("");
  EXPECT_FALSE(status.ok());
  EXPECT_TRUE(vfs::IsDirNotFound(status)) << status;
}

TEST_P(ConformanceTest, FsRmdirEmpty) {
  ASSERT_OK(fs_->Rmdir(""));
  absl::StatusOr<vfs::DirEntries> listing = fs_->List("");
  if (fs_->features().can_have_empty_dirs) {
    EXPECT_TRUE(vfs::IsDirNotFound(listing.status())) << listing.status();
  } else {
    EXPECT_TRUE(vfs::IsDirNotFound(listing.status()) || (listing.ok() && listing->empty()));
  }
}

TEST_P(ConformanceTest, FsMkdir) {
  ASSERT_OK(fs_->Mkdir(""));
  ASSERT_OK(fs_->Mkdir(""));
  ASSERT_OK_AND_ASSIGN(vfs::DirEntries entries, fs_->List(""));
  EXPECT_TRUE(entries.empty());
}

TEST_P(ConformanceTest, FsMkdirRmdirSubdir) {
  ASSERT_OK(fs_->Mkdir("dir/subdir"));
  if (fs_->features().can_have_empty_dirs) {
    ASSERT_OK_AND_ASSIGN(std::vector<std::string> all, WalkDescribe(*fs_, ""));
    EXPECT_EQ(all, (std::vector<std::string>{"dir/", "dir/subdir/"}));
  }
  ASSERT_OK(fs_->Rmdir("dir/subdir"));
  ASSERT_OK(fs_->Rmdir("dir"));
  ASSERT_OK_AND_ASSIGN(std::vector<std::string> after, WalkDescribe(*fs_, ""));
  EXPECT_TRUE(after.empty());
}

TEST_P(ConformanceTest, FsListEmpty) {
  ASSERT_OK_AND_ASSIGN(vfs::DirEntries entries, fs_->List(""));
  EXPECT_TRUE(entries.empty());
  if (fs_->features().list_r) {
    ASSERT_OK_AND_ASSIGN(std::vector<std::string> r, WalkDescribe(*fs_, "", -1, true));
    EXPECT_TRUE(r.empty());
  }
}

TEST_P(ConformanceTest, FsListDirNotFound) {
  absl::StatusOr<vfs::DirEntries> entries = fs_->List("does not exist");
  if (fs_->features().can_have_empty_dirs) {
    EXPECT_TRUE(vfs::IsDirNotFound(entries.status())) << entries.status();
  } else {
    EXPECT_TRUE(vfs::IsDirNotFound(entries.status()) || (entries.ok() && entries->empty()));
  }
  if (fs_->features().list_r) {
    absl::Status status = fs_->ListR("does not exist", [](vfs::DirEntries) {
      return absl::OkStatus();
    });
    EXPECT_TRUE(vfs::IsDirNotFound(status)) << status;
  }
}

TEST_P(ConformanceTest, RmdirErrorKinds) {
  EXPECT_TRUE(vfs::IsDirNotFound(fs_->Rmdir("missing"))) << fs_->Rmdir("missing");
  ASSERT_OK_AND_ASSIGN(vfs::ObjectPtr o, PutString(*fs_, "full/file.txt", "x", kTime1));
  absl::Status status = fs_->Rmdir("full");
  EXPECT_TRUE(vfs::IsDirNotEmpty(status)) << status;
  ASSERT_OK(o->Remove());
  EXPECT_OK(fs_->Rmdir("full"));
}

TEST_P(ConformanceTest, EmptyDirectories) {
  if (!fs_->features().can_have_empty_dirs) {
    GTEST_SKIP() << "feature can_have_empty_dirs not advertised";
  }
  ASSERT_OK(fs_->Mkdir("empty"));
  ASSERT_OK(fs_->Mkdir("parent/empty child"));
  ASSERT_OK_AND_ASSIGN(std::vector<std::string> all, WalkDescribe(*fs_, ""));
  EXPECT_EQ(all, (std::vector<std::string>{"empty/", "parent/", "parent/empty child/"}));
  ASSERT_OK_AND_ASSIGN(vfs::DirEntries inside, fs_->List("empty"));
  EXPECT_TRUE(inside.empty());
  EXPECT_TRUE(vfs::IsDirNotEmpty(fs_->Rmdir("parent")));
}

TEST_P(ConformanceTest, FsRmdirFull) {
  Files files;
  PUT_FILES(files);
  absl::Status status = fs_->Rmdir("");
  EXPECT_FALSE(status.ok());
  EXPECT_TRUE(vfs::IsDirNotEmpty(status)) << status;
}

}  // namespace conformance
