// Replacing a file whole: the mode from the first byte, the old content until the rename, and
// nothing left behind when a step fails.
#include "base/atomic_file.h"

#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace base {
namespace {

namespace fs = std::filesystem;

class AtomicFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("atomic_file_test_" + std::to_string(getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string Read(const fs::path& p) {
    std::ifstream in(p);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }
  int Entries() { return static_cast<int>(std::distance(fs::directory_iterator(dir_), {})); }
  fs::path dir_;
};

TEST_F(AtomicFileTest, WritesThenReplacesWithTheModeAskedWhateverTheUmask) {
  const mode_t old_umask = umask(0);
  const std::string path = (dir_ / "secret.conf").string();
  ASSERT_TRUE(WriteFileAtomically(path, "first", 0600).ok());
  EXPECT_EQ(Read(path), "first");
  ASSERT_TRUE(WriteFileAtomically(path, "second, longer", 0600).ok());
  umask(old_umask);
  EXPECT_EQ(Read(path), "second, longer");
  struct stat st {};
  ASSERT_EQ(stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_EQ(Entries(), 1) << "no temporary file left";
}

TEST_F(AtomicFileTest, AFailedWriteSaysWhyAndLeavesTheOldFile) {
  const std::string path = (dir_ / "kept").string();
  ASSERT_TRUE(WriteFileAtomically(path, "old", 0644).ok());
  // The target is a directory that is not empty: the final rename fails.
  fs::create_directories(dir_ / "busy" / "inner");
  absl::Status st = WriteFileAtomically((dir_ / "busy").string(), "new", 0600);
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.message().find("cannot replace"), std::string::npos) << st.message();
  // A folder that does not exist: nothing can be made.
  st = WriteFileAtomically((dir_ / "missing" / "f").string(), "new", 0600);
  EXPECT_NE(st.message().find("cannot create a temporary file"), std::string::npos)
      << st.message();
  EXPECT_EQ(Read(path), "old");
  EXPECT_EQ(Entries(), 2) << "only `kept` and `busy`";
}

}  // namespace
}  // namespace base
