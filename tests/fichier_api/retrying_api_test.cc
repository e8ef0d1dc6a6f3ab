// RetryingApi over a scripted fake Api and a fake clock: retries take microseconds.
#include "backend/fichier/retrying_api.h"
#include "base/cancel.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <deque>

#include "backend/fichier/api_error.h"
#include "backend/rest/transport_error.h"

namespace backend::fichier {
namespace {

using ::testing::HasSubstr;

absl::Status Flood() {
  Answer a;
  a.endpoint = "file/ls.cgi";
  a.http_status = 403;
  a.has_status = true;
  a.status = "KO";
  a.message = "Flood detected: IP Locked #374";
  return StatusFromAnswer(a);
}
absl::Status MaybeSent() { return absl::UnavailableError("POST x: Timeout was reached"); }
absl::Status NotSent() {
  absl::Status s = absl::UnavailableError("POST x: Couldn't connect to server");
  rest::MarkNotSent(s);
  return s;
}

// Each method pops its next scripted outcome; an empty script is a test bug (Internal).
class FakeApi : public Api {
 public:
  std::deque<absl::Status> script;
  int calls = 0;
  std::function<void()> during_call;

  absl::Status Next() {
    ++calls;
    if (during_call) during_call();
    if (script.empty()) return absl::InternalError("script exhausted");
    absl::Status s = script.front();
    script.pop_front();
    return s;
  }
  template <typename T>
  absl::StatusOr<T> NextOr(T value) {
    absl::Status s = Next();
    if (!s.ok()) return s;
    return value;
  }

  absl::StatusOr<UploadServer> GetUploadServer() override {
    return NextOr(UploadServer{"up.example", "Abc1234567"});
  }
  absl::StatusOr<UploadReceipt> Upload(const UploadRequest&) override {
    return NextOr(UploadReceipt{"Abc1234567"});
  }
  absl::StatusOr<UploadReport> EndUpload(const std::string&, const std::string&) override {
    UploadReport r;
    r.links.push_back({.download = "https://1fichier.com/?x", .size = 1});
    return NextOr(r);
  }
  absl::StatusOr<DownloadToken> GetToken(const TokenRequest&) override {
    return NextOr(DownloadToken{"https://a-1.example/t"});
  }
  absl::StatusOr<Download> OpenDownload(const DownloadRequest&) override {
    absl::Status s = Next();
    if (!s.ok()) return s;
    return Download{};
  }
  absl::StatusOr<FileList> ListFiles(const FileListRequest&) override {
    return NextOr(FileList{.count = 3});
  }
  absl::StatusOr<FileInfo> GetFileInfo(const FileInfoRequest&) override { return NextOr(FileInfo{}); }
  absl::StatusOr<RemoveFilesResult> RemoveFiles(const std::vector<RemoveFile>& f) override {
    return NextOr(RemoveFilesResult{static_cast<int64_t>(f.size())});
  }
  absl::StatusOr<MoveFilesResult> MoveFiles(const MoveFilesRequest&) override {
    return NextOr(MoveFilesResult{.moved = 1});
  }
  absl::StatusOr<CopyFilesResult> CopyFiles(const CopyFilesRequest&) override {
    return NextOr(CopyFilesResult{.copied = 1});
  }
  absl::StatusOr<RenameFilesResult> RenameFiles(const std::vector<RenameFile>&) override {
    return NextOr(RenameFilesResult{.renamed = 1});
  }
  absl::StatusOr<FolderList> ListFolder(const FolderListRequest& r) override {
    return NextOr(FolderList{.folder_id = r.folder_id});
  }
  absl::StatusOr<MkdirResult> CreateFolder(const MkdirRequest& r) override {
    return NextOr(MkdirResult{.folder_id = 100, .name = r.name});
  }
  absl::StatusOr<FolderRemoveResult> RemoveFolder(int64_t) override {
    return NextOr(FolderRemoveResult{});
  }
  absl::StatusOr<FolderMoveResult> MoveFolder(const FolderMoveRequest&) override {
    return NextOr(FolderMoveResult{});
  }
  absl::StatusOr<UserInfo> GetUserInfo() override { return NextOr(UserInfo{}); }
  absl::StatusOr<RemoteUploadJob> RequestRemoteUpload(const RemoteUploadRequest&) override {
    return NextOr(RemoteUploadJob{.id = 1});
  }
  absl::StatusOr<std::vector<RemoteUploadJob>> ListRemoteUploads() override {
    return NextOr(std::vector<RemoteUploadJob>{});
  }
  absl::StatusOr<RemoteUploadInfo> GetRemoteUploadInfo(int64_t) override {
    return NextOr(RemoteUploadInfo{});
  }
  absl::StatusOr<std::vector<SharedFile>> ListSharedFolder(const SharedFolderRequest&) override {
    return NextOr(std::vector<SharedFile>{});
  }
};

class RetryingApiTest : public ::testing::Test {
 protected:
  void SetUp() override { Build({}); }
  void Build(rest::PacerOptions pacer_options, rest::RetryPolicy policy = {}) {
    fake_ = std::make_shared<FakeApi>();
    pacer_ = std::make_shared<rest::Pacer>(pacer_options, &clock_, [] { return 0.0; });
    RetryingApiOptions options;
    options.policy = policy;
    options.debug_log = [this](std::string_view line) { log_.emplace_back(line); };
    api_ = std::make_unique<RetryingApi>(fake_, pacer_, options);
  }

  base::FakeClock clock_;
  std::shared_ptr<FakeApi> fake_;
  std::shared_ptr<rest::Pacer> pacer_;
  std::unique_ptr<RetryingApi> api_;
  std::vector<std::string> log_;
};

TEST_F(RetryingApiTest, ListingsAreRetriedUntilTheyWork) {
  fake_->script = {MaybeSent(), absl::UnavailableError("HTML"), absl::OkStatus()};
  auto list = api_->ListFiles({});
  ASSERT_TRUE(list.ok()) << list.status();
  EXPECT_EQ(list->count, 3);
  EXPECT_EQ(fake_->calls, 3);
  EXPECT_EQ(api_->retries(), 2);
  ASSERT_EQ(log_.size(), 2u);
  EXPECT_THAT(log_[0], HasSubstr("low level retry 1/10"));
  // Back-off: two retries at max sleep (5 s each) at least.
  EXPECT_GE(clock_.total_slept(), absl::Seconds(10));
}

TEST_F(RetryingApiTest, PermanentErrorsStopAtOnce) {
  for (absl::Status s : {absl::UnauthenticatedError("Not authenticated #247"),
                         absl::PermissionDeniedError("Must be a customer #200"),
                         absl::NotFoundError("Resource not found #469")}) {
    fake_->calls = 0;
    fake_->script = {s, absl::OkStatus()};
    auto result = api_->GetFileInfo({});
    EXPECT_EQ(result.status().code(), s.code());
    EXPECT_EQ(fake_->calls, 1);
    fake_->script.clear();
  }
}

TEST_F(RetryingApiTest, AttemptsAreBounded) {
  rest::RetryPolicy policy;
  policy.max_attempts = 4;
  Build({}, policy);
  for (int i = 0; i < 10; ++i) fake_->script.push_back(MaybeSent());
  auto result = api_->ListFolder({});
  EXPECT_EQ(result.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(result.status().message(), HasSubstr("after 4 attempts"));
  EXPECT_EQ(fake_->calls, 4);
}

TEST_F(RetryingApiTest, FloodPausesEveryoneThenGivesUp) {
  rest::RetryPolicy policy;
  policy.max_flood_waits = 2;
  Build({}, policy);
  fake_->script = {Flood(), Flood(), Flood(), absl::OkStatus()};
  const absl::Time start = clock_.Now();
  auto result = api_->ListFolder({});
  EXPECT_EQ(result.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_THAT(result.status().message(), HasSubstr("still rate limited"));
  EXPECT_EQ(FichierErrorCode(result.status()).value_or(0), 374);
  EXPECT_EQ(fake_->calls, 3);
  // Two pauses sat through: 30 s then 60 s.
  EXPECT_GE(clock_.Now() - start, absl::Seconds(90));
  EXPECT_LT(clock_.sleeps(), 10);  // waits, not a spin
}

// A stop during a call: its reason is the answer (not the network error it caused), with no
// retry and no outcome check.
TEST_F(RetryingApiTest, AStopIsNeverRetried) {
  auto token = std::make_shared<base::Cancel>();
  base::ScopedCancel scoped(token);
  fake_->during_call = [&] { token->Trigger(absl::CancelledError("context canceled")); };
  fake_->script = {MaybeSent(), absl::OkStatus()};
  auto result = api_->ListFolder({});
  EXPECT_TRUE(absl::IsCancelled(result.status())) << result.status();
  EXPECT_EQ(result.status().message(), "context canceled");
  EXPECT_EQ(fake_->calls, 1);
  EXPECT_EQ(api_->retries(), 0);
}

// Triggered while the call sits out a back-off: it gives up at once, without another attempt.
TEST_F(RetryingApiTest, BackOffEndsOnAStop) {
  auto token = std::make_shared<base::Cancel>();
  base::ScopedCancel scoped(token);
  fake_->script = {Flood(), absl::OkStatus()};
  int calls_seen = 0;
  fake_->during_call = [&] {
    // After the first (flooded) call returns, the next pacer wait sees the stop.
    if (++calls_seen == 1) token->Trigger(absl::CancelledError("stop"));
  };
  auto result = api_->ListFolder({});
  EXPECT_TRUE(absl::IsCancelled(result.status())) << result.status();
  EXPECT_EQ(fake_->calls, 1);
  EXPECT_LT(clock_.total_slept(), absl::Seconds(30)) << "the flood pause was not sat through";
}

// --low-level-retries reaches the layer through RetryPolicy::max_attempts (fichier_backend.cc
// sets it from vfs::GlobalOptions).
TEST_F(RetryingApiTest, OneAttemptWhenLowLevelRetriesIsOne) {
  rest::RetryPolicy policy;
  policy.max_attempts = 1;
  Build({}, policy);
  fake_->script = {MaybeSent(), absl::OkStatus()};
  auto result = api_->ListFiles({});
  EXPECT_EQ(result.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(fake_->calls, 1);
}

TEST_F(RetryingApiTest, FloodThenSuccess) {
  fake_->script = {Flood(), absl::OkStatus()};
  const absl::Time start = clock_.Now();
  ASSERT_TRUE(api_->ListFolder({}).ok());
  EXPECT_GE(clock_.Now() - start, absl::Seconds(30));
}

TEST_F(RetryingApiTest, FloodRefusalOfAChangeIsRetriedWithoutCheck) {
  fake_->script = {Flood(), absl::OkStatus()};
  auto made = api_->CreateFolder({.name = "a", .folder_id = 0});
  ASSERT_TRUE(made.ok()) << made.status();
  EXPECT_EQ(fake_->calls, 2);
}

TEST_F(RetryingApiTest, ChangesAreNotRepeatedBlindly) {
  fake_->script = {MaybeSent(), absl::OkStatus()};
  auto removed = api_->RemoveFiles({{.url = "u"}});
  EXPECT_EQ(removed.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(removed.status().message(), HasSubstr("may have taken effect"));
  EXPECT_EQ(fake_->calls, 1);
}

TEST_F(RetryingApiTest, ChangesNotSentAreRepeated) {
  fake_->script = {NotSent(), absl::OkStatus()};
  ASSERT_TRUE(api_->MoveFiles({.urls = {"u"}, .destination_folder_id = 1}).ok());
  EXPECT_EQ(fake_->calls, 2);
}

TEST_F(RetryingApiTest, CheckSaysNotDoneSoTheChangeIsRepeated) {
  int checks = 0;
  OutcomeChecks hooks;
  hooks.create_folder = [&](const MkdirRequest& r) -> absl::StatusOr<std::optional<MkdirResult>> {
    ++checks;
    EXPECT_EQ(r.name, "new");
    return std::nullopt;
  };
  api_->set_outcome_checks(hooks);
  fake_->script = {MaybeSent(), absl::OkStatus()};
  auto made = api_->CreateFolder({.name = "new", .folder_id = 7});
  ASSERT_TRUE(made.ok()) << made.status();
  EXPECT_EQ(checks, 1);
  EXPECT_EQ(fake_->calls, 2);
}

TEST_F(RetryingApiTest, CheckSaysDoneSoItsResultIsReturned) {
  OutcomeChecks hooks;
  hooks.create_folder = [&](const MkdirRequest& r) -> absl::StatusOr<std::optional<MkdirResult>> {
    return MkdirResult{.folder_id = 555, .name = r.name};
  };
  api_->set_outcome_checks(hooks);
  fake_->script = {MaybeSent(), absl::OkStatus()};
  auto made = api_->CreateFolder({.name = "new", .folder_id = 7});
  ASSERT_TRUE(made.ok());
  EXPECT_EQ(made->folder_id, 555);
  EXPECT_EQ(fake_->calls, 1);
}

TEST_F(RetryingApiTest, FailedCheckReportsTheOriginalError) {
  OutcomeChecks hooks;
  hooks.remove_folder = [&](const int64_t&) -> absl::StatusOr<std::optional<FolderRemoveResult>> {
    return absl::UnavailableError("listing failed too");
  };
  api_->set_outcome_checks(hooks);
  fake_->script = {MaybeSent(), absl::OkStatus()};
  auto removed = api_->RemoveFolder(9);
  EXPECT_EQ(removed.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(removed.status().message(), HasSubstr("Timeout"));
  EXPECT_THAT(removed.status().message(), HasSubstr("listing failed too"));
  EXPECT_EQ(fake_->calls, 1);
}

TEST_F(RetryingApiTest, UploadIsOnlyRepeatedWhenNeverSent) {
  fake_->script = {MaybeSent(), absl::OkStatus()};
  EXPECT_FALSE(api_->Upload({}).ok());
  EXPECT_EQ(fake_->calls, 1);
  fake_->script = {NotSent(), absl::OkStatus()};
  EXPECT_TRUE(api_->Upload({}).ok());
  EXPECT_EQ(fake_->calls, 3);
}

TEST_F(RetryingApiTest, EndUploadIsPolledThroughGlitches) {
  fake_->script = {absl::UnavailableError("end.pl: answered an HTML page"),
                   absl::UnavailableError("end.pl: the upload report has no links yet"),
                   absl::OkStatus()};
  auto report = api_->EndUpload("up.example", "Abc1234567");
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->links.size(), 1u);
}

TEST_F(RetryingApiTest, ChecksRunWithoutHoldingAPacerSlot) {
  rest::PacerOptions options;
  options.max_connections = 1;
  Build(options);
  OutcomeChecks hooks;
  // The check lists through the same retrying api: with one slot, holding it would deadlock.
  hooks.copy_files = [&](const CopyFilesRequest&) -> absl::StatusOr<std::optional<CopyFilesResult>> {
    auto listed = api_->ListFolder({.folder_id = 3});
    if (!listed.ok()) return listed.status();
    return std::nullopt;
  };
  api_->set_outcome_checks(hooks);
  fake_->script = {MaybeSent(), absl::OkStatus(), absl::OkStatus()};
  ASSERT_TRUE(api_->CopyFiles({.urls = {"u"}, .folder_id = 3}).ok());
  EXPECT_EQ(fake_->calls, 3);
}

TEST_F(RetryingApiTest, CallsAreSpacedByThePacer) {
  fake_->script = {absl::OkStatus(), absl::OkStatus(), absl::OkStatus()};
  std::vector<absl::Time> at;
  fake_->during_call = [&] { at.push_back(clock_.Now()); };
  ASSERT_TRUE(api_->GetUserInfo().ok());
  ASSERT_TRUE(api_->ListFolder({}).ok());
  ASSERT_TRUE(api_->GetToken({}).ok());
  ASSERT_EQ(at.size(), 3u);
  EXPECT_GE(at[1] - at[0], absl::Milliseconds(400));
  EXPECT_GE(at[2] - at[1], absl::Milliseconds(400));
}

}  // namespace
}  // namespace backend::fichier
