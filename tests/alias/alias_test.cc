// alias remotes: paths joined onto the target, the target's own Fs and options, loops refused
// with the chain named, a self-reference refused with rclone's text, aliases of crypt remotes.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "backend/alias/alias_backend.h"
#include "backend/crypt/crypt_fs.h"
#include "backend/memory/memory_fs.h"
#include "vfs/config/config_file.h"
#include "vfs/config/obscure.h"
#include "vfs/new_fs.h"
#include "vfs/wrapped_remote.h"

namespace {

using ::testing::HasSubstr;

class AliasTest : public ::testing::Test {
 protected:
  void SetUp() override {
    backend::memory::Register();
    backend::crypt::Register();
    backend::alias::Register();
  }
  // Opens `path` with a config file made of `ini`.
  absl::StatusOr<vfs::OpenedFs> Open(const std::string& ini, const std::string& path) {
    absl::StatusOr<vfs::ConfigFile> file = vfs::ConfigFile::Parse(ini, "test.conf");
    EXPECT_TRUE(file.ok()) << file.status();
    file_ = *std::move(file);
    vfs::ConfigSources sources;
    sources.file = &file_;
    return vfs::NewFs(path, sources);
  }
  vfs::ConfigFile file_ = vfs::ConfigFile::InMemory();
};

TEST_F(AliasTest, JoinRootPathLikeRclone) {
  EXPECT_EQ(*vfs::JoinRootPath("mem:base", "a/b"), "mem:base/a/b");
  EXPECT_EQ(*vfs::JoinRootPath("mem:", "a"), "mem:a");
  EXPECT_EQ(*vfs::JoinRootPath("mem:base/", "a"), "mem:base/a");
  EXPECT_EQ(*vfs::JoinRootPath("/tmp/x", "a"), "/tmp/x/a");
  EXPECT_EQ(*vfs::JoinRootPath("mem:base", ""), "mem:base");
}

TEST_F(AliasTest, OpensTheTargetFsAtTheJoinedPath) {
  absl::StatusOr<vfs::OpenedFs> opened =
      Open("[m]\ntype = memory\n\n[a]\ntype = alias\nremote = m:alias_test/base\n", "a:sub/dir");
  ASSERT_TRUE(opened.ok()) << opened.status();
  EXPECT_EQ(opened->fs->Name(), "m");  // the target itself, as rclone returns it
  EXPECT_EQ(opened->fs->Root(), "alias_test/base/sub/dir");
}

TEST_F(AliasTest, TargetOptionsApply) {
  absl::StatusOr<vfs::OpenedFs> opened = Open(
      "[m]\ntype = memory\nallow_duplicates = true\n\n[a]\ntype = alias\nremote = m:x\n", "a:");
  ASSERT_TRUE(opened.ok()) << opened.status();
  EXPECT_TRUE(opened->fs->features().duplicate_files);
}

TEST_F(AliasTest, LoopsAreRefusedNamingTheChain) {
  absl::StatusOr<vfs::OpenedFs> opened = Open(
      "[a]\ntype = alias\nremote = b:x\n\n[b]\ntype = alias\nremote = c:\n\n[c]\ntype = alias\n"
      "remote = a:y\n",
      "a:");
  ASSERT_FALSE(opened.ok());
  EXPECT_THAT(std::string(opened.status().message()), HasSubstr("remote loop: a: -> b: -> c: -> a:"));
  absl::StatusOr<vfs::OpenedFs> self = Open("[s]\ntype = alias\nremote = s:sub\n", "s:");
  EXPECT_THAT(std::string(self.status().message()),
              HasSubstr("can't point alias remote at itself - check the value of the remote "
                        "setting"));
  absl::StatusOr<vfs::OpenedFs> crypt_loop = Open(
      "[c]\ntype = crypt\nremote = a:\npassword = " + vfs::ObscureWithIv("p", {}) +
          "\n\n[a]\ntype = alias\nremote = c:\n",
      "c:");
  EXPECT_THAT(std::string(crypt_loop.status().message()), HasSubstr("remote loop: c: -> a: -> c:"));
  absl::StatusOr<vfs::OpenedFs> empty = Open("[e]\ntype = alias\nremote = \n", "e:");
  EXPECT_FALSE(empty.ok());
}

TEST_F(AliasTest, AliasOfACryptRemoteIsThatCryptRemote) {
  std::string ini = "[m]\ntype = memory\n\n[c]\ntype = crypt\nremote = m:alias_crypt\npassword = " +
                    vfs::ObscureWithIv("pw", {}) + "\n\n[a]\ntype = alias\nremote = c:dir\n";
  absl::StatusOr<vfs::OpenedFs> crypt = Open(ini, "c:dir");
  ASSERT_TRUE(crypt.ok()) << crypt.status();
  std::string data = "through the alias";
  vfs::SpanSource in(data);
  ASSERT_TRUE(crypt->fs->Put(in, vfs::StaticObjectInfo("f.txt", 17, absl::Now())).ok());
  absl::StatusOr<vfs::OpenedFs> alias = Open(ini, "a:");
  ASSERT_TRUE(alias.ok()) << alias.status();
  EXPECT_EQ(alias->fs->ToString(), "Encrypted drive 'c:dir'");
  absl::StatusOr<vfs::DirEntries> entries = alias->fs->List("");
  ASSERT_TRUE(entries.ok());
  ASSERT_EQ(entries->size(), 1u);
  EXPECT_EQ((*entries)[0].remote(), "f.txt");
  EXPECT_EQ((*entries)[0].size(), 17);
  absl::StatusOr<vfs::OpenedFs> file = Open(ini, "a:f.txt");
  ASSERT_TRUE(file.ok());
  EXPECT_EQ(file->file, "f.txt");
}

}  // namespace
