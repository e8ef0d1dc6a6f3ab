// Behaviour of the local backend beyond the conformance suite: atomic writes, mod times on disk,
// symlink confinement, permission errors, the encoding option.
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "absl/strings/str_cat.h"
#include "backend/local/local_fs.h"
#include "backend/local/os_error.h"
#include "gtest/gtest.h"
#include "tests/backend/local_root_test.h"
#include "tests/support/process.h"
#include "vfs/errors.h"
#include "vfs/object_info.h"
#include "vfs/source.h"

namespace {

namespace fs = std::filesystem;

class FailAfter : public vfs::Source {
 public:
  explicit FailAfter(size_t good) : data_(good, 'n'), inner_(data_) {}
  absl::StatusOr<size_t> Read(std::span<uint8_t> buffer) override {
    absl::StatusOr<size_t> n = inner_.Read(buffer);
    if (n.ok() && *n == 0) return absl::DataLossError("source broke");
    return n;
  }

 private:
  std::string data_;
  vfs::SpanSource inner_;
};

class LocalTest : public local_test::LocalRootTest {
 protected:
  void TearDown() override {
    std::error_code ec;
    fs::permissions(root_ + "/locked", fs::perms::owner_all, ec);  // so it can be removed
  }

  static absl::StatusOr<vfs::ObjectPtr> Put(vfs::Fs& f, const std::string& remote,
                                            const std::string& content,
                                            absl::Time t = absl::FromUnixNanos(981173106499999999)) {
    vfs::StringSource s(content);
    return f.Put(s, vfs::StaticObjectInfo(remote, static_cast<int64_t>(content.size()), t));
  }

  static std::string Slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }

  std::set<std::string> RawNames(const std::string& dir) {
    std::set<std::string> out;
    for (const auto& e : fs::directory_iterator(dir)) out.insert(e.path().filename().string());
    return out;
  }
};

TEST_F(LocalTest, FailedUpdateKeepsTheOldFileAndLeavesNoTemp) {
  vfs::FsPtr f = Open();
  ASSERT_TRUE(Put(*f, "a.txt", "old content").ok());
  FailAfter broken(300000);  // more than one write buffer, so a partial file really exists
  auto r = f->Put(broken, vfs::StaticObjectInfo("a.txt", 600000, absl::Now()));
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(Slurp(root_ + "/a.txt"), "old content");
  EXPECT_EQ(RawNames(root_), std::set<std::string>{"a.txt"});
  // A new name is not created at all.
  FailAfter broken2(10);
  EXPECT_FALSE(f->Put(broken2, vfs::StaticObjectInfo("new.txt", 20, absl::Now())).ok());
  EXPECT_EQ(RawNames(root_), std::set<std::string>{"a.txt"});
}

// A download cut by a stop (the source reports the stop's reason mid-body) leaves nothing
// behind: no partial file under the name, no temporary file, and the stop's code survives.
TEST_F(LocalTest, StoppedDownloadLeavesNoPartialFile) {
  class StoppedAfter : public vfs::Source {
   public:
    absl::StatusOr<size_t> Read(std::span<uint8_t> buffer) override {
      if (sent_ >= 1 << 20) return absl::CancelledError("context canceled");
      std::fill(buffer.begin(), buffer.end(), 'z');
      sent_ += buffer.size();
      return buffer.size();
    }

   private:
    size_t sent_ = 0;
  };
  vfs::FsPtr f = Open();
  StoppedAfter cut;
  auto r = f->Put(cut, vfs::StaticObjectInfo("d/big.bin", 8 << 20, absl::Now()));
  EXPECT_TRUE(absl::IsCancelled(r.status())) << r.status();
  EXPECT_FALSE(fs::exists(root_ + "/d/big.bin"));
  EXPECT_TRUE(RawNames(root_ + "/d").empty());
}

TEST_F(LocalTest, ShortSourceIsAnError) {
  vfs::FsPtr f = Open();
  vfs::StringSource s("12345");
  auto r = f->Put(s, vfs::StaticObjectInfo("short.txt", 10, absl::Now()));
  EXPECT_TRUE(vfs::IsDataCorruption(r.status())) << r.status();
  EXPECT_FALSE(fs::exists(root_ + "/short.txt"));
}

TEST_F(LocalTest, TempNamesAreHiddenFromListings) {
  vfs::FsPtr f = Open();
  std::ofstream(root_ + "/.fichier-partial-0123456789abcdef") << "half";
  std::ofstream(root_ + "/visible") << "x";
  auto l = f->List("");
  ASSERT_TRUE(l.ok());
  ASSERT_EQ(l->size(), 1u);
  EXPECT_EQ((*l)[0].remote(), "visible");
}

TEST_F(LocalTest, ModTimeIsKeptOnDiskToTheNanosecond) {
  vfs::FsPtr f = Open();
  absl::Time t = absl::FromUnixNanos(981173106499999999);
  ASSERT_TRUE(Put(*f, "d/t.bin", "x", t).ok());
  struct stat st;
  ASSERT_EQ(::stat((root_ + "/d/t.bin").c_str(), &st), 0);
  EXPECT_EQ(st.st_mtim.tv_sec, 981173106);
  EXPECT_EQ(st.st_mtim.tv_nsec, 499999999);
}

TEST_F(LocalTest, SymlinksAreNotListedAndThoseOutOfTheRootNotFollowed) {
  fs::create_directories(base_ + "/outside");
  std::ofstream(base_ + "/outside/secret.txt") << "secret";
  fs::create_directories(root_ + "/inside");
  std::ofstream(root_ + "/inside/ok.txt") << "ok";
  fs::create_directory_symlink(base_ + "/outside", root_ + "/link_out");
  fs::create_directory_symlink(root_ + "/inside", root_ + "/link_in");
  fs::create_symlink(root_ + "/inside/ok.txt", root_ + "/file_link_in");
  fs::create_symlink(base_ + "/outside/secret.txt", root_ + "/file_link_out");

  vfs::FsPtr f = Open();
  auto l = f->List("");
  ASSERT_TRUE(l.ok()) << l.status();
  std::set<std::string> names;
  for (const auto& e : *l) names.insert(e.remote() + (e.is_dir() ? "/" : ""));
  // Listings skip every symlink (rclone); a path given directly may go through one that stays
  // inside the root.
  EXPECT_EQ(names, (std::set<std::string>{"inside/"}));

  auto secret = f->NewObject("link_out/secret.txt");
  EXPECT_TRUE(absl::IsPermissionDenied(secret.status())) << secret.status();
  EXPECT_NE(std::string(secret.status().message()).find(root_ + "/link_out/secret.txt"),
            std::string::npos)
      << secret.status();
  EXPECT_TRUE(absl::IsPermissionDenied(f->NewObject("file_link_out").status()));
  EXPECT_TRUE(absl::IsPermissionDenied(f->List("link_out").status()));
  EXPECT_TRUE(absl::IsPermissionDenied(Put(*f, "link_out/new.txt", "x").status()));
  EXPECT_FALSE(fs::exists(base_ + "/outside/new.txt"));
  auto ok = f->NewObject("link_in/ok.txt");
  ASSERT_TRUE(ok.ok()) << ok.status();

  // copy_links follows everything.
  vfs::FsPtr follow = Open({{"copy_links", "true"}});
  auto l2 = follow->List("");
  ASSERT_TRUE(l2.ok()) << l2.status();
  EXPECT_EQ(l2->size(), 5u);
  auto s = follow->NewObject("link_out/secret.txt");
  ASSERT_TRUE(s.ok()) << s.status();
  auto src = (*s)->Open();
  ASSERT_TRUE(src.ok());
  EXPECT_EQ(*vfs::ReadAll(**src), "secret");
}

TEST_F(LocalTest, PurgeRemovesLinksNotTheirTargets) {
  fs::create_directories(base_ + "/outside");
  std::ofstream(base_ + "/outside/keep.txt") << "keep";
  fs::create_directories(root_ + "/d");
  fs::create_directory_symlink(base_ + "/outside", root_ + "/d/link");
  vfs::FsPtr f = Open();
  ASSERT_TRUE(f->Purge("d").ok());
  EXPECT_FALSE(fs::exists(root_ + "/d"));
  EXPECT_TRUE(fs::exists(base_ + "/outside/keep.txt"));
}

// Runs `body` as an unprivileged user when we are root (root ignores permission bits), so the
// permission checks are real either way. Returns body's exit status.
int AsUnprivileged(const std::function<int()>& body) {
  if (::geteuid() != 0) return body();
  const int code = test_support::RunForked([&body] {
    if (::setgid(65534) != 0 || ::setuid(65534) != 0) return 90;
    return body();
  });
  return code >= 0 && code < 128 ? code : 99;
}

TEST_F(LocalTest, PermissionErrorsNameThePath) {
  fs::create_directories(root_ + "/locked/inner");
  std::ofstream(root_ + "/locked/inner/f.txt") << "x";
  // World-traversable so the unprivileged child reaches the root; "locked" is closed.
  fs::permissions(base_, fs::perms::all);
  fs::permissions(root_, fs::perms::all);
  fs::permissions(root_ + "/locked", fs::perms::none);
  vfs::FsPtr f = Open();
  int code = AsUnprivileged([&] {
    auto l = f->List("locked");
    if (!absl::IsPermissionDenied(l.status())) return 1;
    if (std::string(l.status().message()).find(root_ + "/locked") == std::string::npos) return 2;
    auto o = f->NewObject("locked/inner/f.txt");
    if (!absl::IsPermissionDenied(o.status())) return 3;
    auto p = Put(*f, "locked/new.txt", "x");
    if (!absl::IsPermissionDenied(p.status())) return 4;
    if (std::string(p.status().message()).find(root_ + "/locked") == std::string::npos) return 5;
    return 0;
  });
  EXPECT_EQ(code, 0) << "failed check number " << code;
}

TEST_F(LocalTest, OsErrorMapping) {
  using backend::local::OsError;
  using backend::local::Subject;
  EXPECT_TRUE(vfs::IsObjectNotFound(OsError(ENOENT, "open", "/x/y", "y")));
  EXPECT_TRUE(vfs::IsDirNotFound(OsError(ENOENT, "open", "/x/y", "y", Subject::kDir)));
  EXPECT_TRUE(vfs::IsDirNotEmpty(OsError(ENOTEMPTY, "rmdir", "/x/y", "y", Subject::kDir)));
  absl::Status denied = OsError(EACCES, "open", "/x/y", "y");
  EXPECT_TRUE(absl::IsPermissionDenied(denied));
  EXPECT_EQ(denied.message(), "/x/y: permission denied: open: Permission denied");
  EXPECT_FALSE(vfs::IsRetryable(OsError(ENOSPC, "write", "/x", "x")));
}

TEST_F(LocalTest, EncodingOptionMapsNamesOnDisk) {
  // Default (Slash,Dot): a real ".." (standard "．．") is stored encoded; a real control byte
  // (standard "a␁b") is stored raw, as rclone's local backend does on Linux.
  vfs::FsPtr f = Open();
  ASSERT_TRUE(Put(*f, "\xef\xbc\x8e\xef\xbc\x8e", "dots").ok());
  ASSERT_TRUE(Put(*f, "a\xe2\x90\x81" "b", "ctl").ok());
  EXPECT_EQ(RawNames(root_),
            (std::set<std::string>{"\xef\xbc\x8e\xef\xbc\x8e", std::string("a\x01" "b")}));
  std::set<std::string> listed;
  absl::StatusOr<vfs::DirEntries> entries = f->List("");
  ASSERT_TRUE(entries.ok()) << entries.status();
  for (const auto& e : *entries) listed.insert(e.remote());
  EXPECT_EQ(listed, (std::set<std::string>{"\xef\xbc\x8e\xef\xbc\x8e", "a\xe2\x90\x81" "b"}));

  // With Colon, ':' is stored as its fullwidth form and listed back as ':'.
  fs::create_directory(base_ + "/colon");
  vfs::FsPtr c = Open({{"encoding", "Slash,Dot,Colon"}}, base_ + "/colon");
  ASSERT_TRUE(Put(*c, "a:b", "x").ok());
  EXPECT_EQ(RawNames(base_ + "/colon"), std::set<std::string>{"a\xef\xbc\x9a" "b"});
  auto l = c->List("");
  ASSERT_TRUE(l.ok());
  ASSERT_EQ(l->size(), 1u);
  EXPECT_EQ((*l)[0].remote(), "a:b");
  EXPECT_TRUE(c->NewObject("a:b").ok());
}

TEST_F(LocalTest, BadEncodingIsAnError) {
  backend::local::Register();
  auto r = vfs::Registry::Global().NewFs("local", ":local", root_, {{"encoding", "Slash,Bogus"}});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(std::string(r.status().message()).find("bad encoding"), std::string::npos)
      << r.status();
}

TEST_F(LocalTest, RootNamingAFile) {
  std::ofstream(root_ + "/only.txt") << "x";
  backend::local::Register();
  auto r = vfs::Registry::Global().NewFs("local", ":local", root_ + "/only.txt");
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->file, "only.txt");
  EXPECT_EQ(r->fs->Root(), root_);
}

TEST_F(LocalTest, ParentEscapesAreRefused) {
  vfs::FsPtr f = Open();
  std::ofstream(base_ + "/outside.txt") << "x";
  EXPECT_EQ(f->NewObject("../outside.txt").status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Put(*f, "a/../../x", "x").status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(f->List("..").status().code(), absl::StatusCode::kInvalidArgument);
}

TEST_F(LocalTest, RegisteredWithOptions) {
  backend::local::Register();
  auto info = vfs::Registry::Global().Find("local");
  ASSERT_TRUE(info.ok());
  ASSERT_NE((*info)->FindOption("encoding"), nullptr);
  EXPECT_EQ((*info)->FindOption("encoding")->default_value, "Slash,Dot");
  EXPECT_NE((*info)->FindOption("copy_links"), nullptr);
}

}  // namespace
