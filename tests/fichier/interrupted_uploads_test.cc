// Interrupted uploads against FakeApi with lagging listings (spec 2.11): what a killed run
// stored is found by the next run through end.pl and file/info.cgi even while listings leave
// it out, so nothing is uploaded twice; an unknown outcome is reported, never guessed.
#include "backend/fichier/interrupted_uploads.h"

#include <unistd.h>

#include <filesystem>
#include <set>

#include "backend/fichier/fichier_fs.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/fichier/fake_api.h"
#include "tests/support/temp_dir.h"
#include "vfs/errors.h"

namespace fichier_test {
namespace {

using ::testing::HasSubstr;
namespace fs = std::filesystem;

// Listings leave out `hidden` URLs (a file stored but not listed yet); end.pl and upload.cgi
// can be made to fail after doing their work.
class LaggingApi : public FakeApi {
 public:
  std::set<std::string> hidden;
  bool hide_new_uploads = false;
  absl::Status end_error;           // end.pl answers this instead of its report
  bool lose_upload_answer = false;  // upload.cgi stores the files, then the answer is lost

  absl::StatusOr<FolderList> ListFolder(const FolderListRequest& request) override {
    absl::StatusOr<FolderList> list = FakeApi::ListFolder(request);
    if (!list.ok()) return list;
    absl::MutexLock lock(&mu);
    std::erase_if(list->items, [&](const FileItem& i) { return hidden.count(i.url) > 0; });
    return list;
  }
  absl::StatusOr<UploadReport> EndUpload(const std::string& node, const std::string& xid) override {
    if (!end_error.ok()) {
      absl::MutexLock lock(&mu);
      calls.push_back("end");
      return end_error;
    }
    {
      absl::MutexLock lock(&mu);
      if (!sessions.contains(xid)) {
        calls.push_back("end");
        return absl::NotFoundError("end.pl: answered an HTML page (HTTP 404) instead of JSON");
      }
    }
    return FakeApi::EndUpload(node, xid);
  }
  absl::StatusOr<UploadReceipt> Upload(const UploadRequest& request) override {
    absl::StatusOr<UploadReceipt> receipt = FakeApi::Upload(request);
    if (receipt.ok() && hide_new_uploads) {
      absl::MutexLock lock(&mu);
      for (const File& f : sessions[request.id]) hidden.insert(f.url);
    }
    if (receipt.ok() && lose_upload_answer) return absl::UnavailableError("connection reset");
    return receipt;
  }
  int64_t Uploads() { return Calls("upload"); }
};

class InterruptedUploadsTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_FALSE(dir_.empty()); }

  // A new Account over the same fake service and journal: what a new fclone process sees.
  std::shared_ptr<FichierFs> NewRun() {
    UploaderOptions upload{
        .batch = {.window = absl::ZeroDuration()}, .confirm_attempts = 1, .clock = &clock_};
    FichierOptions options;
    account_ = std::make_shared<Account>(api_, nullptr, options.encoder, upload,
                                         UploadJournal::Open(dir_, "t", clock_.Now()));
    return FichierFs::Create("remote", "", options, account_);
  }
  std::unique_ptr<UploadJournal> Journal() { return UploadJournal::Open(dir_, "t", clock_.Now()); }

  // What a run killed right after sending its body leaves: the service stored `name` (not
  // listed yet), and the journal holds the session of a process that is gone.
  std::string KilledAfterUpload(const std::string& xid, const std::string& name) {
    const std::string url = api_->AddFile(0, name, "content of " + name, "2026-03-01 12:00:00");
    {
      absl::MutexLock lock(&api_->mu);
      api_->sessions[xid] = {api_->files[url]};
      api_->hidden.insert(url);
    }
    JournalSession s{xid,
                     "node.test",
                     0,
                     clock_.Now(),
                     JournalOwner{999'999'999, 1},
                     {{name, static_cast<int64_t>(("content of " + name).size())}}};
    EXPECT_TRUE(Journal()->Begin(s).ok());
    return url;
  }

  absl::StatusOr<vfs::ObjectPtr> Put(FichierFs& fs, const std::string& name,
                                     const std::string& data) {
    vfs::StringSource in(data);
    vfs::StaticObjectInfo info(name, static_cast<int64_t>(data.size()), absl::Now());
    return fs.Put(in, info);
  }

  size_t Listed(FichierFs& fs, const std::string& name) {
    absl::StatusOr<vfs::DirEntries> entries = fs.List("");
    EXPECT_TRUE(entries.ok()) << entries.status();
    size_t n = 0;
    if (entries.ok()) {
      for (const vfs::DirEntry& e : *entries) n += e.remote() == name;
    }
    return n;
  }

  test_support::TempDir temp_{"interrupted-test"};
  const std::string dir_ = temp_.path();
  base::FakeClock clock_;
  std::shared_ptr<LaggingApi> api_ = std::make_shared<LaggingApi>();
  std::shared_ptr<Account> account_;
};

TEST_F(InterruptedUploadsTest, WhatAKilledRunStoredCountsAsPresentWhileListingsLag) {
  const std::string url = KilledAfterUpload("up7", "a.txt");
  auto fs = NewRun();
  EXPECT_EQ(Listed(*fs, "a.txt"), 1u) << "settled through end.pl, checked by file/info";
  EXPECT_EQ(api_->Calls("end"), 1);
  EXPECT_EQ(api_->Calls("file_info"), 1);
  EXPECT_TRUE(Journal()->Sessions().empty());
  ASSERT_EQ(Journal()->Files().size(), 1u);
  EXPECT_EQ(Journal()->Files()[0].url, url);

  // Once the service lists it, the journal lets go of it.
  api_->hidden.clear();
  auto later = NewRun();
  EXPECT_EQ(Listed(*later, "a.txt"), 1u);
  EXPECT_TRUE(Journal()->Files().empty());
  EXPECT_EQ(api_->Uploads(), 0);
}

TEST_F(InterruptedUploadsTest, ABodyThatNeverArrivedStoredNothing) {
  JournalSession s{"up9",         "node.test", 0, clock_.Now(), JournalOwner{999'999'999, 1},
                   {{"b.txt", 3}}};
  ASSERT_TRUE(Journal()->Begin(s).ok());
  auto fs = NewRun();
  const absl::Time start = clock_.Now();
  EXPECT_EQ(Listed(*fs, "b.txt"), 0u);
  // Asked again until a killed process's last bytes would have landed, then believed.
  EXPECT_GE(clock_.Now() - start, absl::Seconds(10));
  EXPECT_GE(api_->Calls("end"), 10);
  EXPECT_TRUE(Journal()->Sessions().empty());
  EXPECT_TRUE(Journal()->Files().empty());
  ASSERT_TRUE(Put(*fs, "b.txt", "abc").ok());  // safe to send now
}

TEST_F(InterruptedUploadsTest, ABodyStillLandingIsFoundByAskingAgain) {
  JournalSession s{
      "up8", "node.test", 0, clock_.Now(), JournalOwner{999'999'999, 1}, {{"late.txt", 4}}};
  ASSERT_TRUE(Journal()->Begin(s).ok());
  // The service finishes storing the body only after the next run has asked once.
  struct Late : LaggingApi {
    int asked = 0;
    absl::StatusOr<UploadReport> EndUpload(const std::string& node,
                                           const std::string& xid) override {
      if (++asked == 3) {
        const std::string url = AddFile(0, "late.txt", "late", "2026-03-01 12:00:00");
        absl::MutexLock lock(&mu);
        sessions[xid] = {files[url]};
        hidden.insert(url);
      }
      return LaggingApi::EndUpload(node, xid);
    }
  };
  api_ = std::make_shared<Late>();
  auto fs = NewRun();
  EXPECT_EQ(Listed(*fs, "late.txt"), 1u);
  ASSERT_TRUE(Put(*fs, "other.txt", "x").ok());
  EXPECT_EQ(api_->Uploads(), 1) << "late.txt was not sent again";
}

TEST_F(InterruptedUploadsTest, AnOutcomeThatCannotBeLearnedIsNotGuessed) {
  KilledAfterUpload("up7", "a.txt");
  api_->end_error = absl::UnavailableError("end.pl: answered an HTML page");
  auto fs = NewRun();
  EXPECT_EQ(Listed(*fs, "a.txt"), 0u);
  absl::StatusOr<vfs::ObjectPtr> put = Put(*fs, "a.txt", "content of a.txt");
  ASSERT_FALSE(put.ok());
  EXPECT_TRUE(absl::IsAborted(put.status())) << put.status();
  EXPECT_THAT(std::string(put.status().message()), HasSubstr("outcome of the upload is unknown"));
  EXPECT_EQ(api_->Uploads(), 0) << "sending it again could store it twice";
  EXPECT_EQ(Journal()->Sessions().size(), 1u) << "kept for a later run";

  // Other files are not held back.
  EXPECT_TRUE(Put(*fs, "other.txt", "x").ok());

  // A later run that reaches end.pl settles it.
  api_->end_error = absl::OkStatus();
  auto later = NewRun();
  EXPECT_EQ(Listed(*later, "a.txt"), 1u);
  EXPECT_TRUE(Journal()->Sessions().empty());
}

TEST_F(InterruptedUploadsTest, ALiveRunsSessionIsLeftToIt) {
  // Our parent process stands for another fclone run that is still going.
  std::optional<JournalOwner> found = UploadJournal::OwnerOf(::getppid());
  ASSERT_TRUE(found.has_value());
  const JournalOwner parent = *found;
  ASSERT_TRUE(UploadJournal::Alive(parent));
  JournalSession s{"up5", "node.test", 0, clock_.Now(), parent, {{"c.txt", 1}}};
  ASSERT_TRUE(Journal()->Begin(s).ok());
  auto fs = NewRun();
  EXPECT_EQ(Listed(*fs, "c.txt"), 0u);
  EXPECT_EQ(api_->Calls("end"), 0);
  EXPECT_EQ(Journal()->Sessions().size(), 1u);
}

TEST_F(InterruptedUploadsTest, AFileRemovedSinceIsNotResurrected) {
  const std::string url = KilledAfterUpload("up7", "a.txt");
  {
    absl::MutexLock lock(&api_->mu);
    api_->files.erase(url);
  }
  auto fs = NewRun();
  EXPECT_EQ(Listed(*fs, "a.txt"), 0u);
  EXPECT_TRUE(Journal()->Files().empty());
}

TEST_F(InterruptedUploadsTest, ALostUploadAnswerIsSettledByEndPlNotByALaggingListing) {
  auto fs = NewRun();
  api_->hide_new_uploads = true;
  api_->lose_upload_answer = true;
  absl::StatusOr<vfs::ObjectPtr> put = Put(*fs, "d.txt", "data of d");
  ASSERT_TRUE(put.ok()) << put.status();
  EXPECT_EQ(api_->Uploads(), 1);
  // The next run still sees it although the service does not list it yet.
  auto next = NewRun();
  EXPECT_EQ(Listed(*next, "d.txt"), 1u);
  EXPECT_EQ(api_->Uploads(), 1);
}

TEST_F(InterruptedUploadsTest, UnknownInRunIsRefusedAgainAndSettledNextRun) {
  auto fs = NewRun();
  api_->hide_new_uploads = true;
  api_->lose_upload_answer = true;
  api_->end_error = absl::UnavailableError("end.pl: timeout");
  absl::StatusOr<vfs::ObjectPtr> put = Put(*fs, "e.txt", "data of e");
  ASSERT_FALSE(put.ok());
  EXPECT_TRUE(absl::IsAborted(put.status())) << put.status();
  put = Put(*fs, "e.txt", "data of e");  // a retry in the same process
  ASSERT_FALSE(put.ok());
  EXPECT_EQ(api_->Uploads(), 1);
  ASSERT_EQ(Journal()->Sessions().size(), 1u);

  // The next run (this process's sessions count as a gone run's once it has exited; here a
  // fresh owner stands for that).
  JournalSession open = Journal()->Sessions()[0];
  open.owner = JournalOwner{999'999'999, 1};
  ASSERT_TRUE(Journal()->Begin(open).ok());
  api_->end_error = absl::OkStatus();
  auto next = NewRun();
  EXPECT_EQ(Listed(*next, "e.txt"), 1u);
  EXPECT_EQ(api_->Uploads(), 1);
}

}  // namespace
}  // namespace fichier_test
