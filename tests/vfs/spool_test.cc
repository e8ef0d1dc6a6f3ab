// Spool files (vfs/spool.h): a stream of unknown length goes to an unnamed 0600 file in a 0700
// folder of this user's, and comes back byte for byte; a folder someone else could have
// planted in a shared temp dir (a link, or another user's folder others may write in) is
// refused before anything is written.
#include "vfs/spool.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "tests/support/temp_dir.h"
#include "vfs/source.h"

namespace vfs {
namespace {

namespace fs = std::filesystem;

TEST(SpoolFileTest, StreamComesBackWholeAndLeavesNoName) {
  test_support::TempDir temp("fichier-spool");
  ASSERT_FALSE(temp.path().empty());
  const std::string dir = temp.path() + "/fclone-spool-test";
  std::string data(3 << 20, '\0');
  for (size_t i = 0; i < data.size(); ++i) data[i] = static_cast<char>(i * 131 + i / 4096);
  StringSource in(data);
  absl::StatusOr<std::unique_ptr<SpoolFile>> spool = SpoolFile::Fill(in, dir);
  ASSERT_TRUE(spool.ok()) << spool.status();
  EXPECT_EQ((*spool)->size(), static_cast<int64_t>(data.size()));
  std::unique_ptr<Source> back = (*spool)->Open();
  EXPECT_EQ(*ReadAll(*back), data);
  EXPECT_EQ(fs::status(dir).permissions() & fs::perms::all, fs::perms::owner_all);
  EXPECT_TRUE(fs::is_empty(dir));
}

TEST(SpoolFileTest, ALinkInPlaceOfTheFolderIsRefused) {
  test_support::TempDir temp("fichier-spool");
  ASSERT_FALSE(temp.path().empty());
  const std::string elsewhere = temp.path() + "/elsewhere";
  fs::create_directories(elsewhere);
  const std::string dir = temp.path() + "/fclone-spool-test";
  fs::create_directory_symlink(elsewhere, dir);
  StringSource in("secret bytes");
  absl::StatusOr<std::unique_ptr<SpoolFile>> spool = SpoolFile::Fill(in, dir);
  ASSERT_FALSE(spool.ok());
  EXPECT_EQ(spool.status().code(), absl::StatusCode::kFailedPrecondition) << spool.status();
  EXPECT_NE(spool.status().message().find("--temp-dir"), std::string::npos);
  EXPECT_TRUE(fs::is_empty(elsewhere));
}

// Making a folder another user owns needs root (CI runs as root); the link case above needs
// nothing.
TEST(SpoolFileTest, AnotherUsersFolderThatOthersMayWriteIsRefused) {
  ASSERT_EQ(::geteuid(), 0u) << "this case needs root to give the folder to another user "
                                "(scripts/test runs as root)";
  test_support::TempDir temp("fichier-spool");
  ASSERT_FALSE(temp.path().empty());
  const std::string dir = temp.path() + "/fclone-spool-test";
  fs::create_directory(dir);
  ASSERT_EQ(::chown(dir.c_str(), 65534, 65534), 0);
  ASSERT_EQ(::chmod(dir.c_str(), 0777), 0);
  StringSource in("secret bytes");
  absl::StatusOr<std::unique_ptr<SpoolFile>> spool = SpoolFile::Fill(in, dir);
  ASSERT_FALSE(spool.ok());
  EXPECT_EQ(spool.status().code(), absl::StatusCode::kFailedPrecondition) << spool.status();
  // Another user's folder that only its owner may write in is not a risk: root may use it.
  ASSERT_EQ(::chmod(dir.c_str(), 0755), 0);
  StringSource again("bytes");
  EXPECT_TRUE(SpoolFile::Fill(again, dir).ok());
}

}  // namespace
}  // namespace vfs
