// The embedding API over the memory backend: opening from a string and from code, unknown
// options refused, put/get progress, listing, Whirlpool, and copy/sync/check with a stop token.
#include <string>
#include <vector>

#include "fichier/fichier.h"
#include "gtest/gtest.h"

namespace {

class EmbedTest : public ::testing::Test {
 protected:
  void SetUp() override { fichier::RegisterBuiltinBackends(); }

  // A fresh memory remote: each test uses its own root.
  fichier::FsPtr Memory(const std::string& root) {
    absl::StatusOr<fichier::Remote> remote = fichier::OpenBackend("memory", root);
    EXPECT_TRUE(remote.ok()) << remote.status();
    return remote.ok() ? remote->fs : nullptr;
  }
};

TEST_F(EmbedTest, RegistrationIsExplicitAndRepeatable) {
  fichier::RegisterBuiltinBackends();
  std::vector<std::string> names = fichier::Backends();
  for (const char* name : {"alias", "crypt", "fichier", "local", "memory"}) {
    EXPECT_NE(std::find(names.begin(), names.end(), name), names.end()) << name;
  }
  EXPECT_EQ(std::string(fichier::Version()), FICHIER_VERSION_STRING);
}

TEST_F(EmbedTest, UnknownOptionsAreRefused) {
  absl::StatusOr<fichier::Remote> from_string = fichier::Open(":memory,colour=blue:x");
  EXPECT_EQ(from_string.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(from_string.status().message().find("unknown option \"colour\" for backend \"memory\""),
            absl::string_view::npos) << from_string.status();
  fichier::OpenOptions lenient;
  lenient.reject_unknown_options = false;  // rclone's behaviour: ignored
  EXPECT_TRUE(fichier::Open(":memory,colour=blue:x", lenient).ok());
  absl::StatusOr<fichier::Remote> from_code = fichier::OpenBackend("memory", "x", {{"colour", "b"}});
  EXPECT_EQ(from_code.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(fichier::OpenBackend("nosuch", "x").status().code(), absl::StatusCode::kNotFound);
}

TEST_F(EmbedTest, PutGetListWhirlpoolRemove) {
  fichier::FsPtr fs = Memory("embed-files");
  std::string data(300000, 'x');
  std::vector<int64_t> seen;
  fichier::TransferOptions options;
  options.progress = [&](int64_t done, int64_t total) {
    EXPECT_EQ(total, 300000);
    seen.push_back(done);
  };
  ASSERT_TRUE(fichier::PutBytes(*fs, "d/a.bin", data, options).ok());
  ASSERT_FALSE(seen.empty());
  EXPECT_EQ(seen.back(), 300000);
  EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));

  absl::StatusOr<fichier::DirEntries> top = fichier::List(*fs);
  ASSERT_TRUE(top.ok()) << top.status();
  ASSERT_EQ(top->size(), 1u);
  EXPECT_TRUE((*top)[0].is_dir());
  absl::StatusOr<fichier::DirEntries> all = fichier::List(*fs, "", true);
  ASSERT_TRUE(all.ok()) << all.status();
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[1].remote(), "d/a.bin");

  seen.clear();
  absl::StatusOr<std::string> back = fichier::GetBytes(*fs, "d/a.bin", options);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(*back, data);
  EXPECT_EQ(seen.back(), 300000);
  EXPECT_EQ(fichier::GetBytes(*fs, "d/a.bin", {}, 1000).status().code(),
            absl::StatusCode::kResourceExhausted);

  absl::StatusOr<std::string> whirlpool = fichier::Whirlpool(*fs, "d/a.bin");
  ASSERT_TRUE(whirlpool.ok()) << whirlpool.status();
  EXPECT_EQ(*whirlpool, fichier::WhirlpoolOf(data));
  ASSERT_TRUE(fichier::Remove(*fs, "d/a.bin").ok());
  EXPECT_TRUE(vfs::IsObjectNotFound(fichier::Remove(*fs, "d/a.bin")));
}

TEST_F(EmbedTest, CopySyncCheck) {
  fichier::FsPtr src = Memory("embed-src");
  fichier::FsPtr dst = Memory("embed-dst");
  ASSERT_TRUE(fichier::PutBytes(*src, "one.txt", "1").ok());
  ASSERT_TRUE(fichier::PutBytes(*src, "sub/two.txt", "22").ok());
  ASSERT_TRUE(fichier::PutBytes(*dst, "extra.txt", "3").ok());
  vfs::operations::Stats stats;
  fichier::RunOptions run;
  run.stats = &stats;
  ASSERT_TRUE(fichier::Copy(*src, *dst, run).ok());
  EXPECT_EQ(stats.transfers(), 2);
  EXPECT_FALSE(fichier::Check(*src, *dst).ok());  // extra.txt is only on dst
  ASSERT_TRUE(fichier::Sync(*src, *dst).ok());
  EXPECT_TRUE(fichier::Check(*src, *dst).ok());
  EXPECT_TRUE(vfs::IsObjectNotFound(dst->NewObject("extra.txt").status()));
}

TEST_F(EmbedTest, AStoppedRunChangesNothing) {
  fichier::FsPtr src = Memory("embed-stop-src");
  fichier::FsPtr dst = Memory("embed-stop-dst");
  ASSERT_TRUE(fichier::PutBytes(*src, "a.txt", "a").ok());
  ASSERT_TRUE(fichier::PutBytes(*dst, "old.txt", "o").ok());
  fichier::RunOptions run;
  run.cancel = fichier::MakeCancel();
  run.cancel->Trigger(absl::CancelledError("stopped by the tool"));
  absl::Status status = fichier::Sync(*src, *dst, run);
  EXPECT_FALSE(status.ok());
  EXPECT_NE(status.message().find("stopped by the tool"), absl::string_view::npos) << status;
  EXPECT_TRUE(vfs::IsObjectNotFound(dst->NewObject("a.txt").status()));
  EXPECT_TRUE(dst->NewObject("old.txt").ok()) << "a stopped sync deletes nothing";
  EXPECT_FALSE(base::Cancel::Process().triggered()) << "only the run's own token";
}

TEST_F(EmbedTest, OpenFromConfigAndNamedFile) {
  absl::StatusOr<vfs::ConfigFile> config =
      vfs::ConfigFile::Parse("[mem]\ntype = memory\n", "");
  ASSERT_TRUE(config.ok()) << config.status();
  fichier::OpenOptions options;
  options.config = &*config;
  options.use_environment = false;
  absl::StatusOr<fichier::Remote> dir = fichier::Open("mem:embed-named", options);
  ASSERT_TRUE(dir.ok()) << dir.status();
  ASSERT_TRUE(fichier::PutBytes(*dir->fs, "f.txt", "f").ok());
  absl::StatusOr<fichier::Remote> file = fichier::Open("mem:embed-named/f.txt", options);
  ASSERT_TRUE(file.ok()) << file.status();
  EXPECT_EQ(file->file, "f.txt");
  EXPECT_EQ(fichier::Open("nosuch:x", options).status().code(), absl::StatusCode::kNotFound);
}

}  // namespace
