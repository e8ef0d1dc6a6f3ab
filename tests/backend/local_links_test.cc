// The local backend with hostile trees: symlinks (skipped with rclone's NOTICE, followed with
// copy_links and a loop check, translated to `.rclonelink` files with links), special files, a
// special file as the root, and a source that changes while it is read.
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "backend/local/local_fs.h"
#include "gtest/gtest.h"
#include "tests/backend/local_root_test.h"
#include "vfs/errors.h"
#include "vfs/log.h"
#include "vfs/object_info.h"
#include "vfs/source.h"
#include "vfs/walk.h"

namespace {

namespace fs = std::filesystem;

// Collects the vfs log lines of one test.
class LogCapture {
 public:
  LogCapture() {
    previous_ = vfs::SetLogSink([this](vfs::LogLevel level, std::string_view subject,
                                       std::string_view message) {
      std::lock_guard<std::mutex> lock(mu_);
      const char* tag = level == vfs::LogLevel::kError    ? "ERROR"
                        : level == vfs::LogLevel::kNotice ? "NOTICE"
                                                          : "OTHER";
      lines_.push_back(std::string(tag) + " " + std::string(subject) + ": " + std::string(message));
    });
  }
  ~LogCapture() { vfs::SetLogSink(previous_); }
  std::set<std::string> Lines() {
    std::lock_guard<std::mutex> lock(mu_);
    return {lines_.begin(), lines_.end()};
  }

 private:
  vfs::LogSink previous_;
  std::mutex mu_;
  std::vector<std::string> lines_;
};

class LocalLinksTest : public local_test::LocalRootTest {
 protected:
  void SetUp() override {
    LocalRootTest::SetUp();
    fs::create_directories(root_ + "/sub");
    std::ofstream(root_ + "/a") << "hi\n";
    std::ofstream(root_ + "/sub/b") << "yo\n";
  }

  static std::set<std::string> Names(const vfs::DirEntries& entries) {
    std::set<std::string> out;
    for (const auto& e : entries) out.insert(e.remote() + (e.is_dir() ? "/" : ""));
    return out;
  }
};

TEST_F(LocalLinksTest, SymlinksAreSkippedWithRclonesNotice) {
  fs::create_symlink("a", root_ + "/lnk");
  fs::create_directory_symlink(".", root_ + "/loop");
  fs::create_symlink("/nonexistent-target", root_ + "/dangling");
  LogCapture log;
  vfs::FsPtr f = Open();
  auto walked = vfs::Walk(*f, "");
  ASSERT_TRUE(walked.ok()) << walked.status();
  EXPECT_EQ(Names(*walked), (std::set<std::string>{"a", "sub/", "sub/b"}));
  EXPECT_EQ(log.Lines(), (std::set<std::string>{
                             "NOTICE lnk: Can't follow symlink without -L/--copy-links",
                             "NOTICE loop: Can't follow symlink without -L/--copy-links",
                             "NOTICE dangling: Can't follow symlink without -L/--copy-links"}));
}

TEST_F(LocalLinksTest, SkipLinksSilencesTheNotice) {
  fs::create_symlink("a", root_ + "/lnk");
  LogCapture log;
  vfs::FsPtr f = Open({{"skip_links", "true"}});
  auto walked = vfs::Walk(*f, "");
  ASSERT_TRUE(walked.ok()) << walked.status();
  EXPECT_EQ(Names(*walked), (std::set<std::string>{"a", "sub/", "sub/b"}));
  EXPECT_TRUE(log.Lines().empty());
}

// Two links to "." made an endless walk before; now the walk ends with an error naming the path.
TEST_F(LocalLinksTest, CopyLinksFollowsButALoopIsAnErrorNamingThePath) {
  fs::create_symlink("a", root_ + "/lnk");
  fs::create_directory_symlink(".", root_ + "/loop1");
  fs::create_directory_symlink("..", root_ + "/sub/up");
  vfs::FsPtr f = Open({{"copy_links", "true"}});
  auto top = f->List("");
  ASSERT_TRUE(top.ok()) << top.status();
  EXPECT_EQ(Names(*top), (std::set<std::string>{"a", "lnk", "loop1/", "sub/"}));
  auto loop = f->List("loop1");
  ASSERT_FALSE(loop.ok());
  EXPECT_NE(loop.status().message().find(root_ + "/loop1"), std::string::npos) << loop.status();
  EXPECT_NE(loop.status().message().find("symlink loop"), std::string::npos) << loop.status();
  auto up = f->List("sub/up");
  ASSERT_FALSE(up.ok());
  EXPECT_NE(up.status().message().find(root_ + "/sub/up"), std::string::npos) << up.status();
  EXPECT_FALSE(vfs::Walk(*f, "").ok());  // ends, with the error
  // A link to a directory elsewhere is no loop.
  fs::create_directories(base_ + "/other/deep");
  fs::create_directory_symlink(base_ + "/other", root_ + "/sub/other");
  auto other = f->List("sub/other");
  ASSERT_TRUE(other.ok()) << other.status();
  EXPECT_EQ(Names(*other), (std::set<std::string>{"sub/other/deep/"}));
}

TEST_F(LocalLinksTest, LinksAreStoredAsRclonelinkFilesAndMadeBack) {
  fs::create_symlink("a", root_ + "/lnk");
  fs::create_symlink("/nonexistent-target", root_ + "/dangling");
  vfs::FsPtr f = Open({{"links", "true"}});
  auto top = f->List("");
  ASSERT_TRUE(top.ok()) << top.status();
  EXPECT_EQ(Names(*top),
            (std::set<std::string>{"a", "dangling.rclonelink", "lnk.rclonelink", "sub/"}));
  auto object = f->NewObject("dangling.rclonelink");
  ASSERT_TRUE(object.ok()) << object.status();
  EXPECT_EQ((*object)->size(), 19);
  auto in = (*object)->Open();
  ASSERT_TRUE(in.ok()) << in.status();
  EXPECT_EQ(*vfs::ReadAll(**in), "/nonexistent-target");

  // Writing a .rclonelink file makes the link again, on another root.
  std::string other = base_ + "/copy";
  fs::create_directories(other);
  vfs::FsPtr g = Open({{"links", "true"}}, other);
  vfs::StringSource target("../a");
  auto put = g->Put(target, vfs::StaticObjectInfo("d/x.rclonelink", 4, absl::Now()));
  ASSERT_TRUE(put.ok()) << put.status();
  EXPECT_TRUE(fs::is_symlink(other + "/d/x"));
  EXPECT_EQ(fs::read_symlink(other + "/d/x").string(), "../a");
  EXPECT_FALSE(fs::exists(other + "/d/x.rclonelink"));
  ASSERT_TRUE((*put)->Remove().ok());
  EXPECT_FALSE(fs::is_symlink(other + "/d/x"));
  // Without links the same name is an ordinary file.
  vfs::FsPtr plain = Open({}, other);
  vfs::StringSource again("../a");
  ASSERT_TRUE(plain->Put(again, vfs::StaticObjectInfo("y.rclonelink", 4, absl::Now())).ok());
  EXPECT_TRUE(fs::is_regular_file(other + "/y.rclonelink"));
}

TEST_F(LocalLinksTest, SpecialFilesAreSkippedWithANoticeAndRefusedAsRoot) {
  ASSERT_EQ(::mkfifo((root_ + "/fifo").c_str(), 0600), 0);
  LogCapture log;
  vfs::FsPtr f = Open();
  auto top = f->List("");
  ASSERT_TRUE(top.ok()) << top.status();
  EXPECT_EQ(Names(*top), (std::set<std::string>{"a", "sub/"}));
  EXPECT_EQ(log.Lines(),
            (std::set<std::string>{"NOTICE fifo: Can't transfer non file/directory"}));
  auto object = f->NewObject("fifo");
  ASSERT_FALSE(object.ok());
  EXPECT_NE(object.status().message().find("fifo"), std::string::npos);

  backend::local::Register();
  for (auto [path, kind] : {std::pair{root_ + "/fifo", "a fifo"},
                            std::pair{std::string("/dev/zero"), "a character device"}}) {
    auto r = vfs::Registry::Global().NewFs("local", ":local", path, {});
    ASSERT_FALSE(r.ok()) << path;
    EXPECT_NE(r.status().message().find(kind), std::string::npos) << r.status();
    EXPECT_NE(r.status().message().find(path), std::string::npos) << r.status();
    EXPECT_FALSE(vfs::IsDirNotFound(r.status())) << r.status();
  }
}

// Appends to (or touches) the file after the first read, as another program writing it would.
TEST_F(LocalLinksTest, ASourceThatChangesWhileReadFails) {
  ::setenv("TZ", "UTC", 1);  // the message prints local time, as rclone's does
  std::string path = root_ + "/grow";
  std::string content(1 << 20, 'g');
  std::ofstream(path) << content;
  for (bool touch : {false, true}) {
    vfs::FsPtr f = Open();
    auto object = f->NewObject("grow");
    ASSERT_TRUE(object.ok()) << object.status();
    auto in = (*object)->Open();
    ASSERT_TRUE(in.ok()) << in.status();
    std::vector<uint8_t> buffer(4096);
    ASSERT_TRUE((*in)->Read(buffer).ok());
    if (touch) {
      struct timespec times[2] = {{1000000000, 500000000}, {1000000000, 500000000}};
      ASSERT_EQ(::utimensat(AT_FDCWD, path.c_str(), times, 0), 0);
    } else {
      std::ofstream(path, std::ios::app) << "more";
    }
    absl::Status failed;
    while (true) {
      absl::StatusOr<size_t> n = (*in)->Read(buffer);
      if (!n.ok()) {
        failed = n.status();
        break;
      }
      ASSERT_NE(*n, 0u) << "read to the end of a changing file";
    }
    std::string expected =
        touch ? "can't copy - source file is being updated (mod time changed from "
              : "can't copy - source file is being updated (size changed from 1048576 to 1048580)";
    EXPECT_EQ(failed.message().substr(0, expected.size()), expected) << failed;
    if (touch) {
      EXPECT_NE(failed.message().find(" to 2001-09-09 01:46:40.5 +0000 UTC)"), std::string::npos)
          << failed;
    }
  }
}

TEST_F(LocalLinksTest, NoCheckUpdatedReadsAChangingFile) {
  std::string path = root_ + "/grow";
  std::ofstream(path) << "12345678";
  vfs::FsPtr f = Open({{"no_check_updated", "true"}});
  auto object = f->NewObject("grow");
  ASSERT_TRUE(object.ok());
  auto in = (*object)->Open();
  ASSERT_TRUE(in.ok());
  struct timespec times[2] = {{1000000000, 0}, {1000000000, 0}};
  ASSERT_EQ(::utimensat(AT_FDCWD, path.c_str(), times, 0), 0);
  auto all = vfs::ReadAll(**in);
  ASSERT_TRUE(all.ok()) << all.status();
  EXPECT_EQ(*all, "12345678");
}

}  // namespace
