// The upload journal on its own: records survive a reopen, a kill's cut-short line or a
// damaged one is skipped (and never swallows the next record), a foreign file is set aside,
// an unusable folder disables the journal with a message, and two writers never interleave.
#include "backend/fichier/upload_journal.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/support/temp_dir.h"

namespace backend::fichier {
namespace {

using ::testing::HasSubstr;
namespace fs = std::filesystem;

const absl::Time kNow = absl::FromUnixSeconds(1'800'000'000);

class UploadJournalTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_FALSE(dir_.empty()); }

  std::unique_ptr<UploadJournal> Open(absl::Time now = kNow) {
    return UploadJournal::Open(dir_, "tag", now);
  }
  std::string Path() const { return dir_ + "/tag.journal"; }
  std::string ReadFile() const {
    std::ifstream in(Path(), std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  }
  void WriteFile(const std::string& text) const {
    std::ofstream out(Path(), std::ios::binary | std::ios::trunc);
    out << text;
  }

  static JournalSession Session(const std::string& xid) {
    JournalSession s;
    s.xid = xid;
    s.node = "up1.test:8080";
    s.folder_id = 42;
    s.started = kNow;
    s.owner = JournalOwner{12345, 678};
    s.members = {{"a\tname\nwith%odd bytes", 10}, {"b.txt", 20}};
    return s;
  }
  static JournalFile File(const std::string& url, absl::Time stored = kNow) {
    return JournalFile{"x1", 42, url, "a.txt", 10, std::string(128, 'f'), stored};
  }

  test_support::TempDir temp_{"journal-test"};
  const std::string dir_ = temp_.path();
};

TEST_F(UploadJournalTest, RecordsSurviveAReopen) {
  {
    auto j = Open();
    ASSERT_TRUE(j->enabled()) << j->warning();
    EXPECT_TRUE(j->warning().empty()) << j->warning();
    ASSERT_TRUE(j->Begin(Session("x1")).ok());
    ASSERT_TRUE(j->Begin(Session("x2")).ok());
    ASSERT_TRUE(j->Settle("x1", {File("https://f/?a"), File("https://f/?b")}).ok());
    ASSERT_TRUE(j->Forget({"https://f/?b"}).ok());
  }
  auto j = Open();
  ASSERT_EQ(j->Sessions().size(), 1u);
  const JournalSession s = j->Sessions()[0];
  EXPECT_EQ(s.xid, "x2");
  EXPECT_EQ(s.node, "up1.test:8080");
  EXPECT_EQ(s.folder_id, 42);
  EXPECT_EQ(s.started, kNow);
  EXPECT_EQ(s.owner, (JournalOwner{12345, 678}));
  ASSERT_EQ(s.members.size(), 2u);
  EXPECT_EQ(s.members[0].wire_name, "a\tname\nwith%odd bytes");  // escaped on disk, intact here
  EXPECT_EQ(s.members[1].size, 20);
  ASSERT_EQ(j->Files().size(), 1u);
  EXPECT_EQ(j->Files()[0].url, "https://f/?a");
  EXPECT_EQ(j->Files()[0].whirlpool, std::string(128, 'f'));
  // Private: the journal names the user's files.
  EXPECT_EQ(fs::status(Path()).permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::owner_write);
}

TEST_F(UploadJournalTest, ALineCutShortByAKillIsSkippedAndDoesNotEatTheNext) {
  {
    auto j = Open();
    ASSERT_TRUE(j->Begin(Session("x1")).ok());
    ASSERT_TRUE(j->Begin(Session("x2")).ok());
  }
  std::string text = ReadFile();
  text.resize(text.size() - 7);  // the kill hit in the middle of x2's line
  WriteFile(text);
  {
    auto j = Open();
    ASSERT_TRUE(j->enabled());
    EXPECT_THAT(j->warning(), HasSubstr("damaged"));
    ASSERT_EQ(j->Sessions().size(), 1u);
    EXPECT_EQ(j->Sessions()[0].xid, "x1");
    ASSERT_TRUE(j->Begin(Session("x3")).ok());
  }
  auto j = Open();
  ASSERT_EQ(j->Sessions().size(), 2u);
  EXPECT_EQ(j->Sessions()[1].xid, "x3");
  EXPECT_TRUE(j->warning().empty()) << "the damaged line was dropped by the rewrite";
}

TEST_F(UploadJournalTest, AnAppendAfterATornTailStartsOnItsOwnLine) {
  auto j = Open();
  ASSERT_TRUE(j->Begin(Session("x1")).ok());
  {
    std::ofstream out(Path(), std::ios::binary | std::ios::app);
    out << "S\tx9\tnode\t4";  // another process was killed mid-append
  }
  ASSERT_TRUE(j->Begin(Session("x2")).ok());
  auto again = Open();
  ASSERT_EQ(again->Sessions().size(), 2u);
  EXPECT_EQ(again->Sessions()[1].xid, "x2");
}

TEST_F(UploadJournalTest, ADamagedLineInTheMiddleIsSkipped) {
  {
    auto j = Open();
    ASSERT_TRUE(j->Begin(Session("x1")).ok());
    ASSERT_TRUE(j->Begin(Session("x2")).ok());
    ASSERT_TRUE(j->Begin(Session("x3")).ok());
  }
  std::string text = ReadFile();
  const size_t x2 = text.find("x2");
  ASSERT_NE(x2, std::string::npos);
  text[x2 + 1] = '7';  // a bit flip: the checksum no longer matches
  WriteFile(text);
  auto j = Open();
  ASSERT_EQ(j->Sessions().size(), 2u);
  EXPECT_EQ(j->Sessions()[0].xid, "x1");
  EXPECT_EQ(j->Sessions()[1].xid, "x3");
  EXPECT_THAT(j->warning(), HasSubstr("skipped 1 damaged line"));
}

TEST_F(UploadJournalTest, AForeignFileIsSetAsideNotGuessed) {
  WriteFile("this is not a journal\nS\tx1\n");
  auto j = Open();
  ASSERT_TRUE(j->enabled());
  EXPECT_THAT(j->warning(), HasSubstr("not one this version can read"));
  EXPECT_TRUE(j->Sessions().empty());
  EXPECT_TRUE(fs::exists(Path() + ".unreadable-" + std::to_string(absl::ToUnixSeconds(kNow))));
  ASSERT_TRUE(j->Begin(Session("x1")).ok());
  EXPECT_EQ(Open()->Sessions().size(), 1u);
}

TEST_F(UploadJournalTest, AnotherAccountsJournalIsNotRead) {
  {
    auto other = UploadJournal::Open(dir_, "other", kNow);
    ASSERT_TRUE(other->Begin(Session("x1")).ok());
  }
  fs::rename(dir_ + "/other.journal", Path());
  auto j = Open();
  EXPECT_TRUE(j->Sessions().empty());
  EXPECT_THAT(j->warning(), HasSubstr("not one this version can read"));
}

TEST_F(UploadJournalTest, AnUnusableFolderDisablesTheJournalWithAMessage) {
  std::ofstream(dir_ + "/a-file") << "x";
  auto j = UploadJournal::Open(dir_ + "/a-file/cache", "tag", kNow);
  absl::Status st = j->Begin(Session("x1"));
  EXPECT_FALSE(st.ok());
  EXPECT_THAT(std::string(st.message()), HasSubstr("cannot create " + dir_ + "/a-file/cache"));
  auto none = UploadJournal::Open("", "tag", kNow);
  EXPECT_FALSE(none->enabled());
  EXPECT_THAT(none->warning(), HasSubstr("no cache directory"));
}

TEST_F(UploadJournalTest, OpeningLeavesNoTraceUntilSomethingIsRecorded) {
  const std::string sub = dir_ + "/not-yet";
  auto j = UploadJournal::Open(sub, "tag", kNow);
  EXPECT_TRUE(j->enabled());
  EXPECT_TRUE(j->Sessions().empty());
  EXPECT_FALSE(fs::exists(sub)) << "a command that only reads writes nothing";
  ASSERT_TRUE(j->Begin(Session("x1")).ok());
  EXPECT_EQ(fs::status(sub).permissions() & fs::perms::all, fs::perms::owner_all);
  EXPECT_EQ(UploadJournal::Open(sub, "tag", kNow)->Sessions().size(), 1u);
}

TEST_F(UploadJournalTest, FileRecordsExpireAfterADay) {
  {
    auto j = Open();
    ASSERT_TRUE(j->Settle("x1", {File("https://f/?old", kNow - absl::Hours(25)),
                                 File("https://f/?new", kNow - absl::Hours(1))})
                    .ok());
  }
  auto j = Open();
  ASSERT_EQ(j->Files().size(), 1u);
  EXPECT_EQ(j->Files()[0].url, "https://f/?new");
}

TEST_F(UploadJournalTest, TwoWritersNeverInterleave) {
  auto a = Open();
  auto b = Open();  // as a second process would
  std::thread ta([&] {
    for (int i = 0; i < 200; ++i) ASSERT_TRUE(a->Begin(Session("a" + std::to_string(i))).ok());
  });
  std::thread tb([&] {
    for (int i = 0; i < 200; ++i) ASSERT_TRUE(b->Begin(Session("b" + std::to_string(i))).ok());
  });
  ta.join();
  tb.join();
  auto j = Open();
  EXPECT_EQ(j->Sessions().size(), 400u);
  EXPECT_TRUE(j->warning().empty()) << j->warning();
}

TEST_F(UploadJournalTest, OwnersAreToldByPidAndStartTime) {
  const JournalOwner self = UploadJournal::Self();
  EXPECT_EQ(self.pid, ::getpid());
  EXPECT_GT(self.start_ticks, 0u);
  EXPECT_TRUE(UploadJournal::Alive(self));
  EXPECT_FALSE(UploadJournal::Alive(JournalOwner{self.pid, self.start_ticks + 1}))
      << "a reused pid is not the owner";
  EXPECT_FALSE(UploadJournal::Alive(JournalOwner{0, 0}));
  EXPECT_FALSE(UploadJournal::Alive(JournalOwner{999'999'999, 1}));
}

TEST(UploadJournalTagTest, TagHidesTheKeyAndSeparatesAccounts) {
  const std::string tag = UploadJournal::AccountTag("https://api/v1", "SECRETKEY");
  EXPECT_EQ(tag.size(), 32u);
  EXPECT_EQ(tag.find("SECRET"), std::string::npos);
  EXPECT_NE(tag, UploadJournal::AccountTag("https://api/v1", "OTHERKEY"));
  EXPECT_NE(tag, UploadJournal::AccountTag("http://127.0.0.1:1/v1", "SECRETKEY"));
  EXPECT_EQ(tag, UploadJournal::AccountTag("https://api/v1", "SECRETKEY"));
}

}  // namespace
}  // namespace backend::fichier
