#include "vfs/operations/check.h"

#include <atomic>
#include <cstring>
#include <map>
#include <memory>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "base/string_views.h"
#include "vfs/operations/duplicates.h"
#include "vfs/operations/equal.h"
#include "vfs/operations/list.h"
#include "vfs/operations/max_depth.h"
#include "vfs/operations/worker_pool.h"

namespace vfs::operations {
namespace {

// Compares two streams chunk by chunk; true when identical.
absl::StatusOr<bool> SameContent(Object& a, Object& b) {
  absl::StatusOr<std::unique_ptr<Source>> ra = a.Open();
  if (!ra.ok()) return ra.status();
  absl::StatusOr<std::unique_ptr<Source>> rb = b.Open();
  if (!rb.ok()) return rb.status();
  std::vector<uint8_t> ba(64 * 1024), bb(64 * 1024);
  size_t fill_a = 0, fill_b = 0;
  bool end_a = false, end_b = false;
  for (;;) {
    if (!end_a && fill_a < ba.size()) {
      absl::StatusOr<size_t> n = (*ra)->Read(std::span(ba).subspan(fill_a));
      if (!n.ok()) return n.status();
      if (*n == 0) end_a = true;
      fill_a += *n;
    }
    if (!end_b && fill_b < bb.size()) {
      absl::StatusOr<size_t> n = (*rb)->Read(std::span(bb).subspan(fill_b));
      if (!n.ok()) return n.status();
      if (*n == 0) end_b = true;
      fill_b += *n;
    }
    size_t common = std::min(fill_a, fill_b);
    if (std::memcmp(ba.data(), bb.data(), common) != 0) return false;
    std::memmove(ba.data(), ba.data() + common, fill_a - common);
    std::memmove(bb.data(), bb.data() + common, fill_b - common);
    fill_a -= common;
    fill_b -= common;
    if (end_a && end_b) return fill_a == 0 && fill_b == 0;
    if ((end_a && fill_a == 0 && fill_b > 0) || (end_b && fill_b == 0 && fill_a > 0)) return false;
  }
}

// One side's objects, sorted, with the names it holds more than once (name -> copies).
struct SideObjects {
  std::vector<ObjectPtr> objects;
  std::map<std::string, size_t, std::less<>> duplicated;
};

SideObjects Objects(DirEntries entries, std::string_view side) {
  SplitListing split = SplitDuplicates(std::move(entries), side);
  SideObjects out;
  for (DirEntry& e : split.entries) {
    if (e.is_object()) out.objects.push_back(e.object());
  }
  for (const auto& [name, extras] : split.extra_copies) out.duplicated[name] = extras.size() + 1;
  return out;
}

}  // namespace

absl::Status Check(const Context& ctx, Fs& src, Fs& dst, std::string_view src_file,
                   const CheckOptions& options) {
  Stats& stats = ctx.st();
  const Filter* filter = ctx.filter.get();
  // Two walks to the same depth see what rclone's march does: it lists a directory of either
  // side only above the depth limit.
  int depth = MarchDepth(ctx.options.max_depth);
  absl::StatusOr<DirEntries> src_entries = ListEntries(src, src_file, depth, filter);
  if (!src_entries.ok()) {
    stats.Error(src_entries.status());
    return src_entries.status();
  }
  absl::StatusOr<DirEntries> dst_entries = ListEntries(dst, src_file, depth, filter);
  if (!dst_entries.ok()) {
    if (!IsDirNotFound(dst_entries.status()) && !IsObjectNotFound(dst_entries.status())) {
      stats.Error(dst_entries.status());
      return dst_entries.status();
    }
    dst_entries = DirEntries{};
  }
  SideObjects src_side = Objects(std::move(*src_entries), "source");
  SideObjects dst_side = Objects(std::move(*dst_entries), "destination");
  const std::vector<ObjectPtr>& a = src_side.objects;
  const std::vector<ObjectPtr>& b = dst_side.objects;

  hash::HashType ht = CommonHash(src, dst);
  if (!options.download && !options.compare) {
    if (ctx.options.size_only) {
      // sizes only, nothing to announce
    } else if (ht == hash::HashType::kNone) {
      LogError("", "No common hash found - not using a hash for checks");
    } else {
      LogInfo("", absl::StrCat("Using ", std::string(hash::HashTypeName(ht)), " for hash comparisons"));
    }
  }

  CheckTally tally(options.report);
  auto report = [&tally](char mark, std::string_view path) { tally.Report(mark, path); };
  std::atomic<int64_t>& differences = tally.differences;
  std::atomic<int64_t> src_missing{0}, dst_missing{0}, unchecked_hashes{0};
  // A name held more than once on either side is a difference (which copy would be the file?):
  // one ERROR line per side, one difference per name, and the copies are not compared.
  auto report_duplicate = [&](const std::string& path) {
    bool found = false;
    const std::pair<const char*, const SideObjects*> sides[] = {{"source", &src_side},
                                                                {"destination", &dst_side}};
    for (const auto& [side, objects] : sides) {
      auto it = objects->duplicated.find(path);
      if (it == objects->duplicated.end()) continue;
      found = true;
      LogError(path, absl::StrCat("Duplicate object found in ", side, " (", it->second,
                                  " copies), not checked: ", kDedupeHint));
    }
    if (!found) return false;
    stats.Error(BadInput(path, "duplicate object"));
    ++differences;
    report('*', path);
    return true;
  };
  {
    WorkerPool pool(options.download ? ctx.options.transfers : ctx.options.checkers);
    size_t i = 0, j = 0;
    while (i < a.size() || j < b.size()) {
      int c = i >= a.size() ? 1
              : j >= b.size() ? -1
              : a[i]->remote() == b[j]->remote() ? 0
              : a[i]->remote() < b[j]->remote() ? -1 : 1;
      if (c > 0 && options.one_way) {  // what only the destination has, duplicates too
        ++j;
        continue;
      }
      if (report_duplicate(c > 0 ? b[j]->remote() : a[i]->remote())) {
        i += c <= 0;
        j += c >= 0;
        continue;
      }
      if (c != 0) {  // on one side only: '+' source only, '-' destination only
        std::string path = c < 0 ? a[i++]->remote() : b[j++]->remote();
        LogError(path, absl::StrCat("file not in ", (c < 0 ? dst : src).ToString()));
        stats.Error(ObjectNotFound(path));
        ++differences;
        ++(c < 0 ? dst_missing : src_missing);
        report(c < 0 ? '+' : '-', path);
        continue;
      }
      ObjectPtr x = a[i++], y = b[j++];
      pool.Submit([&, x, y] {
        std::string path = x->remote();
        stats.StartCheck(path);
        std::string problem;
        absl::Status error;
        if (x->size() >= 0 && y->size() >= 0 && x->size() != y->size()) {
          problem = "sizes differ";
        } else if (options.download) {
          absl::StatusOr<bool> same = SameContent(*x, *y);
          if (!same.ok()) {
            error = same.status();
          } else if (!*same) {
            problem = "contents differ";
          }
        } else if (options.compare) {
          absl::StatusOr<CheckOptions::Compared> compared = options.compare(*x, *y);
          if (!compared.ok()) {
            error = compared.status();
          } else {
            problem = compared->problem;
            if (problem.empty() && compared->unchecked) ++unchecked_hashes;
          }
        } else if (!ctx.options.size_only && ht != hash::HashType::kNone) {
          bool checked = false;
          if (!HashesMatch(ht, *x, *y, &checked)) {
            problem = absl::StrCat(std::string(hash::HashTypeName(ht)), " differ");
          } else if (!checked) {
            ++unchecked_hashes;
          }
        } else if (!ctx.options.size_only) {
          ++unchecked_hashes;
        }
        stats.FinishCheck(path);
        tally.Record(stats, path, error, problem);
      });
    }
  }
  CheckTotals totals{differences, tally.matches, dst_missing, src_missing, unchecked_hashes,
                     tally.errors};
  return FinishCheck(stats, dst, src.ToString(), totals);
}

void CheckTally::Report(char mark, std::string_view path) {
  if (!report_) return;
  absl::MutexLock lock(&mu_);
  report_(mark, path);
}

void CheckTally::Record(Stats& stats, const std::string& path, const absl::Status& error,
                        const std::string& problem) {
  if (!error.ok()) {
    LogError(path, absl::StrCat("Failed to check: ", error.message()));
    stats.Error(error);
    ++errors;
    Report('!', path);
  } else if (!problem.empty()) {
    LogError(path, problem);
    stats.Error(absl::UnknownError(absl::StrCat(path, ": ", problem)));
    ++differences;
    Report('*', path);
  } else {
    LogDebug(path, "OK");
    ++matches;
    Report('=', path);
  }
}

absl::Status FinishCheck(Stats& stats, const Fs& dst, std::string_view src_subject,
                         const CheckTotals& t, std::string_view src_entity) {
  std::string dst_name = dst.ToString();
  if (t.dst_missing > 0) LogNotice(dst_name, absl::StrCat(t.dst_missing, " files missing"));
  if (t.src_missing > 0) {
    LogNotice(src_subject, absl::StrCat(t.src_missing, " ", base::ToAbsl(src_entity), " missing"));
  }
  LogNotice(dst_name, absl::StrCat(t.differences, " differences found"));
  int64_t total_errors = t.differences + t.errors;
  if (total_errors > 0) {
    LogNotice(dst_name, absl::StrCat(total_errors, " errors while checking"));
  }
  if (t.unchecked_hashes > 0) {
    LogNotice(dst_name, absl::StrCat(t.unchecked_hashes, " hashes could not be checked"));
  }
  if (t.matches > 0) LogNotice(dst_name, absl::StrCat(t.matches, " matching files"));
  if (t.differences > 0) {
    return absl::UnknownError(absl::StrCat(t.differences, " differences found"));
  }
  return t.errors > 0 ? stats.ErrorSince(0) : absl::OkStatus();
}

}  // namespace vfs::operations
