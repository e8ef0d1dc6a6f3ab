// The VFS layer of mount/serve over the memory backend: chunked reads byte for byte under
// random seeks, one stream for sequential reading, out-of-order reads served from the window,
// the directory cache's lifetime on a fake clock, writes through the cache (uploaded at Flush),
// uncached writes (in order only, nothing uploaded after a bad seek), mkdir/rmdir/unlink/
// rename on the remote, and --read-only.
#include <fcntl.h>
#include <sys/stat.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "base/clock.h"
#include "mount/cache_record.h"
#include "mount/chunked_reader.h"
#include "mount/dir_cache.h"
#include "mount/vfs.h"
#include "mount/write_cache.h"
#include "tests/operations/test_util.h"

namespace mount {
namespace {

std::string Bytes(size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  std::string s(n, '\0');
  for (char& c : s) c = static_cast<char>(rng());
  return s;
}

std::span<uint8_t> AsSpan(std::string& s) {
  return {reinterpret_cast<uint8_t*>(s.data()), s.size()};
}
std::span<const uint8_t> AsConstSpan(std::string_view s) {
  return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

// Counts List calls of the Fs it wraps (the directory cache is judged by them).
class CountingFs : public vfs::Fs {
 public:
  explicit CountingFs(vfs::FsPtr inner) : inner_(std::move(inner)) {}
  std::string Name() const override { return inner_->Name(); }
  std::string Root() const override { return inner_->Root(); }
  std::string ToString() const override { return inner_->ToString(); }
  const vfs::Features& features() const override { return inner_->features(); }
  absl::StatusOr<vfs::DirEntries> List(std::string_view dir) override {
    ++lists;
    return inner_->List(dir);
  }
  void ExpireListing(std::string_view /*dir*/) override { ++expired; }
  absl::StatusOr<vfs::ObjectPtr> NewObject(std::string_view remote) override {
    return inner_->NewObject(remote);
  }
  absl::StatusOr<vfs::ObjectPtr> Put(vfs::Source& in, const vfs::ObjectInfo& info,
                                     const vfs::PutOptions& options) override {
    if (fail_puts) return absl::UnavailableError("upload refused (test)");
    return inner_->Put(in, info, options);
  }
  absl::Status Mkdir(std::string_view dir) override { return inner_->Mkdir(dir); }
  absl::Status Rmdir(std::string_view dir) override { return inner_->Rmdir(dir); }
  absl::StatusOr<vfs::ObjectPtr> Move(const vfs::Object& src, std::string_view remote) override {
    return inner_->Move(src, remote);
  }
  std::atomic<int> lists{0};
  std::atomic<int> expired{0};  // ExpireListing calls
  std::atomic<bool> fail_puts{false};

 private:
  vfs::FsPtr inner_;
};

class VfsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    mem_ = optest::NewMemory();
    fs_ = std::make_shared<CountingFs>(mem_);
    cache_root_ = std::filesystem::temp_directory_path() /
                  ("vfs_test_" + std::to_string(getpid()) + "_" +
                   ::testing::UnitTest::GetInstance()->current_test_info()->name());
    options_.clock = &clock_;
  }
  void TearDown() override {
    std::filesystem::remove_all(cache_root_);
    std::filesystem::remove_all(CacheRecordRoot(cache_root_.string()));
  }

  std::unique_ptr<Vfs> Make() {
    auto v = Vfs::Create(fs_, options_, cache_root_.string());
    EXPECT_TRUE(v.ok()) << v.status();
    return std::move(*v);
  }

  // Reads [offset, offset + len) through a handle of `v`; "<error: ...>" when a read fails.
  static std::string ReadRange(Vfs& v, Handle h, int64_t offset, size_t len) {
    std::string out(len, '\0');
    size_t done = 0;
    while (done < len) {
      auto n = v.Read(h, offset + static_cast<int64_t>(done),
                      AsSpan(out).subspan(done, std::min<size_t>(128 << 10, len - done)));
      if (!n.ok()) return "<error: " + std::string(n.status().message()) + ">";
      if (*n == 0) break;
      done += *n;
    }
    out.resize(done);
    return out;
  }
  std::string ReadWhole(Vfs& v, const std::string& path) {
    auto h = v.Open(path, O_RDONLY);
    if (!h.ok()) return "<error: " + std::string(h.status().message()) + ">";
    auto attr = v.Stat(path);
    std::string out = ReadRange(v, *h, 0, static_cast<size_t>(attr->size));
    EXPECT_TRUE(v.Release(*h).ok());
    return out;
  }
  // Full mode over `remote` holding `size` random bytes, and a handle that read [offset, +len).
  struct Reading {
    std::unique_ptr<Vfs> v;
    std::string data;
    Handle h = 0;
  };
  Reading FullModeReader(const std::string& remote, size_t size, unsigned seed, int64_t offset,
                         size_t len) {
    Reading r{nullptr, Bytes(size, seed), 0};
    optest::Put(*mem_, remote, r.data);
    options_.cache_mode = CacheMode::kFull;
    r.v = Make();
    auto h = r.v->Open(remote, O_RDONLY);
    EXPECT_TRUE(h.ok()) << h.status();
    r.h = h.value_or(0);
    EXPECT_EQ(ReadRange(*r.v, r.h, offset, len), r.data.substr(offset, len));
    return r;
  }
  // Removes the remote object behind the VFS's back: what is not cached can't be read after.
  void RemoveRemote(const std::string& remote) {
    auto object = mem_->NewObject(remote);
    ASSERT_TRUE(object.ok()) << object.status();
    ASSERT_TRUE((*object)->Remove().ok());
  }

  std::string Content(const std::string& remote) {
    auto tree = optest::Tree(*mem_);
    auto it = tree.find(remote);
    return it == tree.end() ? "<missing>" : it->second;
  }

  base::FakeClock clock_;
  std::shared_ptr<backend::memory::MemoryFs> mem_;
  std::shared_ptr<CountingFs> fs_;
  std::filesystem::path cache_root_;
  VfsOptions options_;
};

TEST_F(VfsTest, RandomReadsMatchByteForByteThenTheWholeFile) {
  const std::string data = Bytes(8 << 20, 1);
  vfs::ObjectPtr object = optest::Put(*mem_, "big.bin", data);
  options_.read_chunk_size = 1 << 20;
  options_.buffer_size = 2 << 20;
  ChunkedReader reader(object, options_);
  std::mt19937 rng(7);
  for (int i = 0; i < 200; ++i) {
    size_t len = 4096 + rng() % (512 << 10);
    size_t off = rng() % data.size();
    std::string got(len, '\0');
    auto n = reader.ReadAt(static_cast<int64_t>(off), AsSpan(got));
    ASSERT_TRUE(n.ok()) << n.status();
    ASSERT_EQ(*n, std::min(len, data.size() - off));
    got.resize(*n);
    ASSERT_EQ(got, data.substr(off, *n)) << "read " << i << " at " << off;
  }
  std::string all(data.size(), '\0');
  size_t done = 0;
  while (done < all.size()) {
    std::span<uint8_t> rest = AsSpan(all).subspan(done, std::min<size_t>(128 << 10, all.size() - done));
    auto n = reader.ReadAt(static_cast<int64_t>(done), rest);
    ASSERT_TRUE(n.ok()) << n.status();
    ASSERT_GT(*n, 0u);
    done += *n;
  }
  EXPECT_EQ(all, data);
}

TEST_F(VfsTest, SequentialReadingKeepsOneStreamAndOutOfOrderReadsReuseIt) {
  const std::string data = Bytes(6 << 20, 2);
  vfs::ObjectPtr object = optest::Put(*mem_, "seq.bin", data);
  options_.read_chunk_size = 256 << 10;  // several growing chunks, one reader
  ChunkedReader reader(object, options_);
  std::string block(128 << 10, '\0');
  for (size_t off = 0; off < data.size(); off += block.size()) {
    // The kernel's read-ahead sends neighbours out of order: the later block first.
    if (off + 2 * block.size() <= data.size() && (off / block.size()) % 4 == 1) {
      ASSERT_TRUE(reader.ReadAt(static_cast<int64_t>(off + block.size()), AsSpan(block)).ok());
    }
    auto n = reader.ReadAt(static_cast<int64_t>(off), AsSpan(block));
    ASSERT_TRUE(n.ok()) << n.status();
    ASSERT_EQ(std::string_view(block).substr(0, *n), std::string_view(data).substr(off, *n));
  }
  ReaderStats stats = reader.stats();
  EXPECT_EQ(stats.reopens, 1);
  EXPECT_GT(stats.from_window, 0);
}

// --no-seek: the stream goes on from where it is (a short skip forward is read through, bytes
// just returned are served again); a read it cannot reach is ESPIPE, never a new range.
TEST_F(VfsTest, NoSeekRefusesReadsTheStreamCannotReach) {
  const std::string data = Bytes(12 << 20, 3);
  vfs::ObjectPtr object = optest::Put(*mem_, "film.mkv", data);
  options_.no_seek = true;
  options_.buffer_size = 0;
  ChunkedReader reader(object, options_);
  std::string got(64 << 10, '\0');
  ASSERT_TRUE(reader.ReadAt(0, AsSpan(got)).ok());
  ASSERT_TRUE(reader.ReadAt(0, AsSpan(got)).ok());         // the bytes just returned
  ASSERT_TRUE(reader.ReadAt(160 << 10, AsSpan(got)).ok());  // a short skip ahead
  EXPECT_EQ(got, data.substr(160 << 10, 64 << 10));
  int64_t at = 224 << 10;
  for (; at < (6 << 20); at += 64 << 10) ASSERT_TRUE(reader.ReadAt(at, AsSpan(got)).ok());
  absl::StatusOr<size_t> back = reader.ReadAt(0, AsSpan(got));  // long gone from the window
  ASSERT_FALSE(back.ok());
  EXPECT_EQ(ErrnoFor(back.status()), ESPIPE);
  absl::StatusOr<size_t> far = reader.ReadAt(11 << 20, AsSpan(got));
  ASSERT_FALSE(far.ok());
  EXPECT_EQ(ErrnoFor(far.status()), ESPIPE);
  EXPECT_EQ(reader.stats().reopens, 1);
  // The stream is still there for the next bytes in order.
  ASSERT_TRUE(reader.ReadAt(at, AsSpan(got)).ok());
  EXPECT_EQ(got, data.substr(at, 64 << 10));

  // Without --no-seek the same reads are served by new ranges.
  options_.no_seek = false;
  ChunkedReader seeking(object, options_);
  ASSERT_TRUE(seeking.ReadAt(11 << 20, AsSpan(got)).ok());
  ASSERT_TRUE(seeking.ReadAt(0, AsSpan(got)).ok());
  EXPECT_EQ(got, data.substr(0, 64 << 10));
}

TEST_F(VfsTest, ReadsPastTheEndGiveNothing) {
  vfs::ObjectPtr object = optest::Put(*mem_, "small", "0123456789");
  ChunkedReader reader(object, options_);
  std::string buf(100, '\0');
  auto n = reader.ReadAt(4, AsSpan(buf));
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(buf.substr(0, *n), "456789");
  n = reader.ReadAt(10, AsSpan(buf));
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(*n, 0u);
}

TEST_F(VfsTest, DirectoryCacheListsOncePerLifetime) {
  optest::Put(*mem_, "d/a", "a");
  DirCache cache(fs_, absl::Minutes(5), &clock_);
  ASSERT_TRUE(cache.List("d").ok());
  ASSERT_TRUE(cache.Stat("d/a").ok());
  EXPECT_EQ(fs_->lists.load(), 1);
  optest::Put(*mem_, "d/b", "b");
  EXPECT_FALSE(cache.Stat("d/b").ok()) << "served from the cache until it expires";
  EXPECT_EQ(fs_->expired.load(), 0) << "a first listing has nothing to expire";
  clock_.Advance(absl::Minutes(5));
  EXPECT_TRUE(cache.Stat("d/b").ok());
  EXPECT_EQ(fs_->lists.load(), 2);
  EXPECT_EQ(fs_->expired.load(), 1) << "the Fs is told before it lists again";
  cache.ExpireAll();  // SIGHUP
  EXPECT_TRUE(cache.Stat("d/a").ok());
  EXPECT_EQ(fs_->lists.load(), 3);
  EXPECT_EQ(fs_->expired.load(), 2);
}

TEST_F(VfsTest, WrittenFilesShowAtOnceAndUploadAtFlush) {
  options_.cache_mode = CacheMode::kWrites;
  options_.write_back = absl::Hours(1);  // only Flush uploads
  ASSERT_TRUE(mem_->Mkdir("dir").ok());
  auto v = Make();
  auto h = v->Open("dir/new.txt", O_WRONLY | O_CREAT, /*create=*/true);
  ASSERT_TRUE(h.ok()) << h.status();
  ASSERT_TRUE(v->Write(*h, 0, AsConstSpan("hello ")).ok());
  ASSERT_TRUE(v->Write(*h, 6, AsConstSpan("world")).ok());
  ASSERT_TRUE(v->Release(*h).ok());
  auto attr = v->Stat("dir/new.txt");
  ASSERT_TRUE(attr.ok());
  EXPECT_EQ(attr->size, 11);
  EXPECT_EQ(Content("dir/new.txt"), "<missing>");
  // Read back from the cache before the upload.
  auto r = v->Open("dir/new.txt", O_RDONLY);
  ASSERT_TRUE(r.ok()) << r.status();
  std::string buf(64, '\0');
  auto n = v->Read(*r, 0, AsSpan(buf));
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(buf.substr(0, *n), "hello world");
  ASSERT_TRUE(v->Release(*r).ok());
  EXPECT_TRUE(v->Flush().empty());
  EXPECT_EQ(Content("dir/new.txt"), "hello world");
  // A rewrite in the middle keeps the rest (random access through the cache).
  h = v->Open("dir/new.txt", O_RDWR);
  ASSERT_TRUE(h.ok()) << h.status();
  ASSERT_TRUE(v->Write(*h, 0, AsConstSpan("HELLO")).ok());
  ASSERT_TRUE(v->Release(*h).ok());
  EXPECT_TRUE(v->Flush().empty());
  EXPECT_EQ(Content("dir/new.txt"), "HELLO world");
}

TEST_F(VfsTest, AFailedUploadStaysInTheCacheIsReportedAndGoesUpLater) {
  options_.cache_mode = CacheMode::kWrites;
  options_.write_back = absl::Hours(1);
  auto v = Make();
  fs_->fail_puts = true;
  auto h = v->Open("kept.txt", O_WRONLY | O_CREAT, true);
  ASSERT_TRUE(h.ok()) << h.status();
  ASSERT_TRUE(v->Write(*h, 0, AsConstSpan("precious")).ok());
  ASSERT_TRUE(v->Release(*h).ok());
  std::vector<std::string> failed = v->Flush();
  ASSERT_EQ(failed.size(), 1u);
  EXPECT_THAT(failed[0], ::testing::HasSubstr("kept.txt"));
  EXPECT_THAT(failed[0], ::testing::HasSubstr("upload refused"));
  EXPECT_EQ(Content("kept.txt"), "<missing>");
  auto attr = v->Stat("kept.txt");
  ASSERT_TRUE(attr.ok()) << "still shown in the mount: " << attr.status();
  EXPECT_EQ(attr->size, 8);
  // The next flush (a later unmount) sends it.
  fs_->fail_puts = false;
  EXPECT_TRUE(v->Flush().empty());
  EXPECT_EQ(Content("kept.txt"), "precious");
  EXPECT_FALSE(std::filesystem::exists(CacheRecordRoot(cache_root_.string()) + "/kept.txt"))
      << "uploaded: nothing pending is recorded";
}

// A run that ends before its uploads (here: they fail, then the VFS goes away as at a crash or
// unmount) leaves the files to the next run, which uploads them.
TEST_F(VfsTest, FilesAnEarlierRunDidNotUploadGoUpInTheNextRun) {
  options_.cache_mode = CacheMode::kWrites;
  options_.write_back = absl::Hours(1);
  auto v = Make();
  fs_->fail_puts = true;
  for (const std::string name : {"new.txt", "dir/renamed-later.txt"}) {
    auto h = v->Open(name == "new.txt" ? name : "draft.txt", O_WRONLY | O_CREAT, true);
    ASSERT_TRUE(h.ok()) << h.status();
    ASSERT_TRUE(v->Write(*h, 0, AsConstSpan(name)).ok());
    ASSERT_TRUE(v->Release(*h).ok());
  }
  ASSERT_TRUE(v->Mkdir("dir").ok());
  ASSERT_TRUE(v->Rename("draft.txt", "dir/renamed-later.txt").ok());
  v.reset();
  EXPECT_EQ(Content("new.txt"), "<missing>");

  fs_->fail_puts = false;
  options_.write_back = absl::ZeroDuration();
  // A read-only mount (full mode: it has a cache) uploads nothing, and keeps them.
  options_.read_only = true;
  options_.cache_mode = CacheMode::kFull;
  v = Make();
  EXPECT_TRUE(v->Flush().empty());
  v.reset();
  EXPECT_EQ(Content("new.txt"), "<missing>");
  options_.read_only = false;
  options_.cache_mode = CacheMode::kWrites;
  v = Make();
  EXPECT_TRUE(v->Flush().empty());
  EXPECT_EQ(Content("new.txt"), "new.txt");
  EXPECT_EQ(Content("dir/renamed-later.txt"), "dir/renamed-later.txt");
  EXPECT_EQ(Content("draft.txt"), "<missing>");
  v.reset();
  EXPECT_FALSE(std::filesystem::exists(cache_root_ / "new.txt")) << "uploaded: not kept";
}

TEST_F(VfsTest, UploadedFilesLeaveTheCacheBeyondItsMaxSize) {
  options_.cache_mode = CacheMode::kWrites;
  options_.write_back = absl::Hours(1);
  options_.cache_max_size = 10;
  auto v = Make();
  for (const char* name : {"one.txt", "two.txt"}) {
    auto h = v->Open(name, O_WRONLY | O_CREAT, true);
    ASSERT_TRUE(h.ok());
    ASSERT_TRUE(v->Write(*h, 0, AsConstSpan("12345678")).ok());
    ASSERT_TRUE(v->Release(*h).ok());
  }
  EXPECT_TRUE(v->Flush().empty());
  int cached = 0;
  for (const auto& e : std::filesystem::directory_iterator(cache_root_)) cached += e.is_regular_file();
  EXPECT_LT(cached, 2) << "16 bytes uploaded, 10 allowed in the cache";
  EXPECT_EQ(Content("one.txt"), "12345678");
  EXPECT_EQ(Content("two.txt"), "12345678");
}

TEST_F(VfsTest, UncachedWritesAreInOrderOnlyAndAFailedOneUploadsNothing) {
  auto v = Make();
  auto h = v->Open("stream.bin", O_WRONLY | O_CREAT, true);
  ASSERT_TRUE(h.ok()) << h.status();
  ASSERT_TRUE(v->Write(*h, 0, AsConstSpan("abc")).ok());
  auto bad = v->Write(*h, 10, AsConstSpan("x"));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(ErrnoFor(bad.status()), ESPIPE);
  EXPECT_THAT(std::string(bad.status().message()),
              ::testing::HasSubstr("--vfs-cache-mode writes"));
  EXPECT_FALSE(v->Release(*h).ok());
  EXPECT_EQ(Content("stream.bin"), "<missing>");

  h = v->Open("ok.bin", O_WRONLY | O_CREAT, true);
  ASSERT_TRUE(h.ok());
  ASSERT_TRUE(v->Write(*h, 0, AsConstSpan("abc")).ok());
  ASSERT_TRUE(v->Write(*h, 3, AsConstSpan("def")).ok());
  ASSERT_TRUE(v->Flush(*h).ok());
  EXPECT_EQ(Content("ok.bin"), "abcdef");
  ASSERT_TRUE(v->Release(*h).ok());
}

TEST_F(VfsTest, DirectoryChangesAndRenamesReachTheRemote) {
  optest::Put(*mem_, "a.txt", "A");
  auto v = Make();
  ASSERT_TRUE(v->Mkdir("new").ok());
  EXPECT_EQ(ErrnoFor(v->Mkdir("new")), EEXIST);
  ASSERT_TRUE(v->Rename("a.txt", "new/b.txt").ok());
  EXPECT_EQ(Content("new/b.txt"), "A");
  EXPECT_EQ(Content("a.txt"), "<missing>");
  EXPECT_FALSE(v->Stat("a.txt").ok());
  EXPECT_TRUE(v->Stat("new/b.txt").ok());
  EXPECT_EQ(ErrnoFor(v->Rmdir("new")), ENOTEMPTY);
  ASSERT_TRUE(v->Unlink("new/b.txt").ok());
  EXPECT_EQ(Content("new/b.txt"), "<missing>");
  ASSERT_TRUE(v->Rmdir("new").ok());
  EXPECT_EQ(ErrnoFor(v->Stat("new").status()), ENOENT);
}

TEST_F(VfsTest, ReadOnlyRefusesEveryChange) {
  optest::Put(*mem_, "a.txt", "A");
  options_.read_only = true;
  auto v = Make();
  EXPECT_EQ(ErrnoFor(v->Open("a.txt", O_WRONLY).status()), EROFS);
  EXPECT_EQ(ErrnoFor(v->Open("b.txt", O_WRONLY | O_CREAT, true).status()), EROFS);
  EXPECT_EQ(ErrnoFor(v->Mkdir("d")), EROFS);
  EXPECT_EQ(ErrnoFor(v->Unlink("a.txt")), EROFS);
  EXPECT_EQ(ErrnoFor(v->Rename("a.txt", "c.txt")), EROFS);
  EXPECT_EQ(Content("a.txt"), "A");
}

// --vfs-cache-mode full: what was read is kept (sparse) and read again from the cache only.
TEST_F(VfsTest, FullModeKeepsTheRangesReadAndOnlyThose) {
  const std::string data = Bytes(3 << 20, 11);
  optest::Put(*mem_, "media/film.mkv", data);
  options_.cache_mode = CacheMode::kFull;
  options_.read_chunk_size = 256 << 10;
  auto v = Make();
  auto h = v->Open("media/film.mkv", O_RDONLY);
  ASSERT_TRUE(h.ok()) << h.status();
  EXPECT_EQ(ReadRange(*v, *h, 0, 1 << 20), data.substr(0, 1 << 20));
  EXPECT_EQ(ReadRange(*v, *h, 2 << 20, 512 << 10), data.substr(2 << 20, 512 << 10));
  ASSERT_TRUE(v->Release(*h).ok());

  RemoveRemote("media/film.mkv");
  h = v->Open("media/film.mkv", O_RDONLY);
  ASSERT_TRUE(h.ok()) << h.status();
  EXPECT_EQ(ReadRange(*v, *h, 4096, 100000), data.substr(4096, 100000));
  EXPECT_EQ(ReadRange(*v, *h, (2 << 20) + 7, 300000), data.substr((2 << 20) + 7, 300000));
  // A read that needs one byte not kept goes to the remote, which no longer has it.
  EXPECT_THAT(ReadRange(*v, *h, (1 << 20) - 10, 20), ::testing::StartsWith("<error"));
  ASSERT_TRUE(v->Release(*h).ok());
  struct stat st {};
  ASSERT_EQ(stat((cache_root_ / "media/film.mkv").c_str(), &st), 0);
  EXPECT_EQ(st.st_size, 3 << 20);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
}

TEST_F(VfsTest, FullModeFileReadOnceIsServedWholeFromTheCacheOnAReadOnlyMount) {
  const std::string data = Bytes((1 << 20) + 12345, 12);
  optest::Put(*mem_, "song.flac", data);
  options_.cache_mode = CacheMode::kFull;
  options_.read_only = true;
  auto v = Make();
  ASSERT_EQ(ReadWhole(*v, "song.flac"), data);
  RemoveRemote("song.flac");
  EXPECT_EQ(ReadWhole(*v, "song.flac"), data);
  EXPECT_EQ(ReadWhole(*v, "song.flac"), data);
}

TEST_F(VfsTest, FullModeCopyStartsAgainWhenTheRemoteChanges) {
  options_.cache_mode = CacheMode::kFull;
  optest::Put(*mem_, "a.txt", "first version");
  optest::Put(*mem_, "b.txt", "same size one", absl::FromUnixSeconds(1000));
  auto v = Make();
  ASSERT_EQ(ReadWhole(*v, "a.txt"), "first version");
  ASSERT_EQ(ReadWhole(*v, "b.txt"), "same size one");
  // Changed behind the mount: another size, and the same size at another time.
  optest::Put(*mem_, "a.txt", "second, longer version");
  optest::Put(*mem_, "b.txt", "same size two", absl::FromUnixSeconds(2000));
  clock_.Advance(options_.dir_cache_time);  // the next Stat lists again
  EXPECT_EQ(ReadWhole(*v, "a.txt"), "second, longer version");
  EXPECT_EQ(ReadWhole(*v, "b.txt"), "same size two");
}

TEST_F(VfsTest, FullModeWriteAfterAPartialReadUploadsTheWholeFile) {
  auto [v, data, r] = FullModeReader("doc.bin", 2 << 20, 13, 1 << 20, 4096);
  // Written while the reader still holds its handle: the parts never read come first.
  auto w = v->Open("doc.bin", O_RDWR);
  ASSERT_TRUE(w.ok()) << w.status();
  ASSERT_TRUE(v->Write(*w, 10, AsConstSpan("EDIT")).ok());
  // The reader fetches bytes the writer has changed: its copy of them must not land on the edit.
  EXPECT_EQ(ReadRange(*v, r, 0, 100).size(), 100u);
  ASSERT_TRUE(v->Release(*w).ok());
  ASSERT_TRUE(v->Release(r).ok());
  EXPECT_TRUE(v->Flush().empty());
  std::string expected = data;
  expected.replace(10, 4, "EDIT");
  EXPECT_EQ(Content("doc.bin"), expected);
}

TEST_F(VfsTest, FullModeReaderOfAReplacedCopyLeavesTheNewFileAlone) {
  auto [v, data, r] = FullModeReader("clip.bin", 1 << 20, 14, 0, 1000);
  auto w = v->Open("clip.bin", O_WRONLY | O_TRUNC);
  ASSERT_TRUE(w.ok()) << w.status();
  ASSERT_TRUE(v->Write(*w, 0, AsConstSpan("new content")).ok());
  // The old reader goes on with the old version; what it fetches stays out of the new file.
  EXPECT_EQ(ReadRange(*v, r, 500000, 1000), data.substr(500000, 1000));
  ASSERT_TRUE(v->Release(*w).ok());
  ASSERT_TRUE(v->Release(r).ok());
  EXPECT_TRUE(v->Flush().empty());
  EXPECT_EQ(Content("clip.bin"), "new content");
  EXPECT_EQ(ReadWhole(*v, "clip.bin"), "new content");
}

TEST_F(VfsTest, FullModeReadCopiesLeaveBeyondTheMaxSizeAndRenamesWhileReading) {
  const std::string a = Bytes(1 << 20, 15), b = Bytes(1 << 20, 16);
  optest::Put(*mem_, "a.bin", a);
  optest::Put(*mem_, "b.bin", b);
  options_.cache_mode = CacheMode::kFull;
  options_.cache_max_size = (3 << 20) / 2;
  auto v = Make();
  ASSERT_EQ(ReadWhole(*v, "a.bin"), a);
  EXPECT_TRUE(std::filesystem::exists(cache_root_ / "a.bin"));
  ASSERT_EQ(ReadWhole(*v, "b.bin"), b);
  EXPECT_FALSE(std::filesystem::exists(cache_root_ / "a.bin")) << "over --vfs-cache-max-size";
  EXPECT_TRUE(std::filesystem::exists(cache_root_ / "b.bin"));
  // A file being read can still be renamed (not EBUSY); the new name reads right.
  auto h = v->Open("b.bin", O_RDONLY);
  ASSERT_TRUE(h.ok());
  ASSERT_TRUE(v->Rename("b.bin", "c.bin").ok());
  EXPECT_EQ(ReadRange(*v, *h, 0, 1000), b.substr(0, 1000));
  ASSERT_TRUE(v->Release(*h).ok());
  EXPECT_EQ(ReadWhole(*v, "c.bin"), b);
}

TEST_F(VfsTest, FullModeCopiesServeTheNextRunAndUnknownFilesAreLeftAlone) {
  options_.cache_mode = CacheMode::kFull;
  const std::string part = Bytes(100000, 17);
  optest::Put(*mem_, "left.txt", "remote content");
  optest::Put(*mem_, "read.txt", "read content");
  optest::Put(*mem_, "dir/part.bin", part);
  std::filesystem::create_directories(cache_root_);
  std::ofstream(cache_root_ / "left.txt") << "not uploaded by an earlier run";
  auto v = Make();
  EXPECT_EQ(ReadWhole(*v, "left.txt"), "remote content");
  EXPECT_EQ(ReadWhole(*v, "read.txt"), "read content");
  auto h = v->Open("dir/part.bin", O_RDONLY);
  ASSERT_TRUE(h.ok());
  ASSERT_EQ(ReadRange(*v, *h, 0, 1000), part.substr(0, 1000));
  ASSERT_TRUE(v->Release(*h).ok());
  v.reset();  // unmount

  // The next run. The remote bytes are changed at the same size and time, which no fingerprint
  // sees: the bytes read come from the copies, and only those.
  const std::string other = Bytes(part.size(), 18);
  optest::Put(*mem_, "read.txt", "READ CONTENT");
  optest::Put(*mem_, "dir/part.bin", other);
  v = Make();
  EXPECT_EQ(ReadWhole(*v, "read.txt"), "read content");
  h = v->Open("dir/part.bin", O_RDONLY);
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(ReadRange(*v, *h, 10, 900), part.substr(10, 900));
  EXPECT_EQ(ReadRange(*v, *h, 5000, 10), other.substr(5000, 10));
  ASSERT_TRUE(v->Release(*h).ok());
  v.reset();
  std::ifstream left(cache_root_ / "left.txt");
  std::string kept((std::istreambuf_iterator<char>(left)), std::istreambuf_iterator<char>());
  EXPECT_EQ(kept, "not uploaded by an earlier run");

  // A run that finds the remote changed starts the copy again; a damaged record is not trusted.
  optest::Put(*mem_, "read.txt", "read content, changed");
  std::ofstream(CacheRecordRoot(cache_root_.string()) + "/dir/part.bin") << "fclone-vfs-cache 1\n";
  const std::string third = Bytes(part.size(), 19);
  optest::Put(*mem_, "dir/part.bin", third);
  v = Make();
  EXPECT_EQ(ReadWhole(*v, "read.txt"), "read content, changed");
  EXPECT_EQ(ReadWhole(*v, "dir/part.bin"), third);
}

TEST_F(VfsTest, CacheRefusesNamesThatWouldLeaveItsFolder) {
  options_.cache_mode = CacheMode::kFull;
  vfs::ObjectPtr object = optest::Put(*mem_, "x.bin", "bytes");
  DirCache dirs(fs_, absl::Minutes(5), &clock_);
  auto cache = WriteCache::Open(fs_, (cache_root_ / "inner").string(), options_, &dirs);
  ASSERT_TRUE(cache.ok()) << cache.status();
  for (const char* name : {"../escape", "a/../../escape", "./x.bin", "a//x.bin", ""}) {
    EXPECT_TRUE(absl::IsInvalidArgument((*cache)->OpenSparse(name, *object).status())) << name;
    EXPECT_TRUE(absl::IsInvalidArgument((*cache)->OpenFile(name, object, true).status())) << name;
  }
  EXPECT_FALSE(std::filesystem::exists(cache_root_ / "escape"));
}

}  // namespace
}  // namespace mount
