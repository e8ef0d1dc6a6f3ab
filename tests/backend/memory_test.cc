// Behaviour of the memory backend beyond the conformance suite.
#include <string>
#include <thread>
#include <vector>

#include "backend/memory/memory_fs.h"
#include "gtest/gtest.h"
#include "vfs/errors.h"
#include "vfs/object_info.h"
#include "vfs/source.h"
#include "vfs/walk.h"

namespace {

absl::StatusOr<vfs::NewFsResult> Make(const std::string& root, vfs::ConfigMap options = {}) {
  backend::memory::Register();
  return vfs::Registry::Global().NewFs("memory", ":memory", root, std::move(options));
}

absl::StatusOr<vfs::ObjectPtr> Put(vfs::Fs& f, const std::string& remote, const std::string& s) {
  vfs::StringSource source(s);
  return f.Put(source, vfs::StaticObjectInfo(remote, static_cast<int64_t>(s.size()), absl::Now()));
}

TEST(MemoryTest, InstancesShareTheStore) {
  auto a = Make("memtest-share");
  auto b = Make("memtest-share/sub");
  ASSERT_TRUE(a.ok() && b.ok());
  ASSERT_TRUE(Put(*a->fs, "sub/x.txt", "x").ok());
  auto seen = b->fs->NewObject("x.txt");
  ASSERT_TRUE(seen.ok()) << seen.status();
  EXPECT_EQ(seen->get()->size(), 1);
  EXPECT_EQ(b->fs->Name(), ":memory");
  EXPECT_EQ(b->fs->Root(), "memtest-share/sub");
}

TEST(MemoryTest, DuplicatesOnlyWhenAllowed) {
  auto plain = Make("memtest-dups");
  ASSERT_TRUE(plain.ok());
  EXPECT_FALSE(plain->fs->features().duplicate_files);
  vfs::StringSource s("x");
  auto r = plain->fs->PutUnchecked(s, vfs::StaticObjectInfo("d", 1, absl::Now()));
  EXPECT_TRUE(absl::IsUnimplemented(r.status())) << r.status();
  auto dups = Make("memtest-dups", {{"allow_duplicates", "true"}});
  ASSERT_TRUE(dups.ok());
  EXPECT_TRUE(dups->fs->features().duplicate_files);
  EXPECT_TRUE(dups->fs->features().put_unchecked);
  EXPECT_FALSE(Make("x", {{"allow_duplicates", "maybe"}}).ok());
}

TEST(MemoryTest, OpenReaderKeepsItsSnapshotAcrossUpdate) {
  auto f = Make("memtest-snapshot");
  ASSERT_TRUE(f.ok());
  auto o = Put(*f->fs, "s.txt", "first version");
  ASSERT_TRUE(o.ok());
  auto reader = (*o)->Open();
  ASSERT_TRUE(reader.ok());
  vfs::StringSource next("second");
  ASSERT_TRUE((*o)->Update(next, vfs::StaticObjectInfo("s.txt", 6, absl::Now())).ok());
  EXPECT_EQ(*vfs::ReadAll(**reader), "first version");
  EXPECT_EQ((*o)->size(), 6);
}

TEST(MemoryTest, PutOntoADirectoryIsRefused) {
  auto f = Make("memtest-dir");
  ASSERT_TRUE(f.ok());
  ASSERT_TRUE(f->fs->Mkdir("d").ok());
  EXPECT_TRUE(vfs::IsIsDir(Put(*f->fs, "d", "x").status()));
  EXPECT_TRUE(vfs::IsIsDir(f->fs->NewObject("d").status()));
}

TEST(MemoryTest, ConcurrentUpdatesOfOneObjectStayConsistent) {
  auto f = Make("memtest-race");
  ASSERT_TRUE(f.ok());
  ASSERT_TRUE(Put(*f->fs, "r.bin", std::string(10, 'a')).ok());
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) {
        std::string content(10 + t, static_cast<char>('a' + t));
        ASSERT_TRUE(Put(*f->fs, "r.bin", content).ok());
        auto o = f->fs->NewObject("r.bin");
        ASSERT_TRUE(o.ok());
        auto src = (*o)->Open();
        ASSERT_TRUE(src.ok());
        std::string got = *vfs::ReadAll(**src);
        // Whatever version we see is one whole version.
        ASSERT_FALSE(got.empty());
        ASSERT_EQ(got, std::string(got.size(), got[0]));
        ASSERT_EQ(got.size(), static_cast<size_t>(10 + (got[0] - 'a')));
      }
    });
  }
  for (auto& t : threads) t.join();
  auto all = vfs::Walk(*f->fs, "");
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), 1u);
}

}  // namespace
