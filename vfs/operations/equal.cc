#include "vfs/operations/equal.h"

#include <atomic>
#include <string>

#include "absl/strings/str_cat.h"
#include "vfs/operations/format.h"

namespace vfs::operations {
namespace {

std::string HashOf(hash::HashType type, const ObjectInfo& o) {
  absl::StatusOr<std::string> h = o.Hash(type);
  return h.ok() ? *h : std::string();
}

// Equality by size and hash only (the fallbacks that ignore mod times).
bool SizeAndHashEqual(const Context& ctx, hash::HashType ht, const ObjectInfo& src,
                      const ObjectInfo& dst) {
  bool checked = false;
  std::string a, b;
  if (!HashesMatch(ht, src, dst, &checked, &a, &b)) {
    LogDebug(src.remote(), absl::StrCat(std::string(hash::HashTypeName(ht)), " differ"));
    return false;
  }
  if (checked) {
    LogDebug(src.remote(), absl::StrCat(std::string(hash::HashTypeName(ht)), " = ", a, " OK"));
  }
  (void)ctx;
  return true;
}

}  // namespace

hash::HashType CommonHash(const Fs& a, const Fs& b) {
  return a.features().hashes.Overlap(b.features().hashes).GetOne();
}

absl::Duration ModifyWindow(const Fs& a, const Fs& b, const Options& options) {
  absl::Duration pa = a.features().precision;
  absl::Duration pb = b.features().precision;
  if (pa >= kModTimeNotSupported || pb >= kModTimeNotSupported) return kModTimeNotSupported;
  return std::max({options.modify_window, pa, pb});
}

bool HashesMatch(hash::HashType type, const ObjectInfo& a, const ObjectInfo& b, bool* checked,
                 std::string* a_hash, std::string* b_hash) {
  if (checked) *checked = false;
  if (type == hash::HashType::kNone) return true;
  std::string ha = HashOf(type, a);
  if (ha.empty()) return true;
  std::string hb = HashOf(type, b);
  if (hb.empty()) return true;
  if (checked) *checked = true;
  if (a_hash) *a_hash = ha;
  if (b_hash) *b_hash = hb;
  return ha == hb;
}

bool Equal(const Context& ctx, const Fs& src_fs, const Fs& dst_fs, const ObjectInfo& src,
           Object& dst) {
  const Options& opt = ctx.options;
  if (!opt.ignore_size && src.size() >= 0 && dst.size() >= 0 && src.size() != dst.size()) {
    LogDebug(src.remote(), "Sizes differ");
    return false;
  }
  if (opt.size_only) {
    LogDebug(src.remote(), "Sizes identical");
    return true;
  }
  hash::HashType ht = CommonHash(src_fs, dst_fs);
  if (opt.checksum) {
    if (ht == hash::HashType::kNone) {
      static std::atomic<bool> warned{false};
      if (!warned.exchange(true)) {
        LogNotice("", "--checksum is in use but the source and destination have no hashes in "
                      "common; falling back to --size-only");
      }
      LogDebug(src.remote(), "Sizes identical");
      return true;
    }
    return SizeAndHashEqual(ctx, ht, src, dst);
  }
  absl::Duration window = ModifyWindow(src_fs, dst_fs, opt);
  if (window >= kModTimeNotSupported) {
    LogDebug(src.remote(), "Sizes identical");
    return true;
  }
  absl::Duration dt = dst.mod_time() - src.mod_time();
  if (absl::AbsDuration(dt) < window) {
    LogDebug(src.remote(), absl::StrCat("Size and modification time the same (differ by ",
                                        GoDuration(dt), ", within tolerance ", GoDuration(window),
                                        ")"));
    return true;
  }
  LogDebug(src.remote(), "Modification times differ");
  if (ht == hash::HashType::kNone) return false;
  bool checked = false;
  if (!HashesMatch(ht, src, dst, &checked) || !checked) return false;
  // Same content, different times: fix the destination's time instead of copying.
  if (opt.no_update_modtime) return true;
  if (opt.dry_run) {
    LogNotice(src.remote(), "Skipped update modification time as --dry-run is set");
    return true;
  }
  absl::Status st = dst.SetModTime(src.mod_time());
  if (IsCantSetModTime(st)) {
    static std::atomic<bool> warned{false};
    if (!warned.exchange(true)) {
      LogNotice("", "Forced to upload files to set modification times on this backend.");
    }
    return false;
  }
  if (!st.ok()) {
    LogError(dst.remote(), absl::StrCat("Failed to set modification time: ", st.message()));
    return false;
  }
  LogInfo(src.remote(), "Updated modification time in destination");
  return true;
}

bool NeedTransfer(const Context& ctx, const Fs& src_fs, const Fs& dst_fs, const Object& src,
                  Object* dst) {
  const Options& opt = ctx.options;
  if (dst == nullptr) {
    LogDebug(src.remote(), "Need to transfer - File not found at Destination");
    return true;
  }
  if (opt.ignore_existing) {
    LogDebug(src.remote(), "Destination exists, skipping");
    return false;
  }
  if (opt.ignore_times) {
    LogDebug(src.remote(), "Transferring unconditionally as --ignore-times is in use");
    return true;
  }
  if (opt.update) {
    absl::Duration window = ModifyWindow(src_fs, dst_fs, opt);
    if (window >= kModTimeNotSupported) window = absl::Seconds(1);
    absl::Duration dt = dst->mod_time() - src.mod_time();
    if (dt >= window) {
      LogDebug(src.remote(), "Destination is newer than source, skipping");
      return false;
    }
    if (dt <= -window) {
      if (src.size() == dst->size()) {
        hash::HashType ht = CommonHash(src_fs, dst_fs);
        bool checked = false;
        if (opt.size_only || (ht != hash::HashType::kNone &&
                              HashesMatch(ht, src, *dst, &checked) && checked)) {
          LogDebug(src.remote(), "Destination is older than source but contents match, skipping");
          return false;
        }
      }
      return true;
    }
    Context size_ctx = ctx;
    size_ctx.options.size_only = !opt.checksum;
    if (Equal(size_ctx, src_fs, dst_fs, src, *dst)) {
      LogDebug(src.remote(), "Unchanged skipping");
      return false;
    }
    return true;
  }
  if (Equal(ctx, src_fs, dst_fs, src, *dst)) {
    LogDebug(src.remote(), "Unchanged skipping");
    return false;
  }
  return true;
}

}  // namespace vfs::operations
