// The crypt backend over the memory backend: ranged reads decrypt only the blocks they need,
// names that do not decrypt are skipped with a NOTICE, duplicates stay duplicates, a root that
// names a file, sizes and errors, and no secret in any error.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <mutex>
#include <string>
#include <vector>

#include "backend/crypt/crypt_fs.h"
#include "backend/crypt/crypt_object.h"
#include "backend/crypt/data_format.h"
#include "backend/memory/memory_fs.h"
#include "hash/multi_hasher.h"
#include "vfs/hashing_source.h"
#include "vfs/source.h"
#include "vfs/log.h"

namespace backend::crypt {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kPassword[] = "fs test password";

class CryptFsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    backend::memory::Register();
    Register();
    base_ = ::testing::UnitTest::GetInstance()->current_test_info()->name();
  }

  absl::StatusOr<vfs::NewFsResult> Open(const std::string& root, vfs::ConfigMap extra = {},
                                        bool duplicates = false) {
    vfs::ConfigMap options = {
        {"remote", (duplicates ? ":memory,allow_duplicates:" : ":memory:") + base_},
        {"password", kPassword},
        {"password2", "fs test salt"}};
    for (auto& [k, v] : extra) options[k] = v;
    return vfs::Registry::Global().NewFs("crypt", "secret", root, options);
  }
  std::shared_ptr<CryptFs> Crypt(const std::string& root = "", bool duplicates = false) {
    absl::StatusOr<vfs::NewFsResult> made = Open(root, {}, duplicates);
    EXPECT_TRUE(made.ok()) << made.status();
    return std::dynamic_pointer_cast<CryptFs>(made->fs);
  }
  vfs::ObjectPtr Put(vfs::Fs& fs, const std::string& remote, const std::string& data) {
    vfs::SpanSource in(data);
    absl::StatusOr<vfs::ObjectPtr> obj = fs.Put(
        in, vfs::StaticObjectInfo(remote, static_cast<int64_t>(data.size()), absl::Now()));
    EXPECT_TRUE(obj.ok()) << obj.status();
    return obj.ok() ? *obj : nullptr;
  }
  absl::StatusOr<std::string> Read(vfs::Object& obj, vfs::OpenOptions options = {}) {
    absl::StatusOr<std::unique_ptr<vfs::Source>> in = obj.Open(options);
    if (!in.ok()) return in.status();
    return vfs::ReadAll(**in);
  }

  std::string base_;
};

std::string Pattern(size_t n) {
  std::string s(n, '\0');
  for (size_t i = 0; i < n; ++i) s[i] = static_cast<char>((i * 31) ^ (i >> 9));
  return s;
}

TEST_F(CryptFsTest, RangesMatchThePlainBytes) {
  auto fs = Crypt();
  std::string plain = Pattern(200000);
  vfs::ObjectPtr obj = Put(*fs, "f.bin", plain);
  ASSERT_NE(obj, nullptr);
  EXPECT_EQ(obj->size(), 200000);
  EXPECT_EQ(*Read(*obj), plain);
  const int64_t points[] = {0, 1, 65535, 65536, 65537, 131071, 131072, 199999};
  for (int64_t start : points) {
    for (int64_t end : points) {
      if (end < start) continue;
      EXPECT_EQ(*Read(*obj, vfs::OpenOptions::Range(start, end)),
                plain.substr(start, end - start + 1))
          << start << "-" << end;
    }
    EXPECT_EQ(*Read(*obj, vfs::OpenOptions::Seek(start)), plain.substr(start)) << start;
  }
  EXPECT_EQ(*Read(*obj, vfs::OpenOptions::Range(-1, 100)), plain.substr(200000 - 100));
  EXPECT_EQ(*Read(*obj, vfs::OpenOptions::Range(250000, -1)), "");
}

TEST_F(CryptFsTest, ARangeDecryptsOnlyTheBlocksItNeeds) {
  auto fs = Crypt();
  std::string plain = Pattern(3 * 65536);
  vfs::ObjectPtr obj = Put(*fs, "f.bin", plain);
  ASSERT_NE(obj, nullptr);
  // Damage the middle block underneath: ranges that avoid it still read, the others fail.
  const vfs::ObjectPtr& stored = std::dynamic_pointer_cast<CryptObject>(obj)->underlying();
  std::string sealed = *Read(*stored);
  sealed[kHeaderSize + kBlockSize + 100] ^= 0x40;
  vfs::SpanSource in(sealed);
  ASSERT_TRUE(stored->Update(in, vfs::StaticObjectInfo(stored->remote(),
                                                       static_cast<int64_t>(sealed.size()),
                                                       absl::Now())).ok());
  EXPECT_EQ(*Read(*obj, vfs::OpenOptions::Range(0, 65535)), plain.substr(0, 65536));
  EXPECT_EQ(*Read(*obj, vfs::OpenOptions::Seek(2 * 65536)), plain.substr(2 * 65536));
  absl::StatusOr<std::string> bad = Read(*obj, vfs::OpenOptions::Range(65530, 65540));
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(std::string(bad.status().message()), HasSubstr("f.bin"));
  EXPECT_EQ(Read(*obj).status().code(), absl::StatusCode::kDataLoss);
}

TEST_F(CryptFsTest, UndecryptableNamesAreSkippedWithANotice) {
  auto fs = Crypt();
  Put(*fs, "good.txt", "good");
  ASSERT_TRUE(fs->Mkdir("gooddir").ok());
  Put(*fs->wrapped(), "plain-junk", "junk");
  ASSERT_TRUE(fs->wrapped()->Mkdir("junkdir").ok());
  std::mutex mu;
  std::vector<std::string> notices;
  vfs::LogSink previous = vfs::SetLogSink([&](vfs::LogLevel level, std::string_view subject,
                                              std::string_view message) {
    std::lock_guard lock(mu);
    if (level == vfs::LogLevel::kNotice) {
      notices.push_back(std::string(subject) + ": " + std::string(message));
    }
  });
  absl::StatusOr<vfs::DirEntries> entries = fs->List("");
  vfs::SetLogSink(previous);
  ASSERT_TRUE(entries.ok()) << entries.status();
  ASSERT_EQ(entries->size(), 2u);
  EXPECT_EQ((*entries)[0].remote(), "good.txt");  // sorted by the decrypted names
  EXPECT_EQ((*entries)[1].remote(), "gooddir");
  EXPECT_THAT(notices, ::testing::UnorderedElementsAre(
                           "plain-junk: Skipping undecryptable file name: illegal base32 data at "
                           "input byte 5",
                           "junkdir: Skipping undecryptable dir name: not a multiple of blocksize"));
}

TEST_F(CryptFsTest, DuplicatesStayDuplicates) {
  auto fs = Crypt("", /*duplicates=*/true);
  ASSERT_TRUE(fs->features().duplicate_files);
  for (const std::string data : {"first", "second copy"}) {
    vfs::SpanSource in(data);
    vfs::StaticObjectInfo info("same.txt", static_cast<int64_t>(data.size()), absl::Now());
    ASSERT_TRUE(fs->PutUnchecked(in, info, {}).ok());
  }
  absl::StatusOr<vfs::DirEntries> entries = fs->List("");
  ASSERT_TRUE(entries.ok());
  ASSERT_EQ(entries->size(), 2u);
  EXPECT_EQ((*entries)[0].remote(), "same.txt");
  EXPECT_EQ((*entries)[1].remote(), "same.txt");
  EXPECT_EQ((*entries)[0].size() + (*entries)[1].size(), 5 + 11);
  EXPECT_NE((*entries)[0].object()->id(), (*entries)[1].object()->id());
}

TEST_F(CryptFsTest, ARootNamingAFileOpensItsParent) {
  auto fs = Crypt();
  Put(*fs, "dir/file.txt", "hello");
  absl::StatusOr<vfs::NewFsResult> at_file = Open("dir/file.txt");
  ASSERT_TRUE(at_file.ok()) << at_file.status();
  EXPECT_EQ(at_file->file, "file.txt");
  EXPECT_EQ(at_file->fs->Root(), "dir");
  EXPECT_EQ(at_file->fs->ToString(), "Encrypted drive 'secret:dir'");
  absl::StatusOr<vfs::ObjectPtr> obj = at_file->fs->NewObject("file.txt");
  ASSERT_TRUE(obj.ok());
  EXPECT_EQ(*Read(**obj), "hello");
  absl::StatusOr<vfs::NewFsResult> at_dir = Open("dir");
  ASSERT_TRUE(at_dir.ok());
  EXPECT_EQ(at_dir->file, "");
}

TEST_F(CryptFsTest, ErrorsSayPlainNamesAndNoSecret) {
  auto fs = Crypt();
  absl::StatusOr<vfs::ObjectPtr> missing = fs->NewObject("no/such.txt");
  EXPECT_TRUE(vfs::IsObjectNotFound(missing.status()));
  EXPECT_THAT(std::string(missing.status().message()), HasSubstr("no/such.txt"));
  EXPECT_TRUE(vfs::IsDirNotFound(fs->List("nodir").status()));
  EXPECT_THAT(std::string(fs->List("nodir").status().message()), HasSubstr("nodir"));

  absl::StatusOr<vfs::NewFsResult> no_password =
      vfs::Registry::Global().NewFs("crypt", "secret", "", {{"remote", ":memory:x"}});
  EXPECT_THAT(std::string(no_password.status().message()), HasSubstr("password"));
  absl::StatusOr<vfs::NewFsResult> bad_remote = Open(
      "", {{"remote", ":memory,allow_duplicates=maybe,token=SECRETTOKEN:x"}});
  ASSERT_FALSE(bad_remote.ok());
  std::string message(bad_remote.status().message());
  EXPECT_THAT(message, HasSubstr("failed to make remote"));
  EXPECT_THAT(message, Not(HasSubstr("SECRETTOKEN")));
  EXPECT_THAT(message, Not(HasSubstr(kPassword)));
  EXPECT_THAT(std::string(Open("", {{"filename_encoding", "base32768"}}).status().message()),
              HasSubstr("base32768"));
  EXPECT_THAT(std::string(Open("", {{"suffix", "bin"}}).status().message()),
              HasSubstr("should include a '.'"));
}

TEST_F(CryptFsTest, NoHashButServerSideCopyBetweenEqualCiphers) {
  auto fs = Crypt();
  EXPECT_TRUE(fs->features().hashes.empty());
  vfs::ObjectPtr obj = Put(*fs, "a.txt", "abc");
  EXPECT_EQ(vfs::KindOf(obj->Hash(hash::HashType::kWhirlpool).status()),
            vfs::ErrorKind::kHashUnsupported);
  absl::StatusOr<vfs::ObjectPtr> copied = fs->Copy(*obj, "b.txt");
  ASSERT_TRUE(copied.ok()) << copied.status();
  EXPECT_EQ(*Read(**copied), "abc");
  // Another password: the encrypted bytes would not decrypt there.
  absl::StatusOr<vfs::NewFsResult> other = Open("", {{"password", "another"}});
  ASSERT_TRUE(other.ok());
  EXPECT_TRUE(absl::IsUnimplemented(other->fs->Copy(*obj, "c.txt").status()));
}

TEST_F(CryptFsTest, NoDataEncryptionKeepsContentAsIs) {
  absl::StatusOr<vfs::NewFsResult> made = Open("", {{"no_data_encryption", "true"}});
  ASSERT_TRUE(made.ok());
  auto fs = std::dynamic_pointer_cast<CryptFs>(made->fs);
  vfs::ObjectPtr obj = Put(*fs, "a.txt", "visible");
  EXPECT_EQ(obj->size(), 7);
  EXPECT_EQ(*Read(*std::dynamic_pointer_cast<CryptObject>(obj)->underlying()), "visible");
  EXPECT_EQ(*Read(*obj, vfs::OpenOptions::Range(1, 3)), "isi");
}

// With no_data_encryption the stored bytes are the plain ones, so a hash the plain stream
// computes (a verified download being copied) is the stored file's hash too: the wrapped
// remote's upload may reuse it instead of hashing again.
TEST_F(CryptFsTest, NoDataEncryptionPassesTheSourcesHashThrough) {
  absl::StatusOr<vfs::NewFsResult> made = Open("", {{"no_data_encryption", "true"}});
  ASSERT_TRUE(made.ok());
  auto fs = std::dynamic_pointer_cast<CryptFs>(made->fs);
  vfs::StringSource plain("some plain bytes");
  vfs::HashingSource hashed(plain, {hash::HashType::kWhirlpool});
  std::unique_ptr<vfs::Source> stored = fs->EncryptStream(hashed, RandomNonce());
  ASSERT_TRUE(stored->ComputesHash(hash::HashType::kWhirlpool));
  EXPECT_FALSE(stored->ComputesHash(hash::HashType::kMd5));
  absl::StatusOr<std::string> bytes = vfs::ReadAll(*stored, 1 << 20);
  ASSERT_TRUE(bytes.ok());
  EXPECT_EQ(*bytes, "some plain bytes");
  EXPECT_EQ(*stored->StreamHash(hash::HashType::kWhirlpool),
            hash::HexSum(hash::HashType::kWhirlpool, "some plain bytes"));

  // Encrypted data is other bytes: the plain stream's hash must not pass for theirs.
  absl::StatusOr<vfs::NewFsResult> encrypting = Open("", {});
  ASSERT_TRUE(encrypting.ok());
  vfs::StringSource plain2("some plain bytes");
  vfs::HashingSource hashed2(plain2, {hash::HashType::kWhirlpool});
  std::unique_ptr<vfs::Source> sealed =
      std::dynamic_pointer_cast<CryptFs>(encrypting->fs)->EncryptStream(hashed2, RandomNonce());
  EXPECT_FALSE(sealed->ComputesHash(hash::HashType::kWhirlpool));
}

}  // namespace
}  // namespace backend::crypt
