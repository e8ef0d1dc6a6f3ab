// The fs/object layer against FakeApi: duplicates, name encoding on every name sent, password
// reveal, integrity checks, the 0-byte refusal, upload sessions and call economy.
#include "backend/fichier/fichier_fs.h"

#include <thread>

#include "backend/fichier/fichier_object.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "hash/whirlpool.h"
#include "tests/fichier/fake_api.h"
#include "vfs/errors.h"
#include "vfs/hashing_source.h"

namespace fichier_test {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

class FichierFsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Make(FichierOptions{}, UploaderOptions{.batch = {.window = absl::ZeroDuration()}});
  }

  void Make(FichierOptions options, UploaderOptions upload) {
    fake_ = std::make_shared<FakeApi>();
    account_ = std::make_shared<Account>(fake_, nullptr, options.encoder, upload);
    fs_ = FichierFs::Create("remote", "", options, account_);
  }

  absl::StatusOr<vfs::ObjectPtr> PutString(const std::string& remote, const std::string& data,
                                           bool unchecked = false) {
    vfs::StringSource in(data);
    vfs::StaticObjectInfo info(remote, static_cast<int64_t>(data.size()), absl::Now());
    return unchecked ? fs_->PutUnchecked(in, info) : fs_->Put(in, info);
  }

  static std::string ReadAll(vfs::Object& object, vfs::OpenOptions options = {}) {
    absl::StatusOr<std::unique_ptr<vfs::Source>> in = object.Open(options);
    EXPECT_TRUE(in.ok()) << in.status();
    if (!in.ok()) return "";
    absl::StatusOr<std::string> data = vfs::ReadAll(**in);
    EXPECT_TRUE(data.ok()) << data.status();
    return data.ok() ? *data : "";
  }

  std::shared_ptr<FakeApi> fake_;
  std::shared_ptr<Account> account_;
  std::shared_ptr<FichierFs> fs_;
};

TEST_F(FichierFsTest, ZeroByteFileRefusedBeforeAnyCall) {
  absl::StatusOr<vfs::ObjectPtr> put = PutString("dir/empty.txt", "");
  ASSERT_FALSE(put.ok());
  EXPECT_TRUE(vfs::IsCantUploadEmptyFiles(put.status())) << put.status();
  EXPECT_THAT(std::string(put.status().message()),
              HasSubstr("can't upload empty files to this remote"));
  put = PutString("empty2.txt", "", /*unchecked=*/true);
  EXPECT_TRUE(vfs::IsCantUploadEmptyFiles(put.status())) << put.status();
  EXPECT_EQ(fake_->TotalCalls(), 0);
}

TEST_F(FichierFsTest, PutListOpenRoundTripWithVerifiedHash) {
  ASSERT_TRUE(PutString("a/b/hello.txt", "hello world\n").ok());
  absl::StatusOr<vfs::DirEntries> list = fs_->List("a/b");
  ASSERT_TRUE(list.ok()) << list.status();
  ASSERT_EQ(list->size(), 1u);
  const vfs::ObjectPtr& object = (*list)[0].object();
  EXPECT_EQ(object->remote(), "a/b/hello.txt");
  EXPECT_EQ(object->size(), 12);
  EXPECT_EQ(*object->Hash(hash::HashType::kWhirlpool), hash::WhirlpoolHex("hello world\n"));
  EXPECT_EQ(ReadAll(*object), "hello world\n");
  EXPECT_EQ(ReadAll(*object, vfs::OpenOptions::Range(6, 10)), "world");
  EXPECT_EQ(ReadAll(*object, vfs::OpenOptions::Range(-1, 3)), "ld\n");
  EXPECT_THAT(object->id(), HasSubstr("https://1fichier.com/?"));
}

TEST_F(FichierFsTest, EveryNameSentIsEncoded) {
  const encoding::MultiEncoder enc(encoding::kFichierDefaultMask);
  ASSERT_TRUE(fs_->Mkdir("d<1").ok());
  absl::StatusOr<vfs::ObjectPtr> obj = PutString("d<1/up$load'.txt", "x1");
  ASSERT_TRUE(obj.ok()) << obj.status();
  // Same folder: rename.cgi.
  absl::StatusOr<vfs::ObjectPtr> renamed = fs_->Move(**obj, "d<1/re\"named.txt");
  ASSERT_TRUE(renamed.ok()) << renamed.status();
  // Other folder with a new name: mv.cgi with rename.
  absl::StatusOr<vfs::ObjectPtr> moved = fs_->Move(**renamed, "e/mo`ved>.txt");
  ASSERT_TRUE(moved.ok()) << moved.status();
  absl::StatusOr<vfs::ObjectPtr> copied = fs_->Copy(**moved, "e/co\\py .txt");
  ASSERT_TRUE(copied.ok()) << copied.status();
  ASSERT_TRUE(fs_->DirMove(*fs_, "e", "f$").ok());

  EXPECT_THAT(fake_->mkdir_names, ElementsAre(enc.Encode("d<1"), "e"));
  EXPECT_THAT(fake_->uploaded_names, ElementsAre(enc.Encode("up$load'.txt")));
  EXPECT_THAT(fake_->rename_names, ElementsAre(enc.Encode("re\"named.txt")));
  EXPECT_THAT(fake_->mv_renames, ElementsAre(enc.Encode("mo`ved>.txt")));
  EXPECT_THAT(fake_->cp_renames, ElementsAre(enc.Encode("co\\py .txt")));
  EXPECT_THAT(fake_->folder_renames, ElementsAre(enc.Encode("f$")));
  EXPECT_NE(enc.Encode("mo`ved>.txt"), "mo`ved>.txt");  // the test would prove nothing otherwise
}

TEST_F(FichierFsTest, ListingDecodesNamesFromTheServer) {
  const encoding::MultiEncoder enc(encoding::kFichierDefaultMask);
  int64_t dir = fake_->AddFolder(0, enc.Encode("we<ird"));
  fake_->AddFile(dir, enc.Encode("a$b'.txt"), "data", "2026-01-01 10:00:00");
  absl::StatusOr<vfs::DirEntries> root = fs_->List("");
  ASSERT_TRUE(root.ok()) << root.status();
  ASSERT_EQ(root->size(), 1u);
  EXPECT_EQ((*root)[0].remote(), "we<ird");
  absl::StatusOr<vfs::ObjectPtr> obj = fs_->NewObject("we<ird/a$b'.txt");
  ASSERT_TRUE(obj.ok()) << obj.status();
  EXPECT_EQ(ReadAll(**obj), "data");
}

TEST_F(FichierFsTest, RenameNeverSentWithTheCurrentName) {
  absl::StatusOr<vfs::ObjectPtr> obj = PutString("a/same.txt", "x");
  ASSERT_TRUE(obj.ok());
  ASSERT_TRUE(fs_->Mkdir("b").ok());
  absl::StatusOr<vfs::ObjectPtr> moved = fs_->Move(**obj, "b/same.txt");
  ASSERT_TRUE(moved.ok()) << moved.status();
  EXPECT_THAT(fake_->mv_renames, ElementsAre(""));
  absl::StatusOr<vfs::ObjectPtr> again = fs_->Move(**moved, "b/same.txt");
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(fake_->Calls("file_rename"), 0);
  EXPECT_EQ(fake_->Calls("file_mv"), 1);
}

TEST_F(FichierFsTest, DuplicatesListedAllAndNewObjectPicksDeterministically) {
  // The server's order must not matter: the same pick either way.
  for (bool reversed : {false, true}) {
    Make(FichierOptions{}, UploaderOptions{.batch = {.window = absl::ZeroDuration()}});
    int64_t dir = fake_->AddFolder(0, "d");
    fake_->AddFile(dir, "dup.txt", "newer", "2026-02-02 10:00:00");
    fake_->AddFile(dir, "dup.txt", "older", "2026-01-01 10:00:00");
    fake_->shuffle_listing = reversed;
    absl::StatusOr<vfs::DirEntries> list = fs_->List("d");
    ASSERT_TRUE(list.ok()) << list.status();
    ASSERT_EQ(list->size(), 2u);
    EXPECT_EQ(ReadAll(*(*list)[0].object()), "older");  // listing: oldest first
    absl::StatusOr<vfs::ObjectPtr> pick = fs_->NewObject("d/dup.txt");
    ASSERT_TRUE(pick.ok()) << pick.status();
    EXPECT_EQ(ReadAll(**pick), "newer") << "reversed=" << reversed;
  }
}

TEST_F(FichierFsTest, PutReplacesOneAndPutUncheckedAddsADuplicate) {
  ASSERT_TRUE(PutString("f.txt", "one").ok());
  ASSERT_TRUE(PutString("f.txt", "two").ok());
  absl::StatusOr<vfs::DirEntries> list = fs_->List("");
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ(ReadAll(*(*list)[0].object()), "two");
  EXPECT_EQ(fake_->Calls("file_rm"), 1);
  ASSERT_TRUE(PutString("f.txt", "three", /*unchecked=*/true).ok());
  list = fs_->List("");
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(list->size(), 2u);
  EXPECT_EQ(fake_->files.size(), 2u);
}

TEST_F(FichierFsTest, UpdateUploadsThenRemovesTheOld) {
  absl::StatusOr<vfs::ObjectPtr> obj = PutString("u.txt", "old");
  ASSERT_TRUE(obj.ok());
  std::string old_url = (*obj)->id();
  vfs::StringSource in("new content");
  vfs::StaticObjectInfo info("u.txt", 11, absl::Now());
  ASSERT_TRUE((*obj)->Update(in, info).ok());
  EXPECT_NE((*obj)->id(), old_url);
  EXPECT_EQ((*obj)->size(), 11);
  EXPECT_THAT(fake_->removed_urls, ElementsAre(old_url));
  EXPECT_EQ(ReadAll(**obj), "new content");
}

TEST_F(FichierFsTest, IntegrityMismatchIsDataLossAndTheBadCopyIsRemoved) {
  fake_->corrupt_whirlpool = true;
  absl::StatusOr<vfs::ObjectPtr> put = PutString("bad.bin", "payload");
  ASSERT_FALSE(put.ok());
  EXPECT_TRUE(vfs::IsDataCorruption(put.status())) << put.status();
  EXPECT_THAT(std::string(put.status().message()), HasSubstr("bad copy was removed"));
  ASSERT_EQ(fake_->removed_urls.size(), 1u);
  EXPECT_TRUE(fake_->files.empty());
  absl::StatusOr<vfs::DirEntries> list = fs_->List("");
  ASSERT_TRUE(list.ok());
  EXPECT_TRUE(list->empty());
}

// The resolver reveals obscured secrets once (tests/config); the backend must send exactly what
// it is given, never the obscured form and never a second reveal.
TEST_F(FichierFsTest, PasswordsAreSentAsGiven) {
  vfs::FsParams params;
  params.name = "remote";
  params.options["api_key"] = "k";
  params.options["file_password"] = "s3cret-file";
  params.options["folder_password"] = "s3cret-folder";
  absl::StatusOr<FichierOptions> options = ParseFichierOptions(params);
  ASSERT_TRUE(options.ok()) << options.status();
  EXPECT_EQ(options->file_password, "s3cret-file");
  EXPECT_EQ(options->folder_password, "s3cret-folder");
  Make(*options, UploaderOptions{.batch = {.window = absl::ZeroDuration()}});
  absl::StatusOr<vfs::ObjectPtr> obj = PutString("p.txt", "abc");
  ASSERT_TRUE(obj.ok());
  EXPECT_EQ(ReadAll(**obj), "abc");
  ASSERT_TRUE(fs_->Copy(**obj, "q.txt").ok());
  EXPECT_THAT(fake_->token_passwords, ElementsAre("s3cret-file"));
  EXPECT_THAT(fake_->cp_passwords, ElementsAre("s3cret-file"));
}

TEST_F(FichierFsTest, EachFolderListedOnceAndKeptCurrent) {
  int64_t dir = fake_->AddFolder(0, "d");
  fake_->AddFile(dir, "x.txt", "x", "2026-01-01 10:00:00");
  ASSERT_TRUE(fs_->List("d").ok());
  const int64_t after_first = fake_->Calls("folder_ls");
  EXPECT_EQ(after_first, 2);  // root (to find "d") and d
  ASSERT_TRUE(PutString("d/y.txt", "yy").ok());
  absl::StatusOr<vfs::ObjectPtr> x = fs_->NewObject("d/x.txt");
  ASSERT_TRUE(x.ok());
  ASSERT_TRUE((*x)->Remove().ok());
  absl::StatusOr<vfs::DirEntries> list = fs_->List("d");
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].remote(), "d/y.txt");
  EXPECT_EQ(fake_->Calls("folder_ls"), after_first);
  // A folder we create is known empty: listing it costs nothing.
  ASSERT_TRUE(fs_->Mkdir("new/deeper").ok());
  ASSERT_TRUE(fs_->List("new/deeper").ok());
  EXPECT_EQ(fake_->Calls("folder_ls"), after_first);
}

TEST_F(FichierFsTest, SmallFilesToOneFolderShareAnUploadSession) {
  Make(FichierOptions{}, UploaderOptions{.batch = {.window = absl::Milliseconds(500)}});
  ASSERT_TRUE(fs_->Mkdir("batch").ok());
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int i = 0; i < 6; ++i) {
    threads.emplace_back([&, i] {
      if (PutString("batch/f" + std::to_string(i), std::string(100 + i, 'a' + i), true).ok()) ++ok;
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(ok.load(), 6);
  EXPECT_LE(fake_->Calls("upload"), 2);
  EXPECT_EQ(fake_->Calls("upload"), fake_->Calls("end"));
  absl::StatusOr<vfs::DirEntries> list = fs_->List("batch");
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 6u);
  for (const vfs::DirEntry& e : *list) {
    int i = e.remote().back() - '0';
    EXPECT_EQ(ReadAll(*e.object()), std::string(100 + i, 'a' + i));
  }
}

TEST_F(FichierFsTest, RmdirRefusesNonEmptyAndPurgeRemovesEverything) {
  ASSERT_TRUE(PutString("p/a.txt", "a").ok());
  ASSERT_TRUE(PutString("p/q/b.txt", "b").ok());
  ASSERT_TRUE(PutString("p/q/c.txt", "c").ok());
  EXPECT_TRUE(vfs::IsDirNotEmpty(fs_->Rmdir("p")));
  ASSERT_TRUE(fs_->Purge("p").ok());
  EXPECT_TRUE(fake_->files.empty());
  EXPECT_TRUE(fake_->folders.empty());
  EXPECT_TRUE(vfs::IsDirNotFound(fs_->List("p").status()));
  EXPECT_EQ(fake_->Calls("file_rm"), 2);  // one per folder, not per file
}

TEST_F(FichierFsTest, AboutAndPublicLink) {
  absl::StatusOr<vfs::Usage> usage = fs_->About();
  ASSERT_TRUE(usage.ok());
  EXPECT_EQ(*usage->used, 1000);
  EXPECT_EQ(*usage->total, 5000);
  EXPECT_EQ(*usage->free, 4000);
  absl::StatusOr<vfs::ObjectPtr> obj = PutString("l.txt", "link");
  ASSERT_TRUE(obj.ok());
  absl::StatusOr<std::string> link = fs_->PublicLink("l.txt", absl::InfiniteDuration(), false);
  ASSERT_TRUE(link.ok());
  EXPECT_EQ(*link, (*obj)->id());
  EXPECT_TRUE(vfs::IsObjectNotFound(
      fs_->PublicLink("missing.txt", absl::InfiniteDuration(), false).status()));
}

}  // namespace
}  // namespace fichier_test

namespace fichier_test {
namespace {

// Whole-file downloads checked at the end of the stream against the listing's size and
// Whirlpool: the stored bytes change behind the listing's back.
absl::StatusOr<std::string> ReadTampered(bool verify, const std::string& tampered) {
  auto fake = std::make_shared<FakeApi>();
  FichierOptions options;
  options.download_verify = verify;
  auto account = std::make_shared<Account>(
      fake, nullptr, options.encoder, UploaderOptions{.batch = {.window = absl::ZeroDuration()}});
  auto fs = FichierFs::Create("remote", "", options, account);
  vfs::StringSource in("original bytes");
  vfs::StaticObjectInfo info("f.txt", 14, absl::Now());
  absl::StatusOr<vfs::ObjectPtr> put = fs->Put(in, info);
  if (!put.ok()) return put.status();
  for (auto& [url, file] : fake->files) file.content = tampered;
  absl::StatusOr<std::unique_ptr<vfs::Source>> open = (*put)->Open();
  if (!open.ok()) return open.status();
  return vfs::ReadAll(**open);
}

TEST(DownloadVerifyTest, WholeFileWhirlpoolMismatchIsDataLoss) {
  absl::StatusOr<std::string> got = ReadTampered(true, "tampered bytes");
  ASSERT_FALSE(got.ok());
  EXPECT_TRUE(vfs::IsDataCorruption(got.status())) << got.status();
  EXPECT_THAT(std::string(got.status().message()), HasSubstr("whirlpool"));
  EXPECT_EQ(*ReadTampered(true, "original bytes"), "original bytes");
}

TEST(DownloadVerifyTest, OffSkipsTheHashButNeverTheSize) {
  absl::StatusOr<std::string> got = ReadTampered(false, "tampered bytes");
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_EQ(*got, "tampered bytes");
  absl::StatusOr<std::string> short_read = ReadTampered(false, "short");
  EXPECT_TRUE(vfs::IsDataCorruption(short_read.status())) << short_read.status();
}

// A verified download reports its Whirlpool, so the layers above (transfer, local write) reuse
// it instead of hashing every byte again; a HashingSource over it agrees with the stored sum.
TEST_F(FichierFsTest, VerifiedDownloadHandsItsWhirlpoolUp) {
  const std::string data(3 << 20, 'w');  // over the tap's inline part: hashed on its worker
  absl::StatusOr<vfs::ObjectPtr> put = PutString("big.bin", data);
  ASSERT_TRUE(put.ok()) << put.status();
  absl::StatusOr<std::unique_ptr<vfs::Source>> in = (*put)->Open();
  ASSERT_TRUE(in.ok()) << in.status();
  ASSERT_TRUE((*in)->ComputesHash(hash::HashType::kWhirlpool));
  vfs::HashingSource above(**in);
  EXPECT_EQ(vfs::ReadAll(above).value_or("").size(), data.size());
  EXPECT_EQ(*above.Sum(hash::HashType::kWhirlpool), hash::WhirlpoolHex(data));
  EXPECT_EQ(*(*put)->Hash(hash::HashType::kWhirlpool), hash::WhirlpoolHex(data));
  // A range is not verified by hash: nothing to hand up.
  absl::StatusOr<std::unique_ptr<vfs::Source>> part = (*put)->Open(vfs::OpenOptions::Range(0, 9));
  ASSERT_TRUE(part.ok()) << part.status();
  EXPECT_FALSE((*part)->ComputesHash(hash::HashType::kWhirlpool));
}

}  // namespace
}  // namespace fichier_test
