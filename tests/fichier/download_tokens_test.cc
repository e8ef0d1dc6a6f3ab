// The multi-use download token cache: one `single=0` token per file reused by every Open and
// range, renewed before the service's 5 minutes run out (fake clock), renewed once when its URL
// is refused, shared by callers asking at the same time.
#include "backend/fichier/download_tokens.h"

#include <thread>
#include <vector>

#include "backend/fichier/fichier_fs.h"
#include "backend/fichier/fichier_object.h"
#include "base/clock.h"
#include "gtest/gtest.h"
#include "tests/fichier/fake_api.h"
#include "vfs/errors.h"

namespace fichier_test {
namespace {

class DownloadTokensTest : public ::testing::Test {
 protected:
  void SetUp() override { url_ = fake_.AddFile(0, "a.bin", "0123456789", "2026-01-01 00:00:00"); }
  TokenRequest For(const std::string& url) {
    TokenRequest r;
    r.url = url;
    return r;
  }

  FakeApi fake_;
  base::FakeClock clock_;
  std::string url_;
};

TEST_F(DownloadTokensTest, OneMultiUseTokenPerFileWhileFresh) {
  DownloadTokens tokens(fake_, &clock_);
  absl::StatusOr<std::string> first = tokens.UrlFor(For(url_));
  ASSERT_TRUE(first.ok()) << first.status();
  clock_.Advance(absl::Minutes(3));
  absl::StatusOr<std::string> again = tokens.UrlFor(For(url_));
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(*again, *first);
  EXPECT_EQ(fake_.Calls("get_token"), 1);
  ASSERT_EQ(fake_.token_singles.size(), 1u);
  EXPECT_FALSE(fake_.token_singles[0]);  // single=0: any number of GETs and ranges
}

TEST_F(DownloadTokensTest, RenewedBeforeTheLifetimeEnds) {
  DownloadTokens tokens(fake_, &clock_);
  ASSERT_TRUE(tokens.UrlFor(For(url_)).ok());
  clock_.Advance(absl::Minutes(4));  // 1 minute left of 5: too close for a new GET
  ASSERT_TRUE(tokens.UrlFor(For(url_)).ok());
  EXPECT_EQ(fake_.Calls("get_token"), 2);
}

TEST_F(DownloadTokensTest, InvalidateAsksAgain) {
  DownloadTokens tokens(fake_, &clock_);
  ASSERT_TRUE(tokens.UrlFor(For(url_)).ok());
  tokens.Invalidate(url_);
  tokens.Invalidate("https://1fichier.com/?unknown");  // nothing cached: no effect
  ASSERT_TRUE(tokens.UrlFor(For(url_)).ok());
  EXPECT_EQ(fake_.Calls("get_token"), 2);
}

TEST_F(DownloadTokensTest, EachFileHasItsOwnToken) {
  const std::string other = fake_.AddFile(0, "b.bin", "abc", "2026-01-01 00:00:00");
  DownloadTokens tokens(fake_, &clock_);
  absl::StatusOr<std::string> a = tokens.UrlFor(For(url_));
  absl::StatusOr<std::string> b = tokens.UrlFor(For(other));
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(*a, *b);
  EXPECT_EQ(fake_.Calls("get_token"), 2);
}

TEST_F(DownloadTokensTest, AnErrorIsNotCached) {
  DownloadTokens tokens(fake_, &clock_);
  EXPECT_TRUE(absl::IsNotFound(tokens.UrlFor(For("https://1fichier.com/?missing")).status()));
  EXPECT_TRUE(absl::IsNotFound(tokens.UrlFor(For("https://1fichier.com/?missing")).status()));
  EXPECT_EQ(fake_.Calls("get_token"), 2);
}

TEST_F(DownloadTokensTest, CallersAtOnceShareOneCall) {
  DownloadTokens tokens(fake_, &clock_);
  std::vector<std::thread> threads;
  std::vector<std::string> got(8);
  for (size_t i = 0; i < got.size(); ++i) {
    threads.emplace_back([&, i] { got[i] = tokens.UrlFor(For(url_)).value_or(""); });
  }
  for (std::thread& t : threads) t.join();
  for (const std::string& g : got) EXPECT_EQ(g, got[0]);
  EXPECT_FALSE(got[0].empty());
  EXPECT_EQ(fake_.Calls("get_token"), 1);
}

TEST_F(DownloadTokensTest, StaleEntriesDroppedAboveTheCap) {
  DownloadTokens tokens(fake_, &clock_, /*max_cached=*/4);
  for (int i = 0; i < 4; ++i) {
    const std::string url = fake_.AddFile(0, "f" + std::to_string(i), "x", "2026-01-01 00:00:00");
    ASSERT_TRUE(tokens.UrlFor(For(url)).ok());
  }
  clock_.Advance(absl::Minutes(10));
  ASSERT_TRUE(tokens.UrlFor(For(url_)).ok());
  EXPECT_EQ(tokens.size(), 1u);
}

// Through the Object: every Open and range of one file uses the one token; a refused URL
// (403: expired or revoked) gets one fresh token and the read succeeds.
TEST(FichierObjectTokens, OpensShareOneTokenAndRenewOnRefusal) {
  auto fake = std::make_shared<FakeApi>();
  fake->AddFile(0, "a.bin", "0123456789", "2026-01-01 00:00:00");
  auto account =
      std::make_shared<Account>(fake, nullptr, FichierOptions{}.encoder,
                                UploaderOptions{.batch = {.window = absl::ZeroDuration()}});
  std::shared_ptr<FichierFs> fs = FichierFs::Create("remote", "", FichierOptions{}, account);
  absl::StatusOr<vfs::ObjectPtr> object = fs->NewObject("a.bin");
  ASSERT_TRUE(object.ok()) << object.status();
  for (int64_t offset : {0, 3, 7}) {
    absl::StatusOr<std::unique_ptr<vfs::Source>> in =
        (*object)->Open(vfs::OpenOptions::Range(offset, offset + 1));
    ASSERT_TRUE(in.ok()) << in.status();
    EXPECT_EQ(vfs::ReadAll(**in).value_or(""), std::string("0123456789").substr(offset, 2));
  }
  EXPECT_EQ(fake->Calls("get_token"), 1);
  fake->refuse_downloads = 1;
  absl::StatusOr<std::unique_ptr<vfs::Source>> in = (*object)->Open();
  ASSERT_TRUE(in.ok()) << in.status();
  EXPECT_EQ(vfs::ReadAll(**in).value_or(""), "0123456789");
  EXPECT_EQ(fake->Calls("get_token"), 2);
  fake->refuse_downloads = 2;  // refused again with a fresh token: a clear error, no loop
  EXPECT_TRUE(absl::IsPermissionDenied((*object)->Open().status()));
  EXPECT_EQ(fake->Calls("get_token"), 3);
}

}  // namespace
}  // namespace fichier_test
