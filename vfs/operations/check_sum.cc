#include "vfs/operations/check_sum.h"

#include <algorithm>
#include <atomic>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/synchronization/mutex.h"
#include "base/string_views.h"
#include "vfs/operations/hashsum.h"
#include "vfs/operations/list.h"
#include "vfs/operations/max_depth.h"
#include "vfs/operations/worker_pool.h"

namespace vfs::operations {
namespace {

constexpr int kMaxWarnings = 4;

// "<hash> <space or *><path>" (md5sum's text and binary marks).
bool ParseSumLine(std::string_view line, std::string* sum, std::string* path) {
  size_t space = line.find(' ');
  // A sum, one space, a mark (' ' text, '*' binary), then a non-empty path.
  if (space == 0 || space == std::string_view::npos || space + 2 >= line.size()) return false;
  char mark = line[space + 1];
  if (mark != ' ' && mark != '*') return false;
  *sum = absl::AsciiStrToLower(base::ToAbsl(line.substr(0, space)));
  *path = std::string(line.substr(space + 2));
  return true;
}

// rclone's words when the backend cannot give the type.
absl::Status HashUnsupportedBy(hash::HashType type, const Fs& fs) {
  return absl::UnimplementedError(absl::StrCat(base::ToAbsl(hash::HashTypeName(type)),
                                               ": hash type is not supported by file system: ",
                                               fs.ToString()));
}

}  // namespace

HashSums ParseSumFile(std::string_view text, std::string_view subject) {
  HashSums sums;
  int warnings = 0;
  auto warn = [&](std::string_view what, int line_no) {
    if (++warnings <= kMaxWarnings) LogNotice(subject, absl::StrCat(base::ToAbsl(what), " line ", line_no));
  };
  int line_no = 0;
  for (absl::string_view piece : absl::StrSplit(base::ToAbsl(text), '\n')) {
    std::string_view line(piece.data(), piece.size());
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    std::string sum, path;
    if (!ParseSumLine(line, &sum, &path)) {
      warn("improperly formatted checksum", line_no - 1);
      continue;
    }
    if (sums.contains(path)) {
      warn("duplicate file on checksum", line_no - 1);
      continue;
    }
    sums.emplace(std::move(path), std::move(sum));
  }
  if (warnings > kMaxWarnings) {
    LogNotice(subject, absl::StrCat(warnings - kMaxWarnings, " warning(s) suppressed..."));
  }
  return sums;
}

absl::StatusOr<HashSums> ReadSumFile(Fs& fs, std::string_view sum_file) {
  absl::StatusOr<ObjectPtr> object = fs.NewObject(sum_file);
  if (!object.ok()) return object.status();
  absl::StatusOr<std::unique_ptr<Source>> reader = (*object)->Open();
  if (!reader.ok()) return reader.status();
  absl::StatusOr<std::string> text = ReadAll(**reader);
  if (!text.ok()) return text.status();
  return ParseSumFile(*text, sum_file);
}

absl::Status CheckSum(const Context& ctx, Fs& dst, std::string_view only_file,
                      const HashSums& sums, hash::HashType type, const CheckOptions& options) {
  Stats& stats = ctx.st();
  if (!options.download && !dst.features().hashes.Contains(type)) {
    return HashUnsupportedBy(type, dst);
  }
  absl::StatusOr<DirEntries> entries =
      ListEntries(dst, only_file, WalkDepth(ctx.options.max_depth), ctx.filter.get());
  if (!entries.ok()) {
    stats.Error(entries.status());
    return entries.status();
  }
  CheckTally tally(options.report);
  auto report = [&tally](char mark, std::string_view path) { tally.Report(mark, path); };
  std::atomic<int64_t>& differences = tally.differences;
  std::atomic<int64_t> missing{0}, no_sum{0};
  std::vector<std::string> seen;
  {
    WorkerPool pool(options.download ? ctx.options.transfers : ctx.options.checkers);
    for (const DirEntry& e : *entries) {
      if (!e.is_object()) continue;
      ObjectPtr object = e.object();
      auto sum = sums.find(object->remote());
      if (sum == sums.end()) {
        if (options.one_way) continue;
        LogError(object->remote(), "sum not found");
        stats.Error(ObjectNotFound(object->remote()));
        ++differences;
        ++no_sum;
        report('-', object->remote());
        continue;
      }
      seen.push_back(sum->first);
      pool.Submit([&, object, expected = sum->second] {
        std::string path = object->remote();
        stats.StartCheck(path);
        absl::StatusOr<std::string> got;
        if (options.download) {
          absl::StatusOr<std::unique_ptr<Source>> reader = object->Open();
          got = reader.ok() ? HashSource(type, **reader)
                            : absl::StatusOr<std::string>(reader.status());
        } else {
          got = object->Hash(type);
        }
        stats.FinishCheck(path);
        bool differ = got.ok() && absl::AsciiStrToLower(*got) != expected;
        tally.Record(stats, path, got.status(), differ ? "files differ" : "");
      });
    }
  }
  std::sort(seen.begin(), seen.end());
  for (const auto& [path, sum] : sums) {
    if (std::binary_search(seen.begin(), seen.end(), path)) continue;
    if (!only_file.empty() && path != only_file) continue;
    LogError(path, absl::StrCat("file not in ", dst.ToString()));
    stats.Error(ObjectNotFound(path));
    ++differences;
    ++missing;
    report('+', path);
  }
  CheckTotals totals{differences, tally.matches, missing, no_sum, 0, tally.errors};
  return FinishCheck(stats, dst, "", totals, "hashes");
}

}  // namespace vfs::operations
