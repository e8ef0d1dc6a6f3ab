#include "mount/cache_record.h"

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "base/string_views.h"

namespace mount {
namespace {

constexpr char kMagic[] = "fclone-vfs-cache 1";

}  // namespace

std::string EncodeCacheRecord(const CacheRecord& record) {
  std::string out = absl::StrCat(kMagic, "\nsize ", record.size, "\nmtime ",
                                 absl::ToUnixNanos(record.mod_time), "\nranges");
  for (const ByteRange& r : record.ranges) absl::StrAppend(&out, " ", r.start, "-", r.end);
  out += record.pending ? "\nstate pending" : "\nstate copy";
  out += "\nend\n";
  return out;
}

std::optional<CacheRecord> DecodeCacheRecord(std::string_view text) {
  std::vector<absl::string_view> lines = absl::StrSplit(base::ToAbsl(text), '\n');
  // magic, size, mtime, ranges, state, end, and the empty piece after the last newline.
  if (lines.size() != 7 || lines[0] != kMagic || lines[5] != "end" || !lines[6].empty() ||
      (lines[4] != "state copy" && lines[4] != "state pending")) {
    return std::nullopt;
  }
  CacheRecord record;
  int64_t nanos = 0;
  if (!absl::ConsumePrefix(&lines[1], "size ") || !absl::SimpleAtoi(lines[1], &record.size) ||
      record.size < 0 || !absl::ConsumePrefix(&lines[2], "mtime ") ||
      !absl::SimpleAtoi(lines[2], &nanos) || !absl::ConsumePrefix(&lines[3], "ranges")) {
    return std::nullopt;
  }
  record.mod_time = absl::FromUnixNanos(nanos);
  record.pending = lines[4] == "state pending";
  int64_t previous_end = -1;
  for (absl::string_view piece : absl::StrSplit(lines[3], ' ', absl::SkipEmpty())) {
    std::pair<absl::string_view, absl::string_view> bounds = absl::StrSplit(piece, '-');
    ByteRange r;
    if (!absl::SimpleAtoi(bounds.first, &r.start) || !absl::SimpleAtoi(bounds.second, &r.end) ||
        r.start <= previous_end || r.start < 0 || r.end <= r.start || r.end > record.size) {
      return std::nullopt;
    }
    previous_end = r.end;
    record.ranges.push_back(r);
  }
  return record;
}

std::string CacheRecordRoot(const std::string& cache_root) {
  const size_t at = cache_root.rfind("/vfs/");
  if (at == std::string::npos) return cache_root + ".meta";
  return absl::StrCat(cache_root.substr(0, at), "/vfsMeta/", cache_root.substr(at + 5));
}

std::map<std::string, CacheRecord> LoadCacheRecords(const std::string& record_root,
                                                    const std::string& cache_root) {
  namespace fs = std::filesystem;
  std::map<std::string, CacheRecord> out;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(record_root, ec), end; !ec && it != end;
       it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    const std::string remote = fs::relative(it->path(), record_root, ec).string();
    if (ec || remote.empty()) continue;
    std::ifstream in(it->path(), std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    std::optional<CacheRecord> record = DecodeCacheRecord(text.str());
    struct stat st {};
    if (!record || stat(absl::StrCat(cache_root, "/", remote).c_str(), &st) != 0 ||
        !S_ISREG(st.st_mode) || st.st_size != record->size) {
      continue;
    }
    out.emplace(remote, std::move(*record));
  }
  return out;
}

}  // namespace mount
