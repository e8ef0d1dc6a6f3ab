// The embedding API's file calls and operations (include/fichier/fichier.h): Fs/Object calls with
// progress reporting, and vfs/operations' copy/sync/move/check under the caller's stop token.
#include <span>
#include <string>
#include <string_view>

#include "absl/strings/str_cat.h"
#include "base/string_views.h"
#include "fichier/fichier.h"
#include "hash/whirlpool.h"
#include "vfs/hashing_source.h"
#include "vfs/object_info.h"
#include "vfs/operations/sync.h"
#include "vfs/walk.h"

namespace fichier {
namespace {

// Reports the bytes pulled through it to a Progress callback.
class ProgressSource : public Source {
 public:
  ProgressSource(Source& inner, int64_t total, const Progress& progress)
      : inner_(inner), total_(total), progress_(progress) {}

  absl::StatusOr<size_t> Read(std::span<uint8_t> buffer) override {
    absl::StatusOr<size_t> n = inner_.Read(buffer);
    if (n.ok() && *n > 0) {
      done_ += static_cast<int64_t>(*n);
      if (progress_) progress_(done_, total_);
    }
    return n;
  }

 private:
  Source& inner_;
  int64_t total_;
  const Progress& progress_;
  int64_t done_ = 0;
};

// Runs `operation` with the caller's options, stats and stop token (installed on this thread;
// the operations' worker pools hand it on to theirs).
template <typename Operation>
absl::Status RunWith(const RunOptions& run, const Operation& operation) {
  base::ScopedCancel scope(run.cancel);
  vfs::operations::Stats own_stats;
  vfs::operations::Context ctx{run.options, run.stats ? run.stats : &own_stats, nullptr, nullptr};
  return operation(ctx);
}

absl::Status RunSync(Fs& src, Fs& dst, const RunOptions& run, vfs::operations::SyncMode mode) {
  return RunWith(run, [&](const vfs::operations::Context& ctx) {
    return vfs::operations::Sync(ctx, src, dst, mode);
  });
}

}  // namespace

absl::StatusOr<ObjectPtr> Put(Fs& fs, std::string_view remote, Source& in, int64_t size,
                              const TransferOptions& options) {
  ProgressSource counted(in, size, options.progress);
  vfs::StaticObjectInfo info(std::string(remote), size, options.mod_time);
  return fs.Put(counted, info);
}

absl::StatusOr<ObjectPtr> PutBytes(Fs& fs, std::string_view remote, std::string_view data,
                                   const TransferOptions& options) {
  vfs::SpanSource in(data);
  return Put(fs, remote, in, static_cast<int64_t>(data.size()), options);
}

absl::StatusOr<int64_t> Get(Fs& fs, std::string_view remote, const Sink& sink,
                            const TransferOptions& options) {
  absl::StatusOr<ObjectPtr> object = fs.NewObject(remote);
  if (!object.ok()) return object.status();
  absl::StatusOr<std::unique_ptr<Source>> in = (*object)->Open();
  if (!in.ok()) return in.status();
  ProgressSource counted(**in, (*object)->size(), options.progress);
  return vfs::Drain(counted, sink);
}

absl::StatusOr<std::string> GetBytes(Fs& fs, std::string_view remote,
                                     const TransferOptions& options, size_t max_bytes) {
  std::string out;
  absl::StatusOr<int64_t> n = Get(fs, remote, [&](std::span<const uint8_t> chunk) {
    if (out.size() + chunk.size() > max_bytes) {
      return absl::ResourceExhaustedError(
          absl::StrCat(base::ToAbsl(remote), ": larger than ", max_bytes, " bytes"));
    }
    out.append(reinterpret_cast<const char*>(chunk.data()), chunk.size());
    return absl::OkStatus();
  }, options);
  if (!n.ok()) return n.status();
  return out;
}

absl::StatusOr<DirEntries> List(Fs& fs, std::string_view dir, bool recursive) {
  absl::StatusOr<DirEntries> entries =
      recursive ? vfs::Walk(fs, dir) : fs.List(dir);
  if (!entries.ok()) return entries.status();
  vfs::SortEntries(*entries);
  return entries;
}

absl::Status Remove(Fs& fs, std::string_view remote) {
  absl::StatusOr<ObjectPtr> object = fs.NewObject(remote);
  if (!object.ok()) return object.status();
  return (*object)->Remove();
}

absl::StatusOr<std::string> Whirlpool(Fs& fs, std::string_view remote) {
  absl::StatusOr<ObjectPtr> object = fs.NewObject(remote);
  if (!object.ok()) return object.status();
  absl::StatusOr<std::string> own = (*object)->Hash(hash::HashType::kWhirlpool);
  if (own.ok() && !own->empty()) return own;
  absl::StatusOr<std::unique_ptr<Source>> in = (*object)->Open();
  if (!in.ok()) return in.status();
  vfs::HashingSource hashing(**in);
  absl::StatusOr<int64_t> n = vfs::Drain(hashing, [](std::span<const uint8_t>) {
    return absl::OkStatus();
  });
  if (!n.ok()) return n.status();
  return hashing.Sum(hash::HashType::kWhirlpool);
}

std::string WhirlpoolOf(std::string_view data) { return hash::WhirlpoolHex(data); }

absl::Status Copy(Fs& src, Fs& dst, const RunOptions& run) {
  return RunSync(src, dst, run, vfs::operations::SyncMode::kCopy);
}
absl::Status Sync(Fs& src, Fs& dst, const RunOptions& run) {
  return RunSync(src, dst, run, vfs::operations::SyncMode::kSync);
}
absl::Status Move(Fs& src, Fs& dst, const RunOptions& run) {
  return RunSync(src, dst, run, vfs::operations::SyncMode::kMove);
}

absl::Status Check(Fs& src, Fs& dst, const RunOptions& run,
                   const vfs::operations::CheckOptions& check) {
  return RunWith(run, [&](const vfs::operations::Context& ctx) {
    return vfs::operations::Check(ctx, src, dst, "", check);
  });
}

}  // namespace fichier
