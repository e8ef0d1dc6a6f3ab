#include "tests/conformance/conformance_suite.h"

#include <algorithm>
#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "hash/whirlpool.h"
#include "vfs/errors.h"
#include "vfs/object_info.h"
#include "vfs/path.h"
#include "vfs/source.h"
#include "vfs/walk.h"

namespace conformance {
namespace {

#define CONF_CONCAT_INNER(a, b) a##b
#define CONF_CONCAT(a, b) CONF_CONCAT_INNER(a, b)
#define ASSERT_OK(expr)                            \
  do {                                             \
    const absl::Status conf_status_ = (expr);      \
    ASSERT_TRUE(conf_status_.ok()) << conf_status_; \
  } while (0)
#define EXPECT_OK(expr)                            \
  do {                                             \
    const absl::Status conf_status_ = (expr);      \
    EXPECT_TRUE(conf_status_.ok()) << conf_status_; \
  } while (0)
#define ASSERT_OK_AND_ASSIGN(lhs, expr) \
  ASSERT_OK_AND_ASSIGN_IMPL(CONF_CONCAT(conf_result_, __LINE__), lhs, expr)
#define ASSERT_OK_AND_ASSIGN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                              \
  ASSERT_TRUE(tmp.ok()) << tmp.status();          \
  lhs = *std::move(tmp)

absl::Time At(const char* rfc3339) {
  absl::Time t;
  std::string err;
  if (!absl::ParseTime(absl::RFC3339_full, rfc3339, &t, &err)) std::abort();
  return t;
}

const absl::Time kTime1 = At("2001-02-03T04:05:06.499999999Z");
const absl::Time kTime2 = At("2001-02-03T04:05:10.123123123Z");
const absl::Time kTimeSet = At("2011-12-13T14:15:16.999999999Z");
constexpr char kFile1[] = "file name.txt";
constexpr char kFile2[] = "hello? sausage/êé/Hello, 世界/ \" ' @ < > & ? + ≠/z.txt";
constexpr char kFile2Dir[] = "hello? sausage/êé/Hello, 世界/ \" ' @ < > & ? + ≠";

std::string RandomContent(size_t n) {
  static std::atomic<uint64_t> seed{std::random_device{}()};
  std::mt19937_64 rng(seed.fetch_add(0x9e3779b97f4a7c15ULL));
  std::string out(n, '\0');
  for (char& c : out) c = static_cast<char>('a' + rng() % 26);
  return out;
}

std::string RandomLeaf() {
  static constexpr char kAlphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  std::random_device rd;
  std::mt19937 rng(rd());
  std::string out = "rclone-test-";
  for (int i = 0; i < 24; ++i) out.push_back(kAlphabet[rng() % 36]);
  return out;
}

// rclone's Standard encoding of a real name (Slash, Ctl, Del, Dot and NUL), for the FsEncoding
// names; kept independent from encoding/ on purpose.
std::string StandardEncode(std::string_view real) {
  if (real == ".") return "\xef\xbc\x8e";
  if (real == "..") return "\xef\xbc\x8e\xef\xbc\x8e";
  std::string out;
  for (char c : real) {
    auto b = static_cast<unsigned char>(c);
    if (b < 0x20) {
      out += "\xe2\x90";
      out.push_back(static_cast<char>(0x80 + b));
    } else if (b == 0x7f) {
      out += "\xe2\x90\xa1";
    } else if (b == '/') {
      out += "\xef\xbc\x8f";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

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

absl::StatusOr<vfs::ObjectPtr> PutString(vfs::Fs& fs, const std::string& remote,
                                         const std::string& content, absl::Time mod_time,
                                         const std::string& mime_type = "", bool known_size = true) {
  vfs::StringSource source(content);
  vfs::StaticObjectInfo info(remote, known_size ? static_cast<int64_t>(content.size()) : -1,
                             mod_time);
  return fs.Put(source, info, vfs::PutOptions{mime_type});
}

absl::StatusOr<std::string> ReadObject(vfs::Object& object, const vfs::OpenOptions& options = {}) {
  absl::StatusOr<std::unique_ptr<vfs::Source>> source = object.Open(options);
  if (!source.ok()) return source.status();
  return vfs::ReadAll(**source);
}

// The content of the object at `remote`, found through a fresh NewObject; a failed lookup or read
// gives its error instead (so a test compares, and never dereferences a failed read).
std::string ContentAt(vfs::Fs& fs, const std::string& remote) {
  absl::StatusOr<vfs::ObjectPtr> object = fs.NewObject(remote);
  if (!object.ok()) return "NewObject(" + remote + ") failed: " + object.status().ToString();
  absl::StatusOr<std::string> content = ReadObject(**object);
  return content.ok() ? *std::move(content)
                      : "reading " + remote + " failed: " + content.status().ToString();
}

// Sorted "path (size)" for objects and "path/" for directories, like rclone's listing checks.
std::vector<std::string> Describe(const vfs::DirEntries& entries) {
  std::vector<std::string> out;
  for (const vfs::DirEntry& e : entries) {
    out.push_back(e.is_dir() ? e.remote() + "/" : absl::StrCat(e.remote(), " (", e.size(), ")"));
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> Sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

// Every directory on the way to `path` ("a/b/c" -> a, a/b).
std::vector<std::string> ParentsOf(std::string_view path) {
  std::vector<std::string> out;
  std::string_view dir = vfs::ParentDir(path);
  while (!dir.empty()) {
    out.push_back(std::string(dir));
    dir = vfs::ParentDir(dir);
  }
  return out;
}

}  // namespace

std::string TargetName(const ::testing::TestParamInfo<Target>& info) { return info.param.name; }

// ---- fixture ----------------------------------------------------------------------------------

namespace {

struct TargetState {
  absl::Mutex mu;
  std::map<std::string, std::shared_ptr<Target>> ready;  // by name, after set_up
  std::map<std::string, absl::Status> failed;
  std::vector<std::function<void()>> tear_downs;
  ~TargetState() {
    for (auto& f : tear_downs) f();
  }
};

TargetState& State() {
  static TargetState state;
  return state;
}

}  // namespace

const Target& ConformanceTest::target() const {
  TargetState& state = State();
  absl::MutexLock lock(&state.mu);
  return *state.ready.at(GetParam().name);
}

void ConformanceTest::SetUp() {
  TargetState& state = State();
  {
    absl::MutexLock lock(&state.mu);
    const std::string& name = GetParam().name;
    if (auto f = state.failed.find(name); f != state.failed.end()) {
      FAIL() << "set_up of target " << name << " failed: " << f->second;
    }
    if (!state.ready.contains(name)) {
      auto target = std::make_shared<Target>(GetParam());
      if (target->set_up) {
        absl::Status status = target->set_up(*target);
        if (!status.ok()) {
          state.failed.emplace(name, status);
          FAIL() << "set_up of target " << name << " failed: " << status;
        }
        if (target->tear_down) {
          state.tear_downs.push_back([target] { target->tear_down(*target); });
        }
      }
      state.ready.emplace(name, target);
    }
  }
  leaf_ = RandomLeaf();
  root_ = vfs::JoinPath(target().base_root, leaf_);
  vfs::NewFsResult result = NewFsAt(root_);
  ASSERT_NE(result.fs, nullptr);
  ASSERT_FALSE(result.is_file()) << "a fresh random root must not be a file";
  fs_ = result.fs;
  ASSERT_OK(fs_->Mkdir(""));
}

void ConformanceTest::TearDown() {
  if (fs_ == nullptr) return;
  if (fs_->features().purge) {
    (void)fs_->Purge("");
    return;
  }
  absl::StatusOr<vfs::DirEntries> all = vfs::Walk(*fs_, "");
  if (!all.ok()) return;
  std::vector<std::string> dirs;
  for (const vfs::DirEntry& e : *all) {
    if (e.is_object()) {
      (void)e.object()->Remove();
    } else {
      dirs.push_back(e.remote());
    }
  }
  // Deepest first.
  std::sort(dirs.begin(), dirs.end(), [](const std::string& a, const std::string& b) {
    return a.size() > b.size();
  });
  for (const std::string& d : dirs) (void)fs_->Rmdir(d);
  (void)fs_->Rmdir("");
}

vfs::NewFsResult ConformanceTest::NewFsAt(const std::string& root) {
  absl::StatusOr<vfs::NewFsResult> result = target().new_fs(root);
  EXPECT_TRUE(result.ok()) << "NewFs(" << root << "): " << result.status();
  if (!result.ok()) return {};
  return *std::move(result);
}

// ---- helpers bound to a fixture -----------------------------------------------------------------

namespace {

// Checks an object against the content it should hold (rclone's "item checks").
void ExpectMatches(const vfs::Fs& fs, const vfs::Object& object, const std::string& content,
                   absl::Time mod_time) {
  EXPECT_EQ(object.size(), static_cast<int64_t>(content.size())) << object.remote();
  for (hash::HashType type : fs.features().hashes.Types()) {
    absl::StatusOr<std::string> got = object.Hash(type);
    ASSERT_TRUE(got.ok()) << object.remote() << ": " << got.status();
    if (got->empty()) continue;  // "not available for this object" counts as equal
    if (type == hash::HashType::kWhirlpool) {
      EXPECT_EQ(*got, hash::WhirlpoolHex(content)) << object.remote();
    }
  }
  absl::Duration precision = fs.features().precision;
  if (precision != vfs::kModTimeNotSupported) {
    EXPECT_LE(absl::AbsDuration(object.mod_time() - mod_time), precision)
        << object.remote() << ": mod time " << object.mod_time() << " want " << mod_time;
  }
}

// Listing expectation: objects (path -> size) and directories; with can_have_empty_dirs false,
// directories with no expected object below them are dropped (rclone does the same).
std::vector<std::string> Expected(const vfs::Fs& fs, const std::map<std::string, int64_t>& objects,
                                  const std::vector<std::string>& dirs) {
  std::vector<std::string> out;
  for (const auto& [path, size] : objects) out.push_back(absl::StrCat(path, " (", size, ")"));
  for (const std::string& d : dirs) {
    bool keep = fs.features().can_have_empty_dirs;
    for (const auto& [path, size] : objects) keep = keep || vfs::IsUnder(path, d);
    if (keep) out.push_back(d + "/");
  }
  std::sort(out.begin(), out.end());
  return out;
}

absl::StatusOr<std::vector<std::string>> WalkDescribe(vfs::Fs& fs, std::string_view dir,
                                                      int depth = -1, bool list_r = false) {
  absl::StatusOr<vfs::DirEntries> entries =
      vfs::Walk(fs, dir, vfs::WalkOptions{.max_depth = depth, .use_list_r = list_r});
  if (!entries.ok()) return entries.status();
  return Describe(*entries);
}

}  // namespace

namespace {

struct Files {
  std::string file1;
  std::string file2;
};

}  // namespace

// Skips the test unless the Fs advertises `feature` (`name`: the feature as rclone calls it).
#define SKIP_UNLESS_FEATURE(feature, name)                                           \
  do {                                                                               \
    if (!fs_->features().feature) GTEST_SKIP() << "feature " name " not advertised"; \
  } while (false)

// Puts file1, file2 and file1 again (text/csv), checking each right after Put and through a fresh
// NewObject, as rclone's FsPutFiles does.
#define PUT_FILES(files) ASSERT_NO_FATAL_FAILURE(PutFiles(*fs_, &(files)))
static void PutFiles(vfs::Fs& fs, Files* files) {
  files->file1 = RandomContent(100);
  files->file2 = RandomContent(100);
  {
    ASSERT_OK_AND_ASSIGN(vfs::ObjectPtr o, PutString(fs, kFile1, files->file1, kTime1));
    ExpectMatches(fs, *o, files->file1, kTime1);
  }
  {
    ASSERT_OK_AND_ASSIGN(vfs::ObjectPtr o, PutString(fs, kFile2, files->file2, kTime2));
    ExpectMatches(fs, *o, files->file2, kTime2);
    ASSERT_OK_AND_ASSIGN(vfs::ObjectPtr again, fs.NewObject(kFile2));
    ExpectMatches(fs, *again, files->file2, kTime2);
  }
  files->file1 = RandomContent(100);
  {
    ASSERT_OK_AND_ASSIGN(vfs::ObjectPtr o,
                         PutString(fs, kFile1, files->file1, kTime1, "text/csv"));
    ExpectMatches(fs, *o, files->file1, kTime1);
    ASSERT_OK_AND_ASSIGN(vfs::ObjectPtr again, fs.NewObject(kFile1));
    ExpectMatches(fs, *again, files->file1, kTime1);
  }
}

static std::vector<std::string> File2Dirs() {
  std::vector<std::string> dirs = ParentsOf(kFile2);
  std::sort(dirs.begin(), dirs.end());
  return dirs;
}

// ---- Info ---------------------------------------------------------------------------------------

TEST_P(ConformanceTest, FsString) { EXPECT_FALSE(fs_->ToString().empty()); }

TEST_P(ConformanceTest, FsName) { EXPECT_FALSE(fs_->Name().empty()); }

TEST_P(ConformanceTest, FsRoot) {
  // The root as given, minus leading/trailing slashes.
  std::string want = root_;
  while (!want.empty() && want.front() == '/') want.erase(0, 1);
  std::string got = fs_->Root();
  while (!got.empty() && got.front() == '/') got.erase(0, 1);
  EXPECT_EQ(got, want);
}

TEST_P(ConformanceTest, FsPrecision) {
  absl::Duration p = fs_->features().precision;
  if (p == vfs::kModTimeNotSupported) GTEST_SKIP() << "feature mod times not advertised";
  EXPECT_GT(p, absl::ZeroDuration());
  EXPECT_LE(p, absl::Seconds(1));
}

// ---- directories --------------------------------------------------------------------------------

TEST_P(ConformanceTest, FsRmdirNotFound) {
  vfs::NewFsResult other = NewFsAt(vfs::JoinPath(target().base_root, RandomLeaf()));
  ASSERT_NE(other.fs, nullptr);
  absl::Status status = other.fs->Rmdir("");
  EXPECT_FALSE(status.ok());
  EXPECT_TRUE(vfs::IsDirNotFound(status)) << status;
}

TEST_P(ConformanceTest, FsRmdirEmpty) {
  ASSERT_OK(fs_->Rmdir(""));
  absl::StatusOr<vfs::DirEntries> listing = fs_->List("");
  if (fs_->features().can_have_empty_dirs) {
    EXPECT_TRUE(vfs::IsDirNotFound(listing.status())) << listing.status();
  } else {
    EXPECT_TRUE(vfs::IsDirNotFound(listing.status()) || (listing.ok() && listing->empty()));
  }
}

TEST_P(ConformanceTest, FsMkdir) {
  ASSERT_OK(fs_->Mkdir(""));
  ASSERT_OK(fs_->Mkdir(""));
  ASSERT_OK_AND_ASSIGN(vfs::DirEntries entries, fs_->List(""));
  EXPECT_TRUE(entries.empty());
}

TEST_P(ConformanceTest, FsMkdirRmdirSubdir) {
  ASSERT_OK(fs_->Mkdir("dir/subdir"));
  if (fs_->features().can_have_empty_dirs) {
    ASSERT_OK_AND_ASSIGN(std::vector<std::string> all, WalkDescribe(*fs_, ""));
    EXPECT_EQ(all, (std::vector<std::string>{"dir/", "dir/subdir/"}));
  }
  ASSERT_OK(fs_->Rmdir("dir/subdir"));
  ASSERT_OK(fs_->Rmdir("dir"));
  ASSERT_OK_AND_ASSIGN(std::vector<std::string> after, WalkDescribe(*fs_, ""));
  EXPECT_TRUE(after.empty());
}

TEST_P(ConformanceTest, FsListEmpty) {
  ASSERT_OK_AND_ASSIGN(vfs::DirEntries entries, fs_->List(""));
  EXPECT_TRUE(entries.empty());
  if (fs_->features().list_r) {
    ASSERT_OK_AND_ASSIGN(std::vector<std::string> r, WalkDescribe(*fs_, "", -1, true));
    EXPECT_TRUE(r.empty());
  }
}

TEST_P(ConformanceTest, FsListDirNotFound) {
  absl::StatusOr<vfs::DirEntries> entries = fs_->List("does not exist");
  if (fs_->features().can_have_empty_dirs) {
    EXPECT_TRUE(vfs::IsDirNotFound(entries.status())) << entries.status();
  } else {
    EXPECT_TRUE(vfs::IsDirNotFound(entries.status()) || (entries.ok() && entries->empty()));
  }
  if (fs_->features().list_r) {
    absl::Status status = fs_->ListR("does not exist", [](vfs::DirEntries) {
      return absl::OkStatus();
    });
    EXPECT_TRUE(vfs::IsDirNotFound(status)) << status;
  }
}

TEST_P(ConformanceTest, RmdirErrorKinds) {
  EXPECT_TRUE(vfs::IsDirNotFound(fs_->Rmdir("missing"))) << fs_->Rmdir("missing");
  ASSERT_OK_AND_ASSIGN(vfs::ObjectPtr o, PutString(*fs_, "full/file.txt", "x", kTime1));
  absl::Status status = fs_->Rmdir("full");
  EXPECT_TRUE(vfs::IsDirNotEmpty(status)) << status;
  ASSERT_OK(o->Remove());
  EXPECT_OK(fs_->Rmdir("full"));
}

TEST_P(ConformanceTest, EmptyDirectories) {
  if (!fs_->features().can_have_empty_dirs) {
    GTEST_SKIP() << "feature can_have_empty_dirs not advertised";
  }
  ASSERT_OK(fs_->Mkdir("empty"));
  ASSERT_OK(fs_->Mkdir("parent/empty child"));
  ASSERT_OK_AND_ASSIGN(std::vector<std::string> all, WalkDescribe(*fs_, ""));
  EXPECT_EQ(all, (std::vector<std::string>{"empty/", "parent/", "parent/empty child/"}));
  ASSERT_OK_AND_ASSIGN(vfs::DirEntries inside, fs_->List("empty"));
  EXPECT_TRUE(inside.empty());
  EXPECT_TRUE(vfs::IsDirNotEmpty(fs_->Rmdir("parent")));
}

// ---- names --------------------------------------------------------------------------------------

TEST_P(ConformanceTest, FsEncoding) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"control chars", std::string("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d"
                                    "\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b"
                                    "\x1c\x1d\x1e\x1f\x7f",
                                    33)},
      {"dot", "."},
      {"dot dot", ".."},
      {"punctuation", "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"},
      {"leading space", " leading space"},
      {"leading tilde", "~leading tilde"},
      {"leading CR", "\rleading CR"},
      {"leading LF", "\nleading LF"},
      {"leading HT", "\tleading HT"},
      {"leading VT", "\vleading VT"},
      {"leading dot", ".leading dot"},
      {"trailing space", "trailing space "},
      {"trailing CR", "trailing CR\r"},
      {"trailing LF", "trailing LF\n"},
      {"trailing HT", "trailing HT\t"},
      {"trailing VT", "trailing VT\v"},
      {"trailing dot", "trailing dot."},
      {"invalid UTF-8", "invalid utf-8\xfe"},
      {"URL encoding", "test%46.txt"},
  };
  for (const auto& [label, real] : cases) {
    SCOPED_TRACE(label);
    if (label == "invalid UTF-8" && target().skip_invalid_utf8) continue;
    std::string name = StandardEncode(real);
    std::string file = name + "/" + name;
    ASSERT_OK(fs_->Mkdir(name));
    std::string content = RandomContent(100);
    ASSERT_OK_AND_ASSIGN(vfs::ObjectPtr o, PutString(*fs_, file, content, kTime1));
    EXPECT_EQ(o->remote(), file);
    ASSERT_OK_AND_ASSIGN(std::vector<std::string> all, WalkDescribe(*fs_, ""));
    EXPECT_EQ(all, Expected(*fs_, {{file, 100}}, {name}));
    ASSERT_OK_AND_ASSIGN(vfs::ObjectPtr found, fs_->NewObject(file));
    EXPECT_EQ(*ReadObject(*found), content);
    ASSERT_OK(found->Remove());
    ASSERT_OK(fs_->Rmdir(name));
    ASSERT_OK_AND_ASSIGN(std::vector<std::string> after, WalkDescribe(*fs_, ""));
    EXPECT_TRUE(after.empty());
  }
}

// Names with the characters backends commonly have to encode (1fichier's mask and Windows'), in
// canonical standard form: each must come back exactly.
TEST_P(ConformanceTest, EncodedAndUnicodeNames) {
  const std::vector<std::string> names = {
      "a<b>c\"d'e`f$g\\h|i*j?k:l#m%n[o]p;q!r&s~t+u",
      " lead and trail ",
      "\xef\xbc\x9c fullwidth \xef\xbc\x9e",  // ＜ fullwidth ＞ (real fullwidth characters)
      "quote \xe2\x80\x9b\xe2\x80\x9b char",   // a real U+201B, which standard form doubles
      "\xe2\x90\xa0 symbol space",            // ␠ as a real character
      "日本語 😀 café",
      "cafe\xcc\x81 nfd",
      "~tilde.",
  };
  std::map<std::string, int64_t> want;
  for (size_t i = 0; i < names.size(); ++i) {
    SCOPED_TRACE(names[i]);
    std::string remote = "names/" + names[i];
    std::string content = RandomContent(i + 1);
    ASSERT_OK_AND_ASSIGN(vfs::ObjectPtr o, PutString(*fs_, remote, content, kTime1));
    EXPECT_EQ(o->remote(), remote);
    EXPECT_EQ(ContentAt(*fs_, remote), content);
    want[remote] = static_cast<int64_t>(content.size());
  }
  ASSERT_OK_AND_ASSIGN(vfs::DirEntries entries, fs_->List("names"));
  EXPECT_EQ(Describe(entries), Expected(*fs_, want, {}));
}

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

// ---- the FsPutFiles family ---------------------------------------------------------------------

TEST_P(ConformanceTest, FsListDirFile2) {
  Files files;
  PUT_FILES(files);
  // Every level of file2's path shows exactly the next directory (file1 at the root).
  std::vector<std::string> dirs = File2Dirs();  // sorted: shortest first
  ASSERT_OK_AND_ASSIGN(vfs::DirEntries top, fs_->List(""));
  EXPECT_EQ(Describe(top), Sorted({"file name.txt (100)", dirs[0] + "/"}));
  for (size_t i = 0; i < dirs.size(); ++i) {
    ASSERT_OK_AND_ASSIGN(vfs::DirEntries level, fs_->List(dirs[i]));
    std::string want = i + 1 < dirs.size() ? dirs[i + 1] + "/" : std::string(kFile2) + " (100)";
    EXPECT_EQ(Describe(level), std::vector<std::string>{want}) << dirs[i];
  }
}

TEST_P(ConformanceTest, FsListR) {
  Files files;
  PUT_FILES(files);
  std::vector<std::string> want = Expected(*fs_, {{kFile1, 100}, {kFile2, 100}}, File2Dirs());
  ASSERT_OK_AND_ASSIGN(std::vector<std::string> walked, WalkDescribe(*fs_, ""));
  EXPECT_EQ(walked, want);
  SKIP_UNLESS_FEATURE(list_r, "ListR");
  ASSERT_OK_AND_ASSIGN(std::vector<std::string> listed_r, WalkDescribe(*fs_, "", -1, true));
  EXPECT_EQ(listed_r, want);
}

TEST_P(ConformanceTest, FsListRSubdir) {
  Files files;
  PUT_FILES(files);
  std::vector<std::string> dirs = File2Dirs();
  std::vector<std::string> want = Expected(*fs_, {{kFile2, 100}}, {dirs[1], dirs[2], dirs[3]});
  ASSERT_OK_AND_ASSIGN(std::vector<std::string> walked, WalkDescribe(*fs_, dirs[0]));
  EXPECT_EQ(walked, want);
  if (fs_->features().list_r) {
    ASSERT_OK_AND_ASSIGN(std::vector<std::string> r, WalkDescribe(*fs_, dirs[0], -1, true));
    EXPECT_EQ(r, want);
  }
}

TEST_P(ConformanceTest, FsListSubdir) {
  Files files;
  PUT_FILES(files);
  ASSERT_OK_AND_ASSIGN(std::vector<std::string> walked, WalkDescribe(*fs_, kFile2Dir));
  EXPECT_EQ(walked, std::vector<std::string>{std::string(kFile2) + " (100)"});
}

TEST_P(ConformanceTest, FsListLevel2) {
  Files files;
  PUT_FILES(files);
  std::vector<std::string> dirs = File2Dirs();
  ASSERT_OK_AND_ASSIGN(std::vector<std::string> walked, WalkDescribe(*fs_, "", 2));
  EXPECT_EQ(walked, Sorted({"file name.txt (100)", dirs[0] + "/", dirs[1] + "/"}));
}

TEST_P(ConformanceTest, FsListDirRoot) {
  vfs::NewFsResult parent = NewFsAt(target().base_root);
  ASSERT_NE(parent.fs, nullptr);
  ASSERT_OK_AND_ASSIGN(vfs::DirEntries entries, parent.fs->List(""));
  bool found = false;
  for (const vfs::DirEntry& e : entries) found = found || (e.is_dir() && e.remote() == leaf_);
  EXPECT_TRUE(found) << "the parent of the test dir does not list " << leaf_;
}

TEST_P(ConformanceTest, FsListFile1and2) {
  Files files;
  PUT_FILES(files);
  // The third Put of file1 replaced it: no duplicate, even on a duplicate-capable backend.
  ASSERT_OK_AND_ASSIGN(std::vector<std::string> walked, WalkDescribe(*fs_, ""));
  EXPECT_EQ(walked, Expected(*fs_, {{kFile1, 100}, {kFile2, 100}}, File2Dirs()));
}

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

TEST_P(ConformanceTest, FsPurge) {
  SKIP_UNLESS_FEATURE(purge, "Purge");
  Files files;
  PUT_FILES(files);
  ASSERT_OK_AND_ASSIGN(vfs::ObjectPtr o, PutString(*fs_, "dirToPurge/fileToPurge.txt",
                                                   RandomContent(100), kTime1));
  ASSERT_OK(fs_->Purge("dirToPurge"));
  ASSERT_OK_AND_ASSIGN(std::vector<std::string> walked, WalkDescribe(*fs_, ""));
  EXPECT_EQ(walked, Expected(*fs_, {{kFile1, 100}, {kFile2, 100}}, File2Dirs()));
  EXPECT_TRUE(vfs::IsDirNotFound(fs_->Purge("dirToPurge")));
}

TEST_P(ConformanceTest, FsCopy) {
  SKIP_UNLESS_FEATURE(copy, "Copy");
  Files files;
  PUT_FILES(files);
  ASSERT_OK_AND_ASSIGN(vfs::ObjectPtr src, fs_->NewObject(kFile2));
  std::string copy_name = std::string(kFile2) + "-copy";
  ASSERT_OK_AND_ASSIGN(vfs::ObjectPtr dst, fs_->Copy(*src, copy_name));
  EXPECT_EQ(dst->remote(), copy_name);
  ExpectMatches(*fs_, *dst, files.file2, kTime2);
  EXPECT_EQ(*ReadObject(*dst), files.file2);
  ASSERT_OK_AND_ASSIGN(std::vector<std::string> walked, WalkDescribe(*fs_, ""));
  EXPECT_EQ(walked, Expected(*fs_, {{kFile1, 100}, {kFile2, 100}, {copy_name, 100}},
                             File2Dirs()));
  ASSERT_OK(dst->Remove());
  // The source is untouched.
  EXPECT_EQ(ContentAt(*fs_, kFile2), files.file2);
}

TEST_P(ConformanceTest, FsMove) {
  SKIP_UNLESS_FEATURE(move, "Move");
  Files files;
  PUT_FILES(files);
  std::vector<std::string> dirs = File2Dirs();
  auto move = [&](const std::string& from, const std::string& to) -> vfs::ObjectPtr {
    absl::StatusOr<vfs::ObjectPtr> src = fs_->NewObject(from);
    EXPECT_TRUE(src.ok()) << from << ": " << src.status();
    if (!src.ok()) return nullptr;
    absl::StatusOr<vfs::ObjectPtr> dst = fs_->Move(**src, to);
    EXPECT_TRUE(dst.ok()) << from << " -> " << to << ": " << dst.status();
    if (!dst.ok()) return nullptr;
    EXPECT_EQ((*dst)->remote(), to);
    EXPECT_TRUE(vfs::IsObjectNotFound(fs_->NewObject(from).status())) << from << " still there";
    return *dst;
  };
  vfs::ObjectPtr moved = move(kFile2, "other.txt");
  ASSERT_NE(moved, nullptr);
  EXPECT_EQ(*ReadObject(*moved), files.file2);
  ASSERT_OK_AND_ASSIGN(std::vector<std::string> l1, WalkDescribe(*fs_, ""));
  EXPECT_EQ(l1, Expected(*fs_, {{kFile1, 100}, {"other.txt", 100}}, dirs));
  // Rename and move at once, onto a name that exists in another directory.
  ASSERT_NE(move(kFile1, "moveTest/other.txt"), nullptr);
  ASSERT_OK_AND_ASSIGN(std::vector<std::string> l2, WalkDescribe(*fs_, ""));
  std::vector<std::string> dirs2 = dirs;
  dirs2.push_back("moveTest");
  EXPECT_EQ(l2, Expected(*fs_, {{"other.txt", 100}, {"moveTest/other.txt", 100}}, dirs2));
  ASSERT_NE(move("moveTest/other.txt", kFile1), nullptr);
  ASSERT_NE(move("other.txt", kFile2), nullptr);
  ASSERT_OK(fs_->Rmdir("moveTest"));
  ASSERT_OK_AND_ASSIGN(std::vector<std::string> l3, WalkDescribe(*fs_, ""));
  EXPECT_EQ(l3, Expected(*fs_, {{kFile1, 100}, {kFile2, 100}}, dirs));
  EXPECT_EQ(ContentAt(*fs_, kFile1), files.file1);
}

TEST_P(ConformanceTest, FsDirMove) {
  SKIP_UNLESS_FEATURE(dir_move, "DirMove");
  Files files;
  PUT_FILES(files);
  absl::Status onto_itself = fs_->DirMove(*fs_, "", "");
  EXPECT_TRUE(vfs::IsDirExists(onto_itself)) << onto_itself;
  std::string other_root = vfs::JoinPath(target().base_root, RandomLeaf());
  vfs::NewFsResult other = NewFsAt(other_root);
  ASSERT_NE(other.fs, nullptr);
  ASSERT_OK(other.fs->DirMove(*fs_, "", "new_name/sub_new_name"));
  EXPECT_TRUE(vfs::IsDirNotFound(fs_->List("").status()));
  std::vector<std::string> moved_dirs = {"new_name", "new_name/sub_new_name"};
  for (const std::string& d : File2Dirs()) moved_dirs.push_back("new_name/sub_new_name/" + d);
  ASSERT_OK_AND_ASSIGN(std::vector<std::string> there, WalkDescribe(*other.fs, ""));
  EXPECT_EQ(there, Expected(*other.fs,
                            {{std::string("new_name/sub_new_name/") + kFile1, 100},
                             {std::string("new_name/sub_new_name/") + kFile2, 100}},
                            moved_dirs));
  // And back.
  ASSERT_OK(fs_->DirMove(*other.fs, "new_name/sub_new_name", ""));
  ASSERT_OK_AND_ASSIGN(std::vector<std::string> back, WalkDescribe(*fs_, ""));
  EXPECT_EQ(back, Expected(*fs_, {{kFile1, 100}, {kFile2, 100}}, File2Dirs()));
  EXPECT_EQ(ContentAt(*fs_, kFile2), files.file2);
  if (other.fs->features().purge) (void)other.fs->Purge("");
  (void)other.fs->Rmdir("new_name");
  (void)other.fs->Rmdir("");
}

TEST_P(ConformanceTest, FsRmdirFull) {
  Files files;
  PUT_FILES(files);
  absl::Status status = fs_->Rmdir("");
  EXPECT_FALSE(status.ok());
  EXPECT_TRUE(vfs::IsDirNotEmpty(status)) << status;
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

TEST_P(ConformanceTest, FsIsFile) {
  Files files;
  PUT_FILES(files);
  vfs::NewFsResult r = NewFsAt(vfs::JoinPath(root_, kFile2));
  ASSERT_NE(r.fs, nullptr);
  EXPECT_TRUE(r.is_file());
  EXPECT_EQ(r.file, "z.txt");
  ASSERT_OK_AND_ASSIGN(vfs::DirEntries entries, r.fs->List(""));
  EXPECT_EQ(Describe(entries), std::vector<std::string>{"z.txt (100)"});
}

TEST_P(ConformanceTest, FsIsFileNotFound) {
  Files files;
  PUT_FILES(files);
  vfs::NewFsResult r = NewFsAt(vfs::JoinPath(root_, "not found.txt"));
  ASSERT_NE(r.fs, nullptr);
  EXPECT_FALSE(r.is_file());
  absl::StatusOr<vfs::DirEntries> entries = r.fs->List("");
  EXPECT_TRUE(vfs::IsDirNotFound(entries.status()) || (entries.ok() && entries->empty()));
}

TEST_P(ConformanceTest, FromRoot) {
  Files files;
  PUT_FILES(files);
  vfs::NewFsResult r = NewFsAt(target().base_root);
  ASSERT_NE(r.fs, nullptr);
  vfs::Fs& from_root = *r.fs;
  std::string top_dir = File2Dirs()[0];
  ASSERT_OK_AND_ASSIGN(vfs::DirEntries entries, from_root.List(leaf_));
  EXPECT_EQ(Describe(entries), Sorted({leaf_ + "/file name.txt (100)", leaf_ + "/" + top_dir + "/"}));
  ASSERT_OK_AND_ASSIGN(vfs::ObjectPtr o, from_root.NewObject(leaf_ + "/" + kFile2));
  EXPECT_EQ(*ReadObject(*o), files.file2);
  if (from_root.features().list_r) {
    ASSERT_OK_AND_ASSIGN(std::vector<std::string> r_list, WalkDescribe(from_root, leaf_, -1, true));
    EXPECT_NE(std::find(r_list.begin(), r_list.end(), leaf_ + "/" + kFile2 + " (100)"),
              r_list.end());
  }
  std::string created = leaf_ + "/created from root.txt";
  ASSERT_OK_AND_ASSIGN(vfs::ObjectPtr c,
                       PutString(from_root, created, RandomContent(100), absl::Now()));
  ASSERT_OK_AND_ASSIGN(vfs::ObjectPtr seen, fs_->NewObject("created from root.txt"));
  EXPECT_EQ(seen->size(), 100);
  ASSERT_OK(c->Remove());
  EXPECT_TRUE(vfs::IsObjectNotFound(fs_->NewObject("created from root.txt").status()));
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

TEST_P(ConformanceTest, FsRootCollapse) {
  vfs::NewFsResult deep = NewFsAt(vfs::JoinPath(root_, "deeper/nonexisting/directory"));
  ASSERT_NE(deep.fs, nullptr);
  ASSERT_OK_AND_ASSIGN(vfs::ObjectPtr o, PutString(*fs_, "collapse.txt", "x", kTime1));
  absl::StatusOr<vfs::ObjectPtr> found = deep.fs->NewObject("collapse.txt");
  EXPECT_TRUE(vfs::IsObjectNotFound(found.status())) << found.status();
  absl::StatusOr<vfs::ObjectPtr> leaf = deep.fs->NewObject(leaf_);
  EXPECT_TRUE(vfs::IsObjectNotFound(leaf.status())) << leaf.status();
}

TEST_P(ConformanceTest, PurgeAtEnd) {
  Files files;
  PUT_FILES(files);
  SKIP_UNLESS_FEATURE(purge, "Purge");
  ASSERT_OK(fs_->Purge(""));
  absl::StatusOr<vfs::DirEntries> after = fs_->List("");
  EXPECT_TRUE(vfs::IsDirNotFound(after.status()) || (after.ok() && after->empty()));
  EXPECT_FALSE(fs_->Purge("").ok()) << "a second Purge must fail";
}

// ---- duplicates and concurrency ----------------------------------------------------------------

TEST_P(ConformanceTest, Duplicates) {
  SKIP_UNLESS_FEATURE(duplicate_files, "duplicate_files");
  SKIP_UNLESS_FEATURE(put_unchecked, "PutUnchecked");
  std::string a = RandomContent(10);
  std::string b = RandomContent(20);
  vfs::StringSource sa(a), sb(b);
  ASSERT_OK_AND_ASSIGN(vfs::ObjectPtr oa,
                       fs_->PutUnchecked(sa, vfs::StaticObjectInfo("dup.txt", 10, kTime1)));
  ASSERT_OK_AND_ASSIGN(vfs::ObjectPtr ob,
                       fs_->PutUnchecked(sb, vfs::StaticObjectInfo("dup.txt", 20, kTime2)));
  EXPECT_NE(oa->id(), "");
  EXPECT_NE(oa->id(), ob->id()) << "duplicates need distinct ids";
  ASSERT_OK_AND_ASSIGN(vfs::DirEntries entries, fs_->List(""));
  EXPECT_EQ(Describe(entries), Sorted({"dup.txt (10)", "dup.txt (20)"}));
  // NewObject picks one, and always the same one.
  ASSERT_OK_AND_ASSIGN(vfs::ObjectPtr n1, fs_->NewObject("dup.txt"));
  ASSERT_OK_AND_ASSIGN(vfs::ObjectPtr n2, fs_->NewObject("dup.txt"));
  EXPECT_EQ(n1->id(), n2->id());
  ASSERT_OK_AND_ASSIGN(vfs::DirEntries again, fs_->List(""));
  std::vector<std::string> ids1, ids2;
  for (const auto& e : entries) ids1.push_back(e.object()->id());
  for (const auto& e : again) ids2.push_back(e.object()->id());
  EXPECT_EQ(ids1, ids2) << "listing order of duplicates must be deterministic";
  // Put replaces one of them, never adds a third.
  ASSERT_OK_AND_ASSIGN(vfs::ObjectPtr put, PutString(*fs_, "dup.txt", RandomContent(30), kTime1));
  ASSERT_OK_AND_ASSIGN(vfs::DirEntries after_put, fs_->List(""));
  EXPECT_EQ(after_put.size(), 2u) << testing::PrintToString(Describe(after_put));
  // Each can be removed on its own.
  ASSERT_OK(oa->Remove());
  ASSERT_OK_AND_ASSIGN(vfs::DirEntries one_left, fs_->List(""));
  EXPECT_EQ(one_left.size(), 1u);
  ASSERT_OK_AND_ASSIGN(vfs::ObjectPtr last, fs_->NewObject("dup.txt"));
  EXPECT_NE(last->id(), oa->id());
}

TEST_P(ConformanceTest, ConcurrentPutsAndReads) {
  constexpr int kThreads = 8;
  constexpr int kPerThread = 4;
  std::vector<std::thread> threads;
  absl::Mutex mu;
  std::vector<std::string> failures;
  std::map<std::string, std::string> written;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        std::string remote = absl::StrCat("concurrent/t", t, "/f", i, ".bin");
        std::string content = RandomContent(1000 + t * 10 + i);
        absl::StatusOr<vfs::ObjectPtr> o = PutString(*fs_, remote, content, kTime1);
        absl::StatusOr<std::string> back =
            o.ok() ? ReadObject(**o) : absl::StatusOr<std::string>(o.status());
        absl::MutexLock lock(&mu);
        if (!back.ok() || *back != content) {
          failures.push_back(absl::StrCat(remote, ": ", back.status().ToString()));
        }
        written[remote] = content;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_TRUE(failures.empty()) << testing::PrintToString(failures);
  std::map<std::string, int64_t> want;
  std::vector<std::string> dirs = {"concurrent"};
  for (const auto& [remote, content] : written) want[remote] = content.size();
  for (int t = 0; t < kThreads; ++t) dirs.push_back(absl::StrCat("concurrent/t", t));
  ASSERT_OK_AND_ASSIGN(std::vector<std::string> walked, WalkDescribe(*fs_, ""));
  EXPECT_EQ(walked, Expected(*fs_, want, dirs));
}

GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(ConformanceTest);

}  // namespace conformance
