// The fs/object layer against odd answers and odd sources (FakeApi): a download never writes
// more than the size it was told and is verified whatever the size; a listing whose names
// cannot be path segments leaves them out; two folders with one name are an error; a source
// that fails after its last byte (it changed while read) leaves no copy behind.
#include "backend/fichier/fichier_fs.h"
#include "backend/fichier/fichier_object.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "hash/whirlpool.h"
#include "tests/fichier/fake_api.h"
#include "vfs/errors.h"
#include "vfs/log.h"

namespace fichier_test {
namespace {

using ::testing::HasSubstr;

class HostileAnswersTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fake_ = std::make_shared<FakeApi>();
    FichierOptions options;
    account_ =
        std::make_shared<Account>(fake_, nullptr, options.encoder,
                                  UploaderOptions{.batch = {.window = absl::ZeroDuration()}});
    fs_ = FichierFs::Create("remote", "", options, account_);
  }

  // An object as a listing would describe it, whatever the service really holds.
  vfs::ObjectPtr Listed(const std::string& url, int64_t size, const std::string& whirlpool) {
    CachedFile file;
    file.item.url = url;
    file.item.filename = "f.bin";
    file.item.size = size;
    file.item.checksum = whirlpool;
    file.name = "f.bin";
    return std::make_shared<FichierObject>(fs_, "f.bin", 0, file);
  }

  // Reads everything; returns the bytes handed on before the end or the error.
  static std::pair<std::string, absl::Status> Drain(vfs::Object& object,
                                                    vfs::OpenOptions options = {}) {
    auto in = object.Open(options);
    if (!in.ok()) return {"", in.status()};
    std::string got;
    std::vector<uint8_t> buffer(7);
    while (true) {
      absl::StatusOr<size_t> n = (*in)->Read(buffer);
      if (!n.ok()) return {got, n.status()};
      if (*n == 0) return {got, absl::OkStatus()};
      got.append(reinterpret_cast<const char*>(buffer.data()), *n);
    }
  }

  std::shared_ptr<FakeApi> fake_;
  std::shared_ptr<Account> account_;
  std::shared_ptr<FichierFs> fs_;
};

TEST_F(HostileAnswersTest, ADownloadNeverWritesMoreThanTheListedSize) {
  const std::string content(50, 'z');
  std::string url = fake_->AddFile(0, "f.bin", content, "2024-01-01 10:00:00");
  // Listed as -1 bytes: refused before a byte is read (once it streamed 50 MB unverified).
  auto [none, negative] = Drain(*Listed(url, -1, hash::WhirlpoolHex(content)));
  EXPECT_TRUE(vfs::IsDataCorruption(negative)) << negative;
  EXPECT_EQ(none, "");
  // Listed as 10 bytes: at most 10 handed on, then an error.
  auto [some, longer] = Drain(*Listed(url, 10, ""));
  EXPECT_TRUE(vfs::IsDataCorruption(longer)) << longer;
  EXPECT_LE(some.size(), 10u);
  // A range is held to its length too.
  auto [part, ok] = Drain(*Listed(url, 50, ""), vfs::OpenOptions::Range(5, 9));
  EXPECT_TRUE(ok.ok()) << ok;
  EXPECT_EQ(part, "zzzzz");
}

TEST_F(HostileAnswersTest, AZeroSizeListingIsStillVerified) {
  std::string url = fake_->AddFile(0, "f.bin", "not empty", "2024-01-01 10:00:00");
  auto [got, status] = Drain(*Listed(url, 0, hash::WhirlpoolHex("")));
  EXPECT_TRUE(vfs::IsDataCorruption(status)) << status;
  EXPECT_EQ(got, "");
}

TEST_F(HostileAnswersTest, AWrongWhirlpoolFailsTheDownload) {
  std::string url = fake_->AddFile(0, "f.bin", "payload", "2024-01-01 10:00:00");
  auto [got, status] = Drain(*Listed(url, 7, hash::WhirlpoolHex("other!!")));
  EXPECT_TRUE(vfs::IsDataCorruption(status)) << status;
  EXPECT_THAT(std::string(status.message()), HasSubstr("whirlpool"));
}

TEST_F(HostileAnswersTest, NamesThatAreNotPathSegmentsAreLeftOutLoudly) {
  int64_t sub = fake_->AddFolder(0, "sub");
  fake_->AddFile(sub, "inner.txt", "x", "2024-01-01 10:00:00");
  fake_->AddFolder(0, "");
  fake_->AddFolder(0, "..");
  fake_->AddFile(0, ".", "dot", "2024-01-01 10:00:00");
  fake_->AddFile(0, "a/b", "slash", "2024-01-01 10:00:00");
  fake_->AddFile(0, "ok.txt", "fine", "2024-01-01 10:00:00");
  std::vector<std::string> errors;
  vfs::LogSink previous =
      vfs::SetLogSink([&](vfs::LogLevel level, std::string_view, std::string_view message) {
        if (level == vfs::LogLevel::kError) errors.emplace_back(message);
      });
  absl::StatusOr<vfs::DirEntries> list = fs_->List("");
  vfs::SetLogSink(previous);
  ASSERT_TRUE(list.ok()) << list.status();
  std::vector<std::string> names;
  for (const auto& e : *list) names.push_back(e.remote());
  EXPECT_EQ(names, (std::vector<std::string>{"ok.txt", "sub"}));
  EXPECT_EQ(errors.size(), 4u) << ::testing::PrintToString(errors);
  for (const std::string& e : errors) EXPECT_THAT(e, HasSubstr("left out of the listing"));
  // The empty-named folder's files did not merge into the root.
  auto inner = fs_->NewObject("inner.txt");
  EXPECT_TRUE(vfs::IsObjectNotFound(inner.status())) << inner.status();
}

TEST_F(HostileAnswersTest, TwoFoldersWithOneNameAreAnError) {
  fake_->AddFolder(0, "twin");
  fake_->AddFolder(0, "twin");
  absl::StatusOr<vfs::DirEntries> list = fs_->List("");
  ASSERT_FALSE(list.ok());
  EXPECT_THAT(std::string(list.status().message()),
              HasSubstr("two sub-folders are named \"twin\""));
}

// Gives `data`, then fails the read after it, as a local file that changed while read does
// (backend/local checks at every read, the end included).
class ChangesAtTheEnd : public vfs::Source {
 public:
  explicit ChangesAtTheEnd(std::string data) : inner_(std::move(data)) {}
  absl::StatusOr<size_t> Read(std::span<uint8_t> buffer) override {
    absl::StatusOr<size_t> n = inner_.Read(buffer);
    if (n.ok() && *n == 0) {
      return absl::FailedPreconditionError(
          "can't copy - source file is being updated (size changed from 7 to 9)");
    }
    return n;
  }

 private:
  vfs::StringSource inner_;
};

TEST_F(HostileAnswersTest, ASourceChangingAfterItsLastByteLeavesNoCopy) {
  ChangesAtTheEnd in("payload");
  vfs::StaticObjectInfo info("grow.bin", 7, absl::Now());
  absl::StatusOr<vfs::ObjectPtr> put = fs_->Put(in, info);
  ASSERT_FALSE(put.ok());
  EXPECT_THAT(std::string(put.status().message()),
              HasSubstr("can't copy - source file is being updated (size changed from 7 to 9)"));
  EXPECT_TRUE(fake_->files.empty()) << "stored, or removed after";
}

// The Bearer key never goes over plain http to anything but this machine.
TEST(ApiUrlTest, PlainHttpOnlyToLoopback) {
  for (const char* ok : {"https://api.1fichier.com/v1", "HTTPS://x", "http://127.0.0.1:8080/v1",
                         "http://127.1.2.3/v1", "http://localhost:99/v1", "http://[::1]:5/v1"}) {
    EXPECT_TRUE(CheckApiUrl(ok).ok()) << ok;
  }
  for (const char* bad : {"http://api.1fichier.com/v1", "http://127.0.0.1.example.com/v1",
                          "http://127.0.0.1@example.com/v1", "http://example.com@127.0.0.1/v1",
                          "http://10.0.0.1/v1", "ftp://127.0.0.1/", "127.0.0.1:80/v1", ""}) {
    absl::Status s = CheckApiUrl(bad);
    EXPECT_FALSE(s.ok()) << bad;
    EXPECT_THAT(std::string(s.message()), HasSubstr("api_url")) << bad;
  }
}

}  // namespace
}  // namespace fichier_test
