#include "vfs/operations/multi_thread_copy.h"

#include <algorithm>
#include <atomic>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "base/string_views.h"
#include "hash/multi_hasher.h"
#include "vfs/operations/equal.h"
#include "vfs/operations/format.h"
#include "vfs/operations/transfer_parts.h"
#include "vfs/operations/worker_pool.h"

namespace vfs::operations {
namespace {

constexpr int64_t kPartAlign = 64 * 1024;
// Each stream takes several parts in turn, in file order, so the written prefix grows at the
// streams' combined speed and the hasher reading it back keeps up; with one part per stream
// (rclone 1.60) the hash of all but the first part could only start when the ranges ended.
constexpr int64_t kPartsPerStream = 4;
constexpr int64_t kMaxPart = 64 << 20;  // rclone's later --multi-thread-chunk-size default
constexpr size_t kStreamBuffer = 256 * 1024;

// What the streams share: the first failure (the others stop at their next read) and how far
// each part is written (the hasher follows it).
class Progress {
 public:
  explicit Progress(size_t parts) : written_(parts, 0) {}
  void Fail(absl::Status st) {
    absl::MutexLock lock(&mu_);
    if (first_.ok()) first_ = std::move(st);
    failed_.store(true, std::memory_order_relaxed);
  }
  bool failed() const { return failed_.load(std::memory_order_relaxed); }
  absl::Status first() const {
    absl::MutexLock lock(&mu_);
    return first_;
  }
  void Wrote(size_t part, int64_t bytes) {
    absl::MutexLock lock(&mu_);
    written_[part] += bytes;
  }
  // Blocks until part `part` has more than `seen` bytes written or a stream failed; returns
  // how many are written (-1 after a failure).
  int64_t WaitPast(size_t part, int64_t seen) const {
    absl::MutexLock lock(&mu_);
    auto ready = [&]() ABSL_SHARED_LOCKS_REQUIRED(mu_) {
      return !first_.ok() || written_[part] > seen;
    };
    mu_.Await(absl::Condition(&ready));
    return first_.ok() ? written_[part] : -1;
  }

 private:
  mutable absl::Mutex mu_;
  absl::Status first_ ABSL_GUARDED_BY(mu_);
  std::vector<int64_t> written_ ABSL_GUARDED_BY(mu_);
  std::atomic<bool> failed_{false};
};

// The whole file's `type` sum, read back in order as the parts are written (hashing overlaps
// the download instead of following it). Empty after a stream failure.
absl::StatusOr<std::string> HashFollowing(WriterAt& writer, const std::vector<Part>& parts,
                                          const Progress& progress, hash::HashType type) {
  hash::MultiHasher hasher(hash::HashSet{type});
  std::vector<uint8_t> buffer(kStreamBuffer * 4);
  for (size_t i = 0; i < parts.size(); ++i) {
    for (int64_t hashed = 0; hashed < parts[i].length;) {
      const int64_t written = progress.WaitPast(i, hashed);
      if (written < 0) return std::string();
      while (hashed < written) {
        const size_t want = static_cast<size_t>(
            std::min<int64_t>(written - hashed, static_cast<int64_t>(buffer.size())));
        absl::StatusOr<size_t> n = writer.ReadAt(parts[i].offset + hashed,
                                                 std::span(buffer).first(want));
        if (!n.ok()) return n.status();
        if (*n == 0) return absl::InternalError("written bytes not readable back");
        hasher.Update(std::span<const uint8_t>(buffer.data(), *n));
        hashed += static_cast<int64_t>(*n);
      }
    }
  }
  return hasher.Finalize()[type];
}

// One part: a ranged Open read to its end, each chunk written where it belongs.
absl::Status CopyPart(const Context& ctx, const Fs& src_fs, Object& src, const Fs& dst_fs,
                      WriterAt& writer, size_t index, Part part, Stats::Transfer& transfer,
                      Progress& stop) {
  absl::StatusOr<std::unique_ptr<Source>> reader =
      src.Open(OpenOptions::Range(part.offset, part.offset + part.length - 1));
  if (!reader.ok()) return reader.status();
  std::optional<Limits::Meter> meter;
  if (ctx.limits) meter = ctx.limits->MeterFor(dst_fs.features().is_local, src_fs.features().is_local);
  AccountingSource counted(**reader, transfer, meter);
  std::vector<uint8_t> buffer(kStreamBuffer);
  int64_t done = 0;
  while (!stop.failed()) {
    absl::StatusOr<size_t> n = counted.Read(buffer);
    if (!n.ok()) return n.status();
    if (*n == 0) break;
    if (done + static_cast<int64_t>(*n) > part.length) {
      return DataCorruption(src.remote(), absl::StrCat("range at ", part.offset,
                                                       " is longer than ", part.length, " bytes"));
    }
    absl::Status written = writer.WriteAt(part.offset + done, std::span(buffer).first(*n));
    if (!written.ok()) return written;
    done += static_cast<int64_t>(*n);
    stop.Wrote(index, static_cast<int64_t>(*n));
  }
  if (!stop.failed() && done != part.length) {
    return DataCorruption(src.remote(), absl::StrCat("range at ", part.offset, " ended after ",
                                                     done, " of ", part.length, " bytes"));
  }
  return absl::OkStatus();
}

}  // namespace

bool UseMultiThreadCopy(const Options& options, const Fs& src_fs, const Object& src,
                        const Fs& dst_fs) {
  if (options.multi_thread_streams < 2 || !dst_fs.features().open_writer_at) return false;
  if (src.size() <= 0 || src.size() < options.multi_thread_cutoff) return false;
  if (src_fs.features().is_local && dst_fs.features().is_local && !options.multi_thread_set) {
    return false;
  }
  return true;
}

std::vector<Part> SplitParts(int64_t size, int streams) {
  std::vector<Part> parts;
  if (size <= 0) return parts;
  int64_t part_size = size / (std::max(1, streams) * kPartsPerStream);
  part_size = (part_size + kPartAlign - 1) / kPartAlign * kPartAlign;
  part_size = std::clamp<int64_t>(part_size, kPartAlign, kMaxPart);
  for (int64_t offset = 0; offset < size; offset += part_size) {
    parts.push_back(Part{offset, std::min(part_size, size - offset)});
  }
  return parts;
}

absl::StatusOr<ObjectPtr> MultiThreadCopyOnce(const Context& ctx, const Fs& src_fs,
                                              const ObjectPtr& src, Fs& dst_fs,
                                              std::string_view remote,
                                              Stats::Transfer& transfer) {
  RenamedObjectInfo info(*src, std::string(remote));
  absl::StatusOr<std::unique_ptr<WriterAt>> writer = dst_fs.OpenWriterAt(info);
  if (!writer.ok()) return writer.status();
  const std::vector<Part> parts = SplitParts(src->size(), ctx.options.multi_thread_streams);
  const int count = static_cast<int>(parts.size());
  const int streams = std::min(count, std::max(1, ctx.options.multi_thread_streams));
  const std::string part_size = SizeSuffix(parts.front().length);
  LogDebug(src->remote(), absl::StrCat("Starting multi-thread copy with ", count,
                                       " parts of size ", part_size, " in ", streams,
                                       " streams"));
  // The source's sum, to compare with the one read back before the file gets its name.
  hash::HashType ht = CommonHash(src_fs, dst_fs);
  std::string want;
  if (ht != hash::HashType::kNone && !ctx.options.ignore_checksum) {
    want = src->Hash(ht).value_or("");
  }
  Progress progress(parts.size());
  absl::StatusOr<std::string> got = std::string();
  {
    std::atomic<int> next_part{0};
    WorkerPool pool(streams + (want.empty() ? 0 : 1));
    for (int stream = 0; stream < streams; ++stream) {
      pool.Submit([&] {
        for (int i = next_part++; i < count && !progress.failed(); i = next_part++) {
          const Part part = parts[static_cast<size_t>(i)];
          const std::string which = absl::StrCat(
              "multi-thread copy: part ", i + 1, "/", count, " (", part.offset, "-",
              part.offset + part.length, ") size ", SizeSuffix(part.length));
          LogDebug(src->remote(), which + " starting");
          absl::Status st = CopyPart(ctx, src_fs, *src, dst_fs, **writer,
                                     static_cast<size_t>(i), part, transfer, progress);
          if (!st.ok()) {
            progress.Fail(st);
            return;
          }
          if (!progress.failed()) LogDebug(src->remote(), which + " finished");
        }
      });
    }
    if (!want.empty()) pool.Submit([&] { got = HashFollowing(**writer, parts, progress, ht); });
  }  // every stream has ended
  if (progress.failed()) return progress.first();
  if (!want.empty()) {
    if (!got.ok()) return got.status();
    if (*got != want) return DataCorruption(remote, HashDifferText(ht, want, *got));
    LogDebug(remote, absl::StrCat(base::ToAbsl(hash::HashTypeName(ht)), " = ", *got, " OK"));
  }
  absl::StatusOr<ObjectPtr> committed = (*writer)->Commit();
  if (!committed.ok()) return committed.status();
  LogDebug(src->remote(), absl::StrCat("Finished multi-thread copy with ", count,
                                       " parts of size ", part_size));
  return committed;
}

}  // namespace vfs::operations
