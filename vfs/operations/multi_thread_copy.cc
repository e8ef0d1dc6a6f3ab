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
#include "vfs/read_ahead_source.h"

namespace vfs::operations {
namespace {

constexpr int64_t kPartAlign = 64 * 1024;
// Each stream takes several parts in turn, in file order, so the written prefix grows at the
// streams' combined speed and the hasher reading it back keeps up; with one part per stream
// (rclone 1.60) the hash of all but the first part could only start when the ranges ended.
constexpr int64_t kPartsPerStream = 4;
constexpr int64_t kMaxPart = 64 << 20;  // rclone's later --multi-thread-chunk-size default
constexpr size_t kStreamBuffer = 256 * 1024;
// The hasher's read-back: blocks x block bytes of memory.
constexpr size_t kHashBlock = 1 << 20;
constexpr size_t kHashBlocks = 4;

// What the streams and the hasher share: the first failure (the others stop at their next read),
// how far each part is written (the hasher follows it) and how far the hasher has got (the
// streams stay within a window of it).
class Progress {
 public:
  // `window` 0: the streams never wait for the hasher.
  Progress(size_t parts, int64_t window) : written_(parts, 0), window_(window) {}
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
  // The hasher has read every byte before `offset`. (A hasher that ends has read the whole
  // file, so nobody is left to wait, or it failed, and Fail wakes everyone.)
  void Hashed(int64_t offset) {
    absl::MutexLock lock(&mu_);
    hashed_ = offset;
  }
  // Blocks a stream about to write up to `end` while that is more than the window past the
  // hasher. Where the hash is the slower side (a fast local link), streams racing ahead would
  // only take CPU from it; the window is wide enough that a hasher keeping up never waits.
  void WaitForRoom(int64_t end) const {
    if (window_ == 0) return;
    absl::MutexLock lock(&mu_);
    auto room = [&]() ABSL_SHARED_LOCKS_REQUIRED(mu_) {
      return !first_.ok() || end <= hashed_ + window_;
    };
    mu_.Await(absl::Condition(&room));
  }

 private:
  mutable absl::Mutex mu_;
  absl::Status first_ ABSL_GUARDED_BY(mu_);
  std::vector<int64_t> written_ ABSL_GUARDED_BY(mu_);
  int64_t hashed_ ABSL_GUARDED_BY(mu_) = 0;
  const int64_t window_;
  std::atomic<bool> failed_{false};
};

// The parts' bytes in file order, each returned once it is written (a Source, so that a
// ReadAheadSource can read it back on a thread of its own). Fails after a stream failure.
class WrittenPrefix : public Source {
 public:
  WrittenPrefix(WriterAt& writer, const std::vector<Part>& parts, const Progress& progress)
      : writer_(writer), parts_(parts), progress_(progress) {}

  absl::StatusOr<size_t> Read(std::span<uint8_t> buffer) override {
    while (part_ < parts_.size() && read_ == parts_[part_].length) {
      ++part_;
      read_ = 0;
    }
    if (part_ == parts_.size() || buffer.empty()) return 0;
    if (written_ <= read_ || part_ != written_part_) {
      written_part_ = part_;
      written_ = progress_.WaitPast(part_, read_);
      if (written_ < 0) return absl::CancelledError("a stream failed");
    }
    const size_t want = static_cast<size_t>(
        std::min<int64_t>(written_ - read_, static_cast<int64_t>(buffer.size())));
    absl::StatusOr<size_t> n = writer_.ReadAt(parts_[part_].offset + read_, buffer.first(want));
    if (!n.ok()) return n.status();
    if (*n == 0) return absl::InternalError("written bytes not readable back");
    read_ += static_cast<int64_t>(*n);
    return *n;
  }

 private:
  WriterAt& writer_;
  const std::vector<Part>& parts_;
  const Progress& progress_;
  size_t part_ = 0;
  int64_t read_ = 0;  // of part_
  size_t written_part_ = 0;
  int64_t written_ = 0;  // of written_part_, when last asked
};

// The whole file's `type` sum, read back in order as the parts are written (hashing overlaps
// the download instead of following it). The reading back runs on a thread of its own, so the
// hasher, the slowest step on a fast link, does nothing else. Empty after a stream failure.
absl::StatusOr<std::string> HashFollowing(WriterAt& writer, const std::vector<Part>& parts,
                                          Progress& progress, hash::HashType type) {
  hash::MultiHasher hasher(hash::HashSet{type});
  WrittenPrefix prefix(writer, parts, progress);
  ReadAheadSource ahead(prefix, kHashBlock, kHashBlocks);
  int64_t hashed = 0;
  while (true) {
    absl::StatusOr<std::span<const uint8_t>> block = ahead.ReadBlock();
    if (!block.ok()) {
      if (progress.failed()) return std::string();
      return block.status();
    }
    if (block->empty()) break;
    hasher.Update(*block);
    hashed += static_cast<int64_t>(block->size());
    progress.Hashed(hashed);
  }
  return hasher.Finalize()[type];
}

// One part: a ranged Open read to its end, each chunk written where it belongs.
// `meter`: the file's, shared by its streams (--bwlimit-file limits the file, not each stream).
absl::Status CopyPart(Object& src, WriterAt& writer, size_t index, Part part,
                      Stats::Transfer& transfer, const std::optional<Limits::Meter>& meter,
                      Progress& stop) {
  absl::StatusOr<std::unique_ptr<Source>> reader =
      src.Open(OpenOptions::Range(part.offset, part.offset + part.length - 1));
  if (!reader.ok()) return reader.status();
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
    stop.WaitForRoom(part.offset + done + static_cast<int64_t>(*n));
    if (stop.failed()) break;
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
  // Room for every stream's part and one more, and for what the read-back holds (it hands over
  // whole blocks): only a hasher slower than the streams holds them back.
  const int64_t window = want.empty() ? 0
                                      : (streams + 1) * parts.front().length +
                                            static_cast<int64_t>(kHashBlock * (kHashBlocks + 1) +
                                                                 kStreamBuffer);
  Progress progress(parts.size(), window);
  absl::StatusOr<std::string> got = std::string();
  std::optional<Limits::Meter> meter;  // outlives the pool, whose streams share it
  if (ctx.limits) {
    meter = ctx.limits->MeterFor(dst_fs.features().is_local, src_fs.features().is_local);
  }
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
          absl::Status st = CopyPart(*src, **writer, static_cast<size_t>(i), part, transfer,
                                     meter, progress);
          if (!st.ok()) {
            progress.Fail(st);
            return;
          }
          if (!progress.failed()) LogDebug(src->remote(), which + " finished");
        }
      });
    }
    if (!want.empty()) {
      pool.Submit([&] {
        got = HashFollowing(**writer, parts, progress, ht);
        if (!got.ok()) progress.Fail(got.status());  // the streams stop rather than wait on it
      });
    }
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
