// vfs::operations::CopyUrl on a destination without server-side fetch (memory): the body comes
// through the installed vfs::UrlOpener and is Put; --no-clobber and --dry-run; and a destination
// advertising copy_url is asked first, falling back to streaming when its service fails.
#include "vfs/operations/copy_url.h"

#include <memory>
#include <string>

#include "gtest/gtest.h"
#include "tests/operations/test_util.h"
#include "vfs/errors.h"
#include "vfs/url_opener.h"

namespace optest {
namespace {

namespace ops = vfs::operations;

constexpr char kBody[] = "fetched content";

// Serves kBody for every URL and counts the fetches.
class FakeOpener {
 public:
  FakeOpener() {
    vfs::InstallUrlOpener([this](std::string_view) -> absl::StatusOr<vfs::UrlResponse> {
      ++fetches_;
      vfs::UrlResponse response;
      response.status_code = status_code_;
      response.size = sizeof(kBody) - 1;
      response.body = std::make_unique<vfs::StringSource>(kBody);
      return response;
    });
  }
  ~FakeOpener() { vfs::InstallUrlOpener(nullptr); }
  int fetches() const { return fetches_; }
  void answer(int code) { status_code_ = code; }

 private:
  int fetches_ = 0;
  int status_code_ = 200;
};

// A memory Fs that claims server-side fetch; its service fails as told.
class FetchingFs : public FaultyFs {
 public:
  FetchingFs(vfs::FsPtr inner, absl::Status answer) : FaultyFs(inner), answer_(answer) {
    features_ = inner->features();
    features_.copy_url = true;
  }
  const vfs::Features& features() const override { return features_; }
  absl::StatusOr<vfs::ObjectPtr> CopyUrl(std::string_view, std::string_view) override {
    ++asked_;
    return answer_;
  }
  int asked() const { return asked_; }

 private:
  vfs::Features features_;
  absl::Status answer_;
  int asked_ = 0;
};

TEST(CopyUrlOperationTest, FileNameFromUrlIsTheLastPathSegment) {
  EXPECT_EQ(ops::FileNameFromUrl("https://example.org/a/b/f.iso?x=1#frag"), "f.iso");
  EXPECT_EQ(ops::FileNameFromUrl("https://example.org/"), "");
  EXPECT_EQ(ops::FileNameFromUrl("https://example.org"), "");
}

TEST(CopyUrlOperationTest, StreamsIntoAnyBackend) {
  FakeOpener opener;
  auto dst = NewMemory();
  TestContext t;
  absl::StatusOr<vfs::ObjectPtr> got =
      ops::CopyUrl(t.ctx, *dst, "https://example.org/f.bin", "dir/f.bin");
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_EQ((*got)->size(), 15);
  EXPECT_EQ(Tree(*dst), (std::map<std::string, std::string>{{"dir/f.bin", kBody}}));
  EXPECT_EQ(opener.fetches(), 1);
}

TEST(CopyUrlOperationTest, AnErrorAnswerStoresNothing) {
  FakeOpener opener;
  opener.answer(404);
  auto dst = NewMemory();
  TestContext t;
  absl::StatusOr<vfs::ObjectPtr> got =
      ops::CopyUrl(t.ctx, *dst, "https://example.org/f.bin", "f.bin");
  ASSERT_FALSE(got.ok());
  EXPECT_NE(std::string(got.status().message()).find("HTTP 404"), std::string::npos);
  EXPECT_TRUE(Tree(*dst).empty());
}

TEST(CopyUrlOperationTest, NoClobberRefusesAnExistingName) {
  FakeOpener opener;
  auto dst = NewMemory();
  Put(*dst, "f.bin", "old");
  TestContext t;
  ops::CopyUrlOptions options;
  options.no_clobber = true;
  absl::StatusOr<vfs::ObjectPtr> got =
      ops::CopyUrl(t.ctx, *dst, "https://example.org/f.bin", "f.bin", options);
  ASSERT_FALSE(got.ok());
  EXPECT_TRUE(absl::IsAlreadyExists(got.status()));
  EXPECT_EQ(Tree(*dst).at("f.bin"), "old");
  EXPECT_EQ(opener.fetches(), 0);
}

TEST(CopyUrlOperationTest, DryRunFetchesNothing) {
  FakeOpener opener;
  auto dst = NewMemory();
  TestContext t;
  ops::Context ctx = t.ctx;
  ctx.options.dry_run = true;
  absl::StatusOr<vfs::ObjectPtr> got = ops::CopyUrl(ctx, *dst, "https://example.org/f", "f");
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(*got, nullptr);
  EXPECT_TRUE(Tree(*dst).empty());
  EXPECT_EQ(opener.fetches(), 0);
}

TEST(CopyUrlOperationTest, ServerSideFirstThenStreamedWhenTheServiceCannotFetch) {
  FakeOpener opener;
  auto dst = std::make_shared<FetchingFs>(NewMemory(), vfs::Retryable("f", "unreachable"));
  absl::StatusOr<vfs::ObjectPtr> got = ops::StoreUrl(*dst, "https://example.org/f", "f");
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_EQ(dst->asked(), 1);
  EXPECT_EQ(opener.fetches(), 1);
}

TEST(CopyUrlOperationTest, AStopDuringTheServerSideFetchStartsNoFallback) {
  FakeOpener opener;
  auto dst = std::make_shared<FetchingFs>(NewMemory(), absl::CancelledError("context canceled"));
  absl::StatusOr<vfs::ObjectPtr> got = ops::StoreUrl(*dst, "https://example.org/f", "f");
  EXPECT_TRUE(absl::IsCancelled(got.status()));
  EXPECT_EQ(opener.fetches(), 0);
}

TEST(CopyUrlOperationTest, WithoutAnOpenerTheFallbackSaysSo) {
  vfs::InstallUrlOpener(nullptr);
  auto dst = NewMemory();
  absl::StatusOr<vfs::ObjectPtr> got = ops::StoreUrl(*dst, "https://example.org/f", "f");
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(vfs::KindOf(got.status()), vfs::ErrorKind::kNotImplemented) << got.status();
}

}  // namespace
}  // namespace optest
