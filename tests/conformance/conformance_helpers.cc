// Definitions of the suite's helpers (documented in conformance_helpers.h).
#include "tests/conformance/conformance_helpers.h"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "hash/whirlpool.h"
#include "vfs/object_info.h"
#include "vfs/path.h"
#include "vfs/walk.h"

namespace conformance {
namespace {

absl::Time At(const char* rfc3339) {
  absl::Time t;
  std::string err;
  if (!absl::ParseTime(absl::RFC3339_full, rfc3339, &t, &err)) std::abort();
  return t;
}

}  // namespace

const absl::Time kTime1 = At("2001-02-03T04:05:06.499999999Z");
const absl::Time kTime2 = At("2001-02-03T04:05:10.123123123Z");
const absl::Time kTimeSet = At("2011-12-13T14:15:16.999999999Z");

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

absl::StatusOr<vfs::ObjectPtr> PutString(vfs::Fs& fs, const std::string& remote,
                                         const std::string& content, absl::Time mod_time,
                                         const std::string& mime_type, bool known_size) {
  vfs::StringSource source(content);
  vfs::StaticObjectInfo info(remote, known_size ? static_cast<int64_t>(content.size()) : -1,
                             mod_time);
  return fs.Put(source, info, vfs::PutOptions{mime_type});
}

absl::StatusOr<std::string> ReadObject(vfs::Object& object, const vfs::OpenOptions& options) {
  absl::StatusOr<std::unique_ptr<vfs::Source>> source = object.Open(options);
  if (!source.ok()) return source.status();
  return vfs::ReadAll(**source);
}

std::string ContentAt(vfs::Fs& fs, const std::string& remote) {
  absl::StatusOr<vfs::ObjectPtr> object = fs.NewObject(remote);
  if (!object.ok()) return "NewObject(" + remote + ") failed: " + object.status().ToString();
  absl::StatusOr<std::string> content = ReadObject(**object);
  return content.ok() ? *std::move(content)
                      : "reading " + remote + " failed: " + content.status().ToString();
}

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

std::vector<std::string> ParentsOf(std::string_view path) {
  std::vector<std::string> out;
  std::string_view dir = vfs::ParentDir(path);
  while (!dir.empty()) {
    out.push_back(std::string(dir));
    dir = vfs::ParentDir(dir);
  }
  return out;
}

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
                                                      int depth, bool list_r) {
  absl::StatusOr<vfs::DirEntries> entries =
      vfs::Walk(fs, dir, vfs::WalkOptions{.max_depth = depth, .use_list_r = list_r});
  if (!entries.ok()) return entries.status();
  return Describe(*entries);
}

void PutFiles(vfs::Fs& fs, Files* files) {
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

std::vector<std::string> File2Dirs() {
  std::vector<std::string> dirs = ParentsOf(kFile2);
  std::sort(dirs.begin(), dirs.end());
  return dirs;
}

}  // namespace conformance
