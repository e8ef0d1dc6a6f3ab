// vfs::operations::Rcat (and copyurl's body of unknown length): short streams are Put with
// their size, long ones go to PutStream, or through a spool file for a backend without it; a
// stream that fails midway stores nothing; --size sends the stream as it is.
#include "vfs/operations/rcat.h"

#include <filesystem>
#include <string>

#include "gtest/gtest.h"
#include "tests/operations/test_util.h"
#include "vfs/global_options.h"

namespace optest {
namespace {

namespace ops = vfs::operations;

std::string Bytes(size_t n) {
  std::string s(n, '\0');
  for (size_t i = 0; i < n; ++i) s[i] = static_cast<char>((i * 131 + i / 7) & 0xff);
  return s;
}

// Gives `data` in uneven pieces, then fails instead of ending when `fail` is set.
class PipeSource : public vfs::Source {
 public:
  PipeSource(std::string data, bool fail) : data_(std::move(data)), fail_(fail) {}
  absl::StatusOr<size_t> Read(std::span<uint8_t> buffer) override {
    if (at_ == data_.size()) {
      if (fail_) return absl::DataLossError("failed to read standard input: broken pipe");
      return 0;
    }
    size_t n = std::min({buffer.size(), data_.size() - at_, size_t{7777}});
    std::memcpy(buffer.data(), data_.data() + at_, n);
    at_ += n;
    return n;
  }

 private:
  std::string data_;
  size_t at_ = 0;
  bool fail_;
};

class RcatTest : public ::testing::Test {
 protected:
  void SetUp() override {
    cache_ = std::filesystem::temp_directory_path() /
             ("rcat_test_" + std::to_string(::getpid()));
    vfs::GlobalOptions g = vfs::GetGlobalOptions();
    saved_ = g;
    g.cache_dir = cache_.string();
    g.temp_dir = cache_.string();  // spool files go to this user's folder in the temp dir
    vfs::SetGlobalOptions(g);
  }
  void TearDown() override {
    vfs::SetGlobalOptions(saved_);
    std::filesystem::remove_all(cache_);
  }
  absl::StatusOr<vfs::ObjectPtr> Rcat(vfs::Fs& fs, const std::string& remote, std::string data,
                                      bool fail = false, int64_t size = -1) {
    PipeSource in(std::move(data), fail);
    ops::RcatOptions options;
    options.size = size;
    return ops::Rcat(t_.ctx, fs, remote, in, options);
  }
  // Files left in the spool directory (there must be none: the spool file has no name).
  size_t SpoolEntries() const {
    size_t n = 0;
    std::error_code ec;
    for (auto it = std::filesystem::recursive_directory_iterator(cache_, ec);
         it != std::filesystem::recursive_directory_iterator(); ++it) {
      if (it->is_regular_file()) ++n;
    }
    return n;
  }

  TestContext t_;
  std::filesystem::path cache_;
  vfs::GlobalOptions saved_;
};

TEST_F(RcatTest, ShortAndLongStreamsRoundTrip) {
  auto fs = NewMemory();
  for (size_t n : {size_t{0}, size_t{4}, size_t{ops::kStreamingUploadCutoff},
                   size_t{ops::kStreamingUploadCutoff + 1}, size_t{3 << 20}}) {
    std::string name = "f" + std::to_string(n);
    absl::StatusOr<vfs::ObjectPtr> stored = Rcat(*fs, name, Bytes(n));
    ASSERT_TRUE(stored.ok()) << n << ": " << stored.status();
    EXPECT_EQ((*stored)->size(), static_cast<int64_t>(n));
    EXPECT_EQ(Tree(*fs)[name], Bytes(n)) << n;
  }
  EXPECT_EQ(t_.stats.transfers(), 5);
}

TEST_F(RcatTest, BackendWithoutPutStreamGetsASpooledSizedPut) {
  auto faulty = std::make_shared<FaultyFs>(NewMemory());
  ASSERT_FALSE(faulty->features().put_stream);
  absl::StatusOr<vfs::ObjectPtr> stored = Rcat(*faulty, "big", Bytes(1 << 20));
  ASSERT_TRUE(stored.ok()) << stored.status();
  EXPECT_EQ(Tree(*faulty)["big"], Bytes(1 << 20));
  EXPECT_EQ(faulty->put_calls("big"), 1);
  EXPECT_TRUE(std::filesystem::is_directory(vfs::SpoolDir())) << "spooled in --temp-dir";
  EXPECT_EQ(vfs::SpoolDir(), cache_.string() + "/fclone-spool-" + std::to_string(::getuid()));
  EXPECT_EQ(SpoolEntries(), 0u) << "the spool file must leave nothing behind";
}

TEST_F(RcatTest, StreamFailingMidwayStoresNothing) {
  auto fs = NewMemory();
  auto faulty = std::make_shared<FaultyFs>(NewMemory());
  for (vfs::Fs* target : {static_cast<vfs::Fs*>(fs.get()), static_cast<vfs::Fs*>(faulty.get())}) {
    for (size_t n : {size_t{10}, size_t{500 * 1024}}) {
      absl::StatusOr<vfs::ObjectPtr> stored = Rcat(*target, "cut", Bytes(n), /*fail=*/true);
      ASSERT_FALSE(stored.ok()) << target->ToString() << " " << n;
      EXPECT_NE(stored.status().message().find("broken pipe"), std::string_view::npos);
      EXPECT_TRUE(Tree(*target).empty()) << target->ToString() << " " << n;
    }
  }
  EXPECT_EQ(SpoolEntries(), 0u);
  EXPECT_GT(t_.stats.errors(), 0);
}

TEST_F(RcatTest, SizeHintSendsTheStreamAsItIs) {
  auto fs = NewMemory();
  absl::StatusOr<vfs::ObjectPtr> stored = Rcat(*fs, "sized", Bytes(200000), false, 200000);
  ASSERT_TRUE(stored.ok()) << stored.status();
  EXPECT_EQ(Tree(*fs)["sized"], Bytes(200000));
  // A hint that does not match what came is an error, not a silently short file.
  absl::StatusOr<vfs::ObjectPtr> wrong = Rcat(*fs, "wrong", Bytes(1000), false, 2000);
  EXPECT_FALSE(wrong.ok());
  EXPECT_FALSE(Tree(*fs).contains("wrong"));
}

}  // namespace
}  // namespace optest
