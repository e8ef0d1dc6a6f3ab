#include "vfs/operations/rcat.h"

#include <string>

#include "vfs/global_options.h"
#include "vfs/spool.h"

namespace vfs::operations {
namespace {

// Up to `limit` bytes of `in`; `ended` tells whether the stream ended within them.
absl::StatusOr<std::string> ReadStart(Source& in, size_t limit, bool* ended) {
  std::string start(limit, '\0');
  size_t filled = 0;
  *ended = false;
  while (filled < limit) {
    absl::StatusOr<size_t> n =
        in.Read(std::span(reinterpret_cast<uint8_t*>(start.data()) + filled, limit - filled));
    if (!n.ok()) return n.status();
    if (*n == 0) {
      *ended = true;
      break;
    }
    filled += *n;
  }
  start.resize(filled);
  return start;
}

}  // namespace

absl::StatusOr<ObjectPtr> StoreStream(Fs& fs, std::string_view remote, Source& in,
                                      const RcatOptions& options) {
  std::string name(remote);
  if (options.size >= 0) {
    return fs.Put(in, StaticObjectInfo(name, options.size, options.mod_time));
  }
  bool ended = false;
  absl::StatusOr<std::string> start = ReadStart(in, kStreamingUploadCutoff, &ended);
  if (!start.ok()) return start.status();
  if (ended) {
    SpanSource whole(*start);
    return fs.Put(whole, StaticObjectInfo(name, static_cast<int64_t>(start->size()),
                                          options.mod_time));
  }
  PrefixedSource stream(*std::move(start), in);
  if (fs.features().put_stream) {
    return fs.PutStream(stream, StaticObjectInfo(name, -1, options.mod_time));
  }
  // No streaming upload: keep the stream on local disk first, then upload it with its size.
  absl::StatusOr<std::unique_ptr<SpoolFile>> spool = SpoolFile::Fill(stream, SpoolDir());
  if (!spool.ok()) return spool.status();
  std::unique_ptr<Source> body = (*spool)->Open();
  return fs.Put(*body, StaticObjectInfo(name, (*spool)->size(), options.mod_time));
}

absl::StatusOr<ObjectPtr> Rcat(const Context& ctx, Fs& fs, std::string_view remote, Source& in,
                               const RcatOptions& options) {
  Stats& stats = ctx.st();
  if (ctx.options.dry_run) {
    LogNotice(remote, "Skipped upload from pipe as --dry-run is set");
    return ObjectPtr();
  }
  Stats::TransferPtr transfer = stats.StartTransfer(std::string(remote), options.size);
  absl::StatusOr<ObjectPtr> stored = StoreStream(fs, remote, in, options);
  if (stored.ok() && *stored) transfer->AddBytes((*stored)->size());
  stats.FinishTransfer(transfer, stored.ok());
  // As rclone: counted, not logged here; the host reports "Failed to rcat: ...".
  if (!stored.ok()) stats.Error(stored.status());
  return stored;
}

}  // namespace vfs::operations
