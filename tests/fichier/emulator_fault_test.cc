// The fichier backend against fichier-emulator injecting each fault kind it offers. Every
// operation either succeeds after retries or fails with a clear error; nothing is reported as
// done with wrong data; an upload is never sent twice by accident (counted by the emulator).
// Its own emulator (duplicate folders allowed, so a blindly repeated mkdir would show) and
// short pauses: pacer back-off 50 ms, flood pause 300 ms, HTTP timeouts 1 s.
#include <chrono>
#include <map>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "backend/fichier/fichier_fs.h"
#include "emulator/testing/emulator_process.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/fichier/emulator_env.h"
#include "vfs/errors.h"
#include "vfs/object_info.h"
#include "vfs/registry.h"
#include "vfs/source.h"

namespace fichier_test {
namespace {

using ::testing::HasSubstr;

std::string Data(size_t n, char seed) {
  std::string s(n, '\0');
  for (size_t i = 0; i < n; ++i) s[i] = static_cast<char>(seed + (i * 7919) % 251);
  return s;
}

class FaultTest : public EmulatorTest {
 protected:
  std::vector<std::string> flags() const override {
    return {"--quiet", "--allow-duplicate-folders"};
  }
  void SetUp() override {
    EmulatorTest::SetUp();
    if (HasFatalFailure()) return;
    ASSERT_TRUE(emu_->SetRate(R"({"rate":0})").ok());
  }

  vfs::ConfigMap Config() const {
    return {{"api_key", emulator::testing::kPremiumKey},
            {"api_url", emu_->api_url()},
            {"pacer_min_sleep", "1"},
            {"pacer_max_sleep", "50"},
            {"flood_pause", "300"},
            {"http_timeout", "1000"}};
  }
  // A new run: fresh account state (nothing cached).
  vfs::FsPtr NewFs(const std::string& root = "t") {
    backend::fichier::Register();
    absl::StatusOr<vfs::NewFsResult> made =
        vfs::Registry::Global().NewFs("fichier", "emu", root, Config());
    EXPECT_TRUE(made.ok()) << made.status();
    return made.ok() ? made->fs : nullptr;
  }
  absl::StatusOr<vfs::ObjectPtr> Put(vfs::Fs& fs, const std::string& remote,
                                     const std::string& data) {
    vfs::StringSource in(data);
    vfs::StaticObjectInfo info(remote, static_cast<int64_t>(data.size()), absl::Now());
    return fs.Put(in, info);
  }
  absl::StatusOr<std::string> Get(vfs::Fs& fs, const std::string& remote) {
    absl::StatusOr<vfs::ObjectPtr> o = fs.NewObject(remote);
    if (!o.ok()) return o.status();
    absl::StatusOr<std::unique_ptr<vfs::Source>> in = (*o)->Open();
    if (!in.ok()) return in.status();
    return vfs::ReadAll(**in);
  }
  int64_t Calls(const std::string& path) { return EmulatorCalls(*emu_, path); }
  // Names of the entries of `dir`, as a fresh run lists them.
  std::vector<std::string> Names(const std::string& dir) {
    vfs::FsPtr fs = NewFs();
    std::vector<std::string> out;
    absl::StatusOr<vfs::DirEntries> list = fs->List(dir);
    EXPECT_TRUE(list.ok()) << list.status();
    if (list.ok()) {
      for (const vfs::DirEntry& e : *list) out.push_back(e.remote());
    }
    return out;
  }
  // A fresh run listing the root (a file stored in it) while `fault` holds; the emulator's
  // call counts start at that listing.
  absl::Status ListUnder(const std::string& fault) {
    Seed(Data(100, 'p'));
    vfs::FsPtr fs = NewFs();
    EXPECT_TRUE(emu_->ResetStats().ok());
    EXPECT_TRUE(emu_->AddFault(fault).ok());
    return fs->List("").status();
  }
  // "f.bin" holding `data` stored, then a fresh run (kept in *run when given) reading it while
  // `fault` holds.
  absl::StatusOr<std::string> ReadUnder(const std::string& fault, const std::string& data,
                                        vfs::FsPtr* run = nullptr) {
    Seed(data);
    vfs::FsPtr fs = NewFs();
    EXPECT_TRUE(emu_->AddFault(fault).ok());
    if (run != nullptr) *run = fs;
    return Get(*fs, "f.bin");
  }
  // A file "t/f.bin" stored, then a fresh run.
  void Seed(const std::string& data) {
    vfs::FsPtr fs = NewFs();
    ASSERT_TRUE(Put(*fs, "f.bin", data).ok());
  }
};

TEST_F(FaultTest, ListingAnswering503IsRetried) {
  Seed(Data(1000, 'a'));
  ASSERT_TRUE(emu_->AddFault("folder/ls:status:503@2").ok());
  vfs::FsPtr fs = NewFs();
  absl::StatusOr<vfs::DirEntries> list = fs->List("");
  ASSERT_TRUE(list.ok()) << list.status();
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].remote(), "f.bin");
}

TEST_F(FaultTest, TokenAnswering503IsRetried) {
  const std::string data = Data(5000, 'b');
  absl::StatusOr<std::string> got = ReadUnder("download/get_token:status:503@2", data);
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_EQ(*got, data);
}

TEST_F(FaultTest, PermanentErrorStopsAtOnceWithClearMessage) {
  absl::Status st = ListUnder("folder/ls:status:404@100");
  EXPECT_FALSE(st.ok());
  EXPECT_EQ(Calls("/v1/folder/ls.cgi"), 1);  // not retried
}

TEST_F(FaultTest, EndlessServerErrorsAreBoundedAndClear) {
  absl::Status st = ListUnder("folder/ls:status:503@100");
  EXPECT_FALSE(st.ok());
  EXPECT_THAT(std::string(st.message()), HasSubstr("after 10 attempts"));
  EXPECT_EQ(Calls("/v1/folder/ls.cgi"), 10);
}

// The real flood protection: a call budget, then a lock during which every call answers
// 403 "#412"; the backend pauses everyone and gets through when the lock ends.
TEST_F(FaultTest, FloodLockIsWaitedOut) {
  Seed(Data(100, 'c'));
  ASSERT_TRUE(emu_->SetRate(R"({"rate":5,"burst":3,"lock_seconds":0.5,"flood_code":412})").ok());
  vfs::FsPtr fs = NewFs();
  for (int i = 0; i < 6; ++i) {
    absl::StatusOr<vfs::ObjectPtr> put = Put(*fs, absl::StrCat("d", i, "/x.bin"), Data(100, 'd'));
    ASSERT_TRUE(put.ok()) << put.status();
  }
  ASSERT_TRUE(emu_->SetRate(R"({"rate":0})").ok());
  EXPECT_EQ(Calls("/upload.cgi"), 6 + 1);  // the seed's upload and ours, each sent once
  EXPECT_EQ(Names("").size(), 7u);
}

TEST_F(FaultTest, FloodThatNeverEndsFailsClearly) {
  absl::Status st = ListUnder("folder/ls:flood@100");
  EXPECT_TRUE(vfs::IsRateLimited(st)) << st;
  EXPECT_THAT(std::string(st.message()), HasSubstr("try again later"));
  EXPECT_LE(Calls("/v1/folder/ls.cgi"), 4);
}

TEST_F(FaultTest, ResetMidUploadFailsAndIsNotRepeated) {
  vfs::FsPtr fs = NewFs();
  ASSERT_TRUE(fs->Mkdir("").ok());
  ASSERT_TRUE(emu_->AddFault("upload.cgi:reset:262144").ok());
  absl::StatusOr<vfs::ObjectPtr> put = Put(*fs, "big.bin", Data(1 << 20, 'e'));
  EXPECT_FALSE(put.ok());
  EXPECT_EQ(Calls("/upload.cgi"), 1);
  // When curl had handed every byte to the socket before the reset, end.pl is asked whether
  // the body arrived (within the retry budget: the reset may also cut a reused connection);
  // it did not, and the upload is not sent again.
  EXPECT_LE(Calls("/end.pl"), 11);
  EXPECT_TRUE(Names("").empty());
}

TEST_F(FaultTest, ResetMidDownloadIsRetriedOrFails) {
  const std::string data = Data(1 << 20, 'f');
  vfs::FsPtr fs;
  absl::StatusOr<std::string> got = ReadUnder("download:reset:100000", data, &fs);
  // As with a truncation below: a reset that reaches the client while the download is still
  // being opened retries the open (the second GET has no fault); one after the stream was
  // handed to the reader fails the read. Never part of the file as if it were complete.
  if (got.ok()) {
    EXPECT_EQ(*got, data) << "a reset download read as complete";
    EXPECT_GE(Calls("download"), 2) << "a whole file without a second GET: the fault never hit";
    return;
  }
  // A second open (the transfer's retry) gets the whole file.
  absl::StatusOr<std::string> again = Get(*fs, "f.bin");
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(*again, data);
}

TEST_F(FaultTest, TruncatedDownloadIsRetriedOrFails) {
  const std::string data = Data(200000, 'g');
  absl::StatusOr<std::string> got = ReadUnder("download:truncate:1000", data);
  // The cut may reach the client while the download is still being opened (then the open is
  // retried and the second GET, without the fault, gives the whole file) or after the stream
  // was handed over (then the read fails). Never part of the file as if it were complete.
  if (got.ok()) {
    EXPECT_EQ(*got, data) << "a truncated download read as complete";
    EXPECT_GE(Calls("download"), 2) << "a whole file without a second GET: the fault never hit";
  }
}

TEST_F(FaultTest, StallsAreBoundedByTimeouts) {
  const std::string data = Data(10000, 'h');
  Seed(data);
  // The calls a fresh run makes to read the file, without stalls.
  auto calls = [&] {
    return std::make_pair(Calls("/v1/folder/ls.cgi"), Calls("download"));
  };
  const auto start = calls();
  ASSERT_TRUE(Get(*NewFs(), "f.bin").ok());
  const auto plain = calls();
  const int64_t listings = plain.first - start.first, downloads = plain.second - start.second;
  vfs::FsPtr fs = NewFs();
  ASSERT_TRUE(emu_->AddFault("folder/ls:stall:4000").ok());
  ASSERT_TRUE(emu_->AddFault("download:stall:4000").ok());
  absl::StatusOr<std::string> got = Get(*fs, "f.bin");
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_EQ(*got, data);
  // Each stalled call was given up by its 1 s timeout and sent again (a call left to the 4 s
  // stall would have succeeded the first time): one call more of each, counted, not timed.
  const auto stalled = calls();
  EXPECT_EQ(stalled.first - plain.first, listings + 1);
  EXPECT_EQ(stalled.second - plain.second, downloads + 1);
}

TEST_F(FaultTest, EndReportAnsweringHtmlIsPolled) {
  vfs::FsPtr fs = NewFs();
  ASSERT_TRUE(fs->Mkdir("").ok());
  ASSERT_TRUE(emu_->AddFault("end.pl:html@3").ok());
  const std::string data = Data(3000, 'i');
  absl::StatusOr<vfs::ObjectPtr> put = Put(*fs, "h.bin", data);
  ASSERT_TRUE(put.ok()) << put.status();
  EXPECT_EQ(Calls("/upload.cgi"), 1);
  EXPECT_EQ(Calls("/end.pl"), 4);
  EXPECT_FALSE((*put)->id().empty());
  absl::StatusOr<std::string> got = Get(*NewFs(), "h.bin");
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_EQ(*got, data);
}

// end.pl never gives links: after bounded polling the folder is listed and the file found by
// name, size and Whirlpool; the upload is not sent again and the object is complete.
TEST_F(FaultTest, EndReportWithoutLinksIsConfirmedByListing) {
  vfs::FsPtr fs = NewFs();
  ASSERT_TRUE(fs->Mkdir("").ok());
  // An identical older file elsewhere and a same-name smaller one here must not be taken.
  const std::string data = Data(4000, 'j');
  ASSERT_TRUE(Put(*fs, "n.bin", Data(10, 'z')).ok());
  ASSERT_TRUE(emu_->AddFault("end.pl:nolinks@100").ok());
  vfs::StringSource in(data);
  vfs::StaticObjectInfo info("n.bin", static_cast<int64_t>(data.size()), absl::Now());
  absl::StatusOr<vfs::ObjectPtr> put = fs->PutUnchecked(in, info);
  ASSERT_TRUE(put.ok()) << put.status();
  ASSERT_TRUE(emu_->ClearFaults().ok());
  EXPECT_EQ(Calls("/upload.cgi"), 2);
  EXPECT_EQ(Calls("/end.pl"), 1 + 10);  // the first upload's, then ours polled 10 times
  EXPECT_EQ((*put)->size(), 4000);
  absl::StatusOr<std::string> hash = (*put)->Hash(hash::HashType::kWhirlpool);
  ASSERT_TRUE(hash.ok());
  EXPECT_EQ(hash->size(), 128u);
  // The object we got is the new file.
  absl::StatusOr<std::unique_ptr<vfs::Source>> open = (*put)->Open();
  ASSERT_TRUE(open.ok()) << open.status();
  absl::StatusOr<std::string> got = vfs::ReadAll(**open);
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_EQ(*got, data);
}

// No links and a listing that does not show the file yet: an error, never a success, and
// never a second copy.
TEST_F(FaultTest, UnconfirmableUploadIsAnErrorNotASuccess) {
  vfs::FsPtr fs = NewFs();
  ASSERT_TRUE(fs->Mkdir("").ok());
  ASSERT_TRUE(emu_->AddFault("end.pl:nolinks@100").ok());
  ASSERT_TRUE(emu_->AddFault("folder/ls:lag:60000@100").ok());
  absl::StatusOr<vfs::ObjectPtr> put = Put(*fs, "u.bin", Data(2000, 'k'));
  ASSERT_FALSE(put.ok());
  EXPECT_THAT(std::string(put.status().message()), HasSubstr("outcome of the upload is unknown"));
  EXPECT_EQ(Calls("/upload.cgi"), 1);
  // Not sent again by this process: the file may be stored already.
  put = Put(*fs, "u.bin", Data(2000, 'k'));
  ASSERT_FALSE(put.ok());
  EXPECT_EQ(Calls("/upload.cgi"), 1);
}

TEST_F(FaultTest, WrongChecksumOrSizeAtUploadEndIsDataLoss) {
  vfs::FsPtr fs = NewFs();
  ASSERT_TRUE(fs->Mkdir("").ok());
  for (const char* fault : {"end.pl:badsum", "end.pl:badsize"}) {
    ASSERT_TRUE(emu_->AddFault(fault).ok());
    absl::StatusOr<vfs::ObjectPtr> put = Put(*fs, "w.bin", Data(3000, 'l'));
    EXPECT_TRUE(vfs::IsDataCorruption(put.status())) << fault << ": " << put.status();
  }
  EXPECT_TRUE(Names("").empty());  // both bad copies removed
}

// Listings that lag behind uploads: within a run the backend's own listing is current.
TEST_F(FaultTest, ListingLagDoesNotHideOurOwnUploads) {
  vfs::FsPtr fs = NewFs();
  ASSERT_TRUE(emu_->AddFault("folder/ls:lag:60000@100").ok());
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(Put(*fs, absl::StrCat("l", i, ".bin"), Data(500, 'm')).ok());
  }
  absl::StatusOr<vfs::DirEntries> list = fs->List("");
  ASSERT_TRUE(list.ok()) << list.status();
  EXPECT_EQ(list->size(), 3u);
  absl::StatusOr<vfs::ObjectPtr> again = Put(*fs, "l0.bin", Data(600, 'n'));  // replaces
  ASSERT_TRUE(again.ok()) << again.status();
  ASSERT_TRUE(emu_->ClearFaults().ok());
  EXPECT_EQ(Names("").size(), 3u);  // replaced, not duplicated
}

// Changes whose answer is lost (reset after the service acted): checked, not repeated.
TEST_F(FaultTest, LostAnswersOfChangesAreCheckedNotRepeated) {
  const std::string data = Data(700, 'o');
  Seed(data);
  vfs::FsPtr fs = NewFs();
  ASSERT_TRUE(fs->List("").ok());
  ASSERT_TRUE(emu_->ResetStats().ok());

  ASSERT_TRUE(emu_->AddFault("folder/mkdir:reset:0").ok());
  ASSERT_TRUE(fs->Mkdir("sub").ok());
  ASSERT_TRUE(emu_->AddFault("folder/mkdir:status:503").ok());
  ASSERT_TRUE(fs->Mkdir("sub2").ok());
  EXPECT_EQ(Calls("/v1/folder/mkdir.cgi"), 3);  // sub once (checked), sub2 twice (refused)

  absl::StatusOr<vfs::ObjectPtr> src = fs->NewObject("f.bin");
  ASSERT_TRUE(src.ok());
  ASSERT_TRUE(emu_->AddFault("file/cp:reset:0").ok());
  absl::StatusOr<vfs::ObjectPtr> copy = fs->Copy(**src, "sub/copy.bin");
  ASSERT_TRUE(copy.ok()) << copy.status();
  EXPECT_EQ(Calls("/v1/file/cp.cgi"), 1);

  // A move to another parent with a new name is two calls (move, then rename): both lose
  // their answer; then a rename alone.
  ASSERT_TRUE(emu_->AddFault("folder/mv:reset:0@2").ok());
  ASSERT_TRUE(fs->DirMove(*fs, "sub2", "sub/moved").ok());
  ASSERT_TRUE(emu_->AddFault("folder/mv:reset:0").ok());
  ASSERT_TRUE(fs->DirMove(*fs, "sub/moved", "sub/renamed").ok());
  EXPECT_EQ(Calls("/v1/folder/mv.cgi"), 3);

  ASSERT_TRUE(emu_->AddFault("folder/rm:reset:0").ok());
  ASSERT_TRUE(fs->Rmdir("sub/renamed").ok());
  EXPECT_EQ(Calls("/v1/folder/rm.cgi"), 1);

  ASSERT_TRUE(emu_->AddFault("file/rm:reset:0").ok());
  ASSERT_TRUE((*src)->Remove().ok());
  EXPECT_EQ(Calls("/v1/file/rm.cgi"), 1);

  EXPECT_THAT(Names(""), ::testing::ElementsAre("sub"));
  EXPECT_THAT(Names("sub"), ::testing::ElementsAre("sub/copy.bin"));  // one copy, no duplicate
}

}  // namespace
}  // namespace fichier_test
