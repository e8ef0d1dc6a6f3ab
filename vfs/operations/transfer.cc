#include "vfs/operations/transfer.h"

#include <memory>
#include <optional>
#include <string>

#include "absl/strings/str_cat.h"
#include "base/cancel.h"
#include "base/string_views.h"
#include "vfs/hashing_source.h"
#include "vfs/operations/equal.h"
#include "vfs/operations/format.h"
#include "vfs/operations/limits.h"
#include "vfs/operations/multi_thread_copy.h"
#include "vfs/operations/transfer_parts.h"

namespace vfs::operations {
namespace {

std::string StatusText(const absl::Status& st) { return std::string(st.message()); }

// Server-side operations are possible between two Fs of the same remote.
bool SameRemote(const Fs& a, const Fs& b) { return a.Name() == b.Name(); }

// The copy's log line: "Copied (new)" on the destination, or "... to: <remote>" on the source
// when the name changes.
void LogCopied(std::string_view src_remote, std::string_view dst_remote, std::string_view what) {
  if (src_remote == dst_remote) {
    LogInfo(dst_remote, what);
  } else {
    LogInfo(src_remote, absl::StrCat(std::string(what), " to: ", std::string(dst_remote)));
  }
}

// A server-side copy or move onto `remote` that succeeded: where the remote allows duplicate
// names the old object sits beside the new one and is removed; the transfer counts in full.
void ServerSideDone(Stats& stats, const Stats::TransferPtr& transfer, const Fs& dst_fs,
                    const ObjectPtr& existing, const Object& src, std::string_view remote,
                    std::string_view what) {
  if (existing && dst_fs.features().duplicate_files) {
    absl::Status removed = existing->Remove();
    if (!removed.ok()) {
      LogError(remote, absl::StrCat("Failed to remove old copy: ", removed.message()));
    }
  }
  transfer->AddBytes(src.size() > 0 ? src.size() : 0);
  stats.FinishTransfer(transfer, true);
  LogCopied(src.remote(), remote, what);
}

// One streamed attempt: open, pull through the accounting and hashing wrappers, verify.
absl::StatusOr<ObjectPtr> StreamOnce(const Context& ctx, const Fs& src_fs, const ObjectPtr& src,
                                     Fs& dst_fs, std::string_view remote,
                                     const ObjectPtr& existing, Stats::Transfer& transfer) {
  absl::StatusOr<std::unique_ptr<Source>> reader = src->Open();
  if (!reader.ok()) return reader.status();
  std::optional<Limits::Meter> meter;
  if (ctx.limits) meter = ctx.limits->MeterFor(dst_fs.features().is_local, src_fs.features().is_local);
  AccountingSource counted(**reader, transfer, meter);
  hash::HashType ht = CommonHash(src_fs, dst_fs);
  hash::HashSet wanted;
  if (ht != hash::HashType::kNone && !ctx.options.ignore_checksum) wanted.Add(ht);
  HashingSource hashing(counted, wanted);
  RenamedObjectInfo info(*src, std::string(remote));
  ObjectPtr result;
  if (existing) {
    absl::Status st = existing->Update(hashing, info);
    if (!st.ok()) return st;
    result = existing;
  } else {
    absl::StatusOr<ObjectPtr> put = dst_fs.Put(hashing, info);
    if (!put.ok()) return put.status();
    result = *put;
  }
  // Verify what arrived against what was sent.
  std::string problem;
  if (!ctx.options.ignore_size && src->size() >= 0 && result->size() >= 0 &&
      src->size() != result->size()) {
    problem = absl::StrCat("sizes differ ", src->size(), " vs ",
                           result->size());
  } else if (!wanted.empty() && hashing.finished() && !dst_fs.features().slow_hash) {
    absl::StatusOr<std::string> sent = hashing.Sum(ht);
    absl::StatusOr<std::string> got = result->Hash(ht);
    if (sent.ok() && got.ok() && !got->empty() && *sent != *got) {
      problem = HashDifferText(ht, *sent, *got);
    } else if (sent.ok() && got.ok() && !got->empty()) {
      LogDebug(remote, absl::StrCat(std::string(hash::HashTypeName(ht)), " = ", *got, " OK"));
    }
  }
  if (!problem.empty()) {
    absl::Status removed = result->Remove();
    if (!removed.ok()) {
      LogError(remote, absl::StrCat("Failed to remove corrupted object: ", removed.message()));
    }
    return DataCorruption(remote, problem);
  }
  return result;
}

// The dry-run/interactive transfer: counted as done, nothing sent.
ObjectPtr SkippedTransfer(Stats& stats, const Object& src) {
  Stats::TransferPtr t = stats.StartTransfer(src.remote(), src.size());
  t->AddBytes(src.size() > 0 ? src.size() : 0);
  stats.FinishTransfer(t, true);
  return ObjectPtr();
}

}  // namespace

bool SkipDestructive(const Context& ctx, std::string_view subject, std::string_view action,
                     int64_t size) {
  std::string_view flag;
  if (ctx.options.dry_run) {
    flag = "--dry-run";
  } else if (ctx.confirm && !ctx.confirm(subject, action)) {
    flag = "--interactive";
  } else {
    return false;
  }
  std::string line =
      absl::StrCat("Skipped ", base::ToAbsl(action), " as ", base::ToAbsl(flag), " is set");
  if (size != kNoSize) absl::StrAppend(&line, " (size ", SizeSuffix(size), ")");
  LogNotice(subject, line);
  return true;
}

absl::StatusOr<ObjectPtr> CopyObject(const Context& ctx, const Fs& src_fs, const ObjectPtr& src,
                                     Fs& dst_fs, std::string_view remote,
                                     const ObjectPtr& existing) {
  Stats& stats = ctx.st();
  if (SkipDestructive(ctx, src->remote(), "copy", src->size())) {
    return SkippedTransfer(stats, *src);
  }
  if (ctx.limits) {
    // --max-transfer: the limit is checked before each transfer starts, as rclone does.
    if (absl::Status st = ctx.limits->BeforeTransfer(src->size(), stats); !st.ok()) {
      stats.Error(st);
      return st;
    }
  }
  Stats::TransferPtr transfer = stats.StartTransfer(std::string(remote), src->size());
  absl::Status last;
  // Server-side first when both paths are on one remote.
  if (dst_fs.features().copy && SameRemote(src_fs, dst_fs)) {
    absl::StatusOr<ObjectPtr> copied = dst_fs.Copy(*src, remote);
    if (copied.ok()) {
      ServerSideDone(stats, transfer, dst_fs, existing, *src, remote, "Copied (server-side copy)");
      return *copied;
    }
    if (!IsUnimplemented(copied.status())) {
      last = copied.status();
      stats.FinishTransfer(transfer, false);
      stats.Error(last);
      LogError(src->remote(), absl::StrCat("Failed to copy: ", StatusText(last)));
      return last;
    }
  }
  int attempts = ctx.options.low_level_retries < 1 ? 1 : ctx.options.low_level_retries;
  bool multi_thread = UseMultiThreadCopy(ctx.options, src_fs, *src, dst_fs);
  for (int attempt = 1; attempt <= attempts; ++attempt) {
    transfer->ResetBytes();
    // A failed stream fails the attempt; the retry starts the whole file again (as rclone).
    absl::StatusOr<ObjectPtr> result =
        multi_thread ? MultiThreadCopyOnce(ctx, src_fs, src, dst_fs, remote, *transfer)
                     : StreamOnce(ctx, src_fs, src, dst_fs, remote, existing, *transfer);
    if (multi_thread && IsUnimplemented(result.status())) {
      // The destination cannot write this object at offsets (a link file): one stream.
      multi_thread = false;
      result = StreamOnce(ctx, src_fs, src, dst_fs, remote, existing, *transfer);
    }
    if (result.ok()) {
      stats.FinishTransfer(transfer, true);
      LogCopied(src->remote(), remote,
                existing ? "Copied (replaced existing)" : "Copied (new)");
      return result;
    }
    last = result.status();
    // A stop's reason wins over the failure it caused, and is never retried.
    if (const base::Cancel& cancel = base::CurrentCancel(); cancel.triggered()) {
      last = cancel.status();
      break;
    }
    if (!IsRetryable(last) || attempt == attempts) break;
    LogDebug(src->remote(), absl::StrCat("Received error: ", StatusText(last),
                                         " - low level retry ", attempt, "/", attempts));
  }
  stats.FinishTransfer(transfer, false);
  stats.Error(last);
  LogError(src->remote(), absl::StrCat("Failed to copy: ", StatusText(last)));
  return last;
}

absl::StatusOr<ObjectPtr> MoveObject(const Context& ctx, Fs& src_fs, const ObjectPtr& src,
                                     Fs& dst_fs, std::string_view remote,
                                     const ObjectPtr& existing) {
  Stats& stats = ctx.st();
  if (SkipDestructive(ctx, src->remote(), "move", src->size())) {
    return SkippedTransfer(stats, *src);
  }
  if (dst_fs.features().move && SameRemote(src_fs, dst_fs)) {
    Stats::TransferPtr transfer = stats.StartTransfer(std::string(remote), src->size());
    absl::StatusOr<ObjectPtr> moved = dst_fs.Move(*src, remote);
    if (moved.ok()) {
      ServerSideDone(stats, transfer, dst_fs, existing, *src, remote, "Moved (server-side)");
      return *moved;
    }
    stats.FinishTransfer(transfer, false);
    if (!IsUnimplemented(moved.status())) {
      stats.Error(moved.status());
      LogError(src->remote(), absl::StrCat("Failed to move: ", StatusText(moved.status())));
      return moved.status();
    }
  }
  absl::StatusOr<ObjectPtr> copied = CopyObject(ctx, src_fs, src, dst_fs, remote, existing);
  if (!copied.ok()) return copied.status();
  absl::Status deleted = DeleteObject(ctx, *src);
  if (!deleted.ok()) return deleted;
  return copied;
}

absl::Status DeleteObject(const Context& ctx, Object& object, std::string_view done) {
  Stats& stats = ctx.st();
  if (SkipDestructive(ctx, object.remote(), "delete", object.size())) {
    if (ctx.options.dry_run) stats.AddDelete();
    return absl::OkStatus();
  }
  absl::Status st = object.Remove();
  if (!st.ok()) {
    stats.Error(st);
    LogError(object.remote(), absl::StrCat("Couldn't delete: ", StatusText(st)));
    return st;
  }
  stats.AddDelete();
  LogInfo(object.remote(), done);
  return absl::OkStatus();
}

absl::Status RemoveDir(const Context& ctx, Fs& fs, std::string_view dir, bool count_failure) {
  if (SkipDestructive(ctx, dir, "remove directory")) {
    if (ctx.options.dry_run) ctx.st().AddDeletedDir();
    return absl::OkStatus();
  }
  LogInfo(dir, "Removing directory");
  absl::Status st = fs.Rmdir(dir);
  if (!st.ok() && !count_failure) {
    LogDebug(dir, absl::StrCat("Failed to Rmdir: ", StatusText(st)));
    return st;
  }
  if (!st.ok()) {
    ctx.st().Error(st);
    LogError(dir, absl::StrCat("Failed to rmdir: ", StatusText(st)));
    return st;
  }
  ctx.st().AddDeletedDir();
  return absl::OkStatus();
}

}  // namespace vfs::operations
