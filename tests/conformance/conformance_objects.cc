// Conformance cases: Put and read back (sizes, errors, unknown sizes), NewObject, and what an
// Object does: hashes, mod times, mime types, Open with seek and ranges, Update, Remove,
// PublicLink, About.
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "hash/whirlpool.h"
#include "tests/conformance/conformance_helpers.h"
#include "vfs/errors.h"
#include "vfs/object_info.h"
#include "vfs/source.h"

namespace conformance {
namespace {

// A Source that gives `good` bytes then fails (rclone's FsPutError reader).
class FailingSource : public vfs::Source {
 public:
  explicit FailingSource(size_t good) : data_(RandomContent(good)), inner_(data_) {}
  absl::StatusOr<size_t> Read(std::span<uint8_t> buffer) override {
    absl::StatusOr<size_t> n = inner_.Read(buffer);
    if (n.ok() && *n == 0 && !buffer.empty()) return absl::DataLossError("potato");
    return n;
  }

 private:
  std::string data_;
  vfs::SpanSource inner_;
};

}  // namespace

// ---- objects ------------------------------------------------------------------------------------

TEST_P(ConformanceTest, FsNewObjectNotFound) {
  absl::StatusOr<vfs::ObjectPtr> a = fs_->NewObject("potato");
  EXPECT_TRUE(vfs::IsObjectNotFound(a.status())) << a.status();
  absl::StatusOr<vfs::ObjectPtr> b = fs_->NewObject("directory/not/found/potato");
  EXPECT_TRUE(vfs::IsObjectNotFound(b.status())) << b.status();
}

TEST_P(ConformanceTest, FsPutError) {
  FailingSource source(5120);
  vfs::StaticObjectInfo info(kFile2, 10240, kTime2);
  absl::StatusOr<vfs::ObjectPtr> put = fs_->Put(source, info);
  EXPECT_FALSE(put.ok());
  absl::StatusOr<vfs::ObjectPtr> after = fs_->NewObject(kFile2);
  EXPECT_TRUE(vfs::IsObjectNotFound(after.status())) << after.status();
}

TEST_P(ConformanceTest, FsPutZeroLength) {
  absl::StatusOr<vfs::ObjectPtr> put = PutString(*fs_, "zero-length-file", "", kTime1);
  if (vfs::IsCantUploadEmptyFiles(put.status())) {
    GTEST_SKIP() << "feature empty files not supported (Put: " << put.status() << ")";
  }
  ASSERT_TRUE(put.ok()) << put.status();
  ExpectMatches(*fs_, **put, "", kTime1);
  ASSERT_OK_AND_ASSIGN(vfs::ObjectPtr found, fs_->NewObject("zero-length-file"));
  ExpectMatches(*fs_, *found, "", kTime1);
  EXPECT_EQ(*ReadObject(*found), "");
  ASSERT_OK(found->Remove());
}

TEST_P(ConformanceTest, PutSizes) {
  for (size_t size : {size_t{0}, size_t{1}, size_t{1024 * 1024 + 1}}) {
    SCOPED_TRACE(absl::StrCat("size ", size));
    std::string remote = absl::StrCat("sizes/", size, ".bin");
    std::string content = RandomContent(size);
    absl::StatusOr<vfs::ObjectPtr> put = PutString(*fs_, remote, content, kTime1);
    if (size == 0 && vfs::IsCantUploadEmptyFiles(put.status())) continue;
    ASSERT_TRUE(put.ok()) << put.status();
    ASSERT_OK_AND_ASSIGN(vfs::ObjectPtr found, fs_->NewObject(remote));
    ExpectMatches(*fs_, *found, content, kTime1);
    ASSERT_OK_AND_ASSIGN(std::string back, ReadObject(*found));
    EXPECT_TRUE(back == content) << "content differs, " << back.size() << " bytes read";
    if (size > 2) {
      int64_t mid = static_cast<int64_t>(size / 2);
      EXPECT_EQ(*ReadObject(*found, vfs::OpenOptions::Range(mid, mid + 1)),
                content.substr(mid, 2));
    }
  }
}

TEST_P(ConformanceTest, FsUploadUnknownSize) {
  std::string content = RandomContent(100);
  absl::StatusOr<vfs::ObjectPtr> put =
      PutString(*fs_, "unknown-size-put.txt", content, kTime1, "", /*known_size=*/false);
  if (put.ok()) {
    EXPECT_EQ(ContentAt(*fs_, "unknown-size-put.txt"), content);
    EXPECT_OK((*put)->Remove());
  }
  ASSERT_OK_AND_ASSIGN(vfs::ObjectPtr o,
                       PutString(*fs_, "unknown-size-update.txt", RandomContent(100), kTime1));
  std::string bigger = RandomContent(200);
  vfs::StringSource source(bigger);
  vfs::StaticObjectInfo info("unknown-size-update.txt", -1, kTime1);
  absl::Status update = o->Update(source, info);
  if (update.ok()) {
    EXPECT_EQ(ContentAt(*fs_, "unknown-size-update.txt"), bigger);
  }
  EXPECT_OK(o->Remove());
}

// ---- objects after FsPutFiles ------------------------------------------------------------------

TEST_P(ConformanceTest, FsNewObject) {
  Files files;
  PUT_FILES(files);
  ASSERT_OK_AND_ASSIGN(vfs::ObjectPtr o, fs_->NewObject(kFile1));
  ExpectMatches(*fs_, *o, files.file1, kTime1);
  EXPECT_EQ(o->fs(), fs_.get());
}

TEST_P(ConformanceTest, FsNewObjectDir) {
  Files files;
  PUT_FILES(files);
  for (std::string dir : {std::string(kFile2Dir), File2Dirs()[0]}) {
    absl::StatusOr<vfs::ObjectPtr> o = fs_->NewObject(dir);
    EXPECT_TRUE(vfs::IsIsDir(o.status()) || vfs::IsObjectNotFound(o.status())) << o.status();
  }
}

TEST_P(ConformanceTest, ObjectBasics) {
  Files files;
  PUT_FILES(files);
  ASSERT_OK_AND_ASSIGN(vfs::ObjectPtr o, fs_->NewObject(kFile1));
  EXPECT_EQ(o->ToString(), kFile1);
  EXPECT_EQ(o->remote(), kFile1);
  EXPECT_EQ(o->fs(), fs_.get());
  EXPECT_EQ(o->size(), 100);
  EXPECT_TRUE(o->storable());
}

TEST_P(ConformanceTest, ObjectHashes) {
  Files files;
  PUT_FILES(files);
  ASSERT_OK_AND_ASSIGN(vfs::ObjectPtr o, fs_->NewObject(kFile1));
  if (fs_->features().hashes.empty()) GTEST_SKIP() << "feature hashes not advertised";
  for (hash::HashType type : fs_->features().hashes.Types()) {
    ASSERT_OK_AND_ASSIGN(std::string sum, o->Hash(type));
    if (type == hash::HashType::kWhirlpool) {
      EXPECT_EQ(sum, hash::WhirlpoolHex(files.file1));
    }
  }
  // A type outside the set is refused, not answered with garbage.
  if (!fs_->features().hashes.Contains(hash::HashType::kWhirlpool)) {
    EXPECT_FALSE(o->Hash(hash::HashType::kWhirlpool).ok());
  }
}

TEST_P(ConformanceTest, ObjectModTime) {
  if (fs_->features().precision == vfs::kModTimeNotSupported) {
    GTEST_SKIP() << "feature mod times not advertised";
  }
  Files files;
  PUT_FILES(files);
  ASSERT_OK_AND_ASSIGN(vfs::ObjectPtr o, fs_->NewObject(kFile2));
  EXPECT_LE(absl::AbsDuration(o->mod_time() - kTime2), fs_->features().precision);
}

TEST_P(ConformanceTest, ObjectMimeType) {
  Files files;
  PUT_FILES(files);
  ASSERT_OK_AND_ASSIGN(vfs::ObjectPtr o, fs_->NewObject(kFile1));
  const vfs::Features& f = fs_->features();
  if (!f.read_mime_type) {
    EXPECT_EQ(o->mime_type(), "");
  } else if (f.write_mime_type) {
    EXPECT_EQ(o->mime_type(), "text/csv");
  } else {
    EXPECT_TRUE(o->mime_type() == "text/plain" || o->mime_type() == "text/plain; charset=utf-8")
        << o->mime_type();
  }
}

TEST_P(ConformanceTest, ObjectSetModTime) {
  Files files;
  PUT_FILES(files);
  ASSERT_OK_AND_ASSIGN(vfs::ObjectPtr o, fs_->NewObject(kFile1));
  absl::Status status = o->SetModTime(kTimeSet);
  if (vfs::IsCantSetModTime(status)) GTEST_SKIP() << "feature SetModTime not supported";
  ASSERT_OK(status);
  absl::Duration precision = fs_->features().precision;
  EXPECT_LE(absl::AbsDuration(o->mod_time() - kTimeSet), precision);
  ASSERT_OK_AND_ASSIGN(vfs::ObjectPtr again, fs_->NewObject(kFile1));
  EXPECT_LE(absl::AbsDuration(again->mod_time() - kTimeSet), precision);
}

TEST_P(ConformanceTest, ObjectOpen) {
  Files files;
  PUT_FILES(files);
  EXPECT_EQ(ContentAt(*fs_, kFile1), files.file1);
}

TEST_P(ConformanceTest, ObjectOpenSeek) {
  Files files;
  PUT_FILES(files);
  ASSERT_OK_AND_ASSIGN(vfs::ObjectPtr o, fs_->NewObject(kFile1));
  EXPECT_EQ(*ReadObject(*o, vfs::OpenOptions::Seek(50)), files.file1.substr(50));
}

TEST_P(ConformanceTest, ObjectOpenRange) {
  Files files;
  PUT_FILES(files);
  ASSERT_OK_AND_ASSIGN(vfs::ObjectPtr o, fs_->NewObject(kFile1));
  struct Case {
    int64_t start, end;
    size_t from, to;
  };
  for (const Case& c : {Case{5, 15, 5, 16}, Case{80, -1, 80, 100}, Case{81, 100000, 81, 100},
                        Case{-1, 20, 80, 100}, Case{0, 0, 0, 1}}) {
    SCOPED_TRACE(absl::StrCat("range ", c.start, "-", c.end));
    ASSERT_OK_AND_ASSIGN(std::string got, ReadObject(*o, vfs::OpenOptions::Range(c.start, c.end)));
    EXPECT_EQ(got, files.file1.substr(c.from, c.to - c.from));
  }
}

TEST_P(ConformanceTest, ObjectPartialRead) {
  Files files;
  PUT_FILES(files);
  ASSERT_OK_AND_ASSIGN(vfs::ObjectPtr o, fs_->NewObject(kFile1));
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<vfs::Source> source, o->Open());
  std::string got(50, '\0');
  size_t filled = 0;
  while (filled < 50) {
    absl::StatusOr<size_t> n = source->Read(std::span<uint8_t>(
        reinterpret_cast<uint8_t*>(got.data()) + filled, 50 - filled));
    ASSERT_TRUE(n.ok()) << n.status();
    ASSERT_GT(*n, 0u) << "early end";
    filled += *n;
  }
  source.reset();  // closing before the end must be fine
  EXPECT_EQ(got, files.file1.substr(0, 50));
}

TEST_P(ConformanceTest, ObjectUpdate) {
  Files files;
  PUT_FILES(files);
  ASSERT_OK_AND_ASSIGN(vfs::ObjectPtr o, fs_->NewObject(kFile1));
  std::string content = RandomContent(200);
  vfs::StringSource source(content);
  vfs::StaticObjectInfo info(kFile1, 200, kTime1);
  ASSERT_OK(o->Update(source, info));
  ExpectMatches(*fs_, *o, content, kTime1);
  ASSERT_OK_AND_ASSIGN(vfs::ObjectPtr again, fs_->NewObject(kFile1));
  ExpectMatches(*fs_, *again, content, kTime1);
  EXPECT_EQ(*ReadObject(*again), content);
  ASSERT_OK_AND_ASSIGN(vfs::DirEntries top, fs_->List(""));
  int count = 0;
  for (const vfs::DirEntry& e : top) count += e.remote() == kFile1;
  EXPECT_EQ(count, 1) << "Update must replace, not add";
}

TEST_P(ConformanceTest, PublicLink) {
  SKIP_UNLESS_FEATURE(public_link, "PublicLink");
  Files files;
  PUT_FILES(files);
  absl::StatusOr<std::string> missing = fs_->PublicLink("missing.txt", absl::ZeroDuration(), false);
  EXPECT_FALSE(missing.ok());
  ASSERT_OK_AND_ASSIGN(std::string l1, fs_->PublicLink(kFile1, absl::ZeroDuration(), false));
  ASSERT_OK_AND_ASSIGN(std::string l2, fs_->PublicLink(kFile2, absl::ZeroDuration(), false));
  EXPECT_FALSE(l1.empty());
  EXPECT_FALSE(l2.empty());
  EXPECT_NE(l1, l2);
  ASSERT_OK_AND_ASSIGN(std::string l1_again, fs_->PublicLink(kFile1, absl::ZeroDuration(), false));
  EXPECT_FALSE(l1_again.empty());
}

TEST_P(ConformanceTest, ObjectRemove) {
  Files files;
  PUT_FILES(files);
  ASSERT_OK_AND_ASSIGN(vfs::ObjectPtr o, fs_->NewObject(kFile1));
  ASSERT_OK(o->Remove());
  ASSERT_OK_AND_ASSIGN(std::vector<std::string> walked, WalkDescribe(*fs_, ""));
  EXPECT_EQ(walked, Expected(*fs_, {{kFile2, 100}}, File2Dirs()));
  EXPECT_TRUE(vfs::IsObjectNotFound(fs_->NewObject(kFile1).status()));
  absl::Status twice = o->Remove();
  EXPECT_TRUE(vfs::IsObjectNotFound(twice)) << twice;
  EXPECT_FALSE(ReadObject(*o).ok()) << "reading a removed object must fail";
}

TEST_P(ConformanceTest, ObjectAbout) {
  SKIP_UNLESS_FEATURE(about, "About");
  ASSERT_OK_AND_ASSIGN(vfs::Usage usage, fs_->About());
  EXPECT_TRUE(usage.total.has_value());
}

}  // namespace conformance
