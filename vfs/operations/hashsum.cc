#include "vfs/operations/hashsum.h"

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/synchronization/mutex.h"
#include "base/string_views.h"
#include "hash/multi_hasher.h"
#include "vfs/operations/list.h"
#include "vfs/operations/max_depth.h"
#include "vfs/operations/worker_pool.h"

namespace vfs::operations {

absl::StatusOr<std::string> HashSource(hash::HashType type, Source& source) {
  if (!hash::kSupportedHashes.Contains(type)) {
    return HashUnsupported(std::string(hash::HashTypeName(type)));
  }
  hash::MultiHasher hasher(hash::HashSet{type});
  absl::StatusOr<int64_t> n = Drain(source, [&](std::span<const uint8_t> chunk) {
    hasher.Update(chunk);
    return absl::OkStatus();
  });
  if (!n.ok()) return n.status();
  return hasher.Finalize()[type];
}

std::string HashLine(hash::HashType type, const std::string& hex, std::string_view path,
                     bool base64) {
  std::string shown = hex;
  if (base64) {
    std::string raw;
    if (absl::HexStringToBytes(hex).size() * 2 == hex.size()) raw = absl::HexStringToBytes(hex);
    shown = absl::WebSafeBase64Escape(raw);
    while (shown.size() % 4 != 0) shown.push_back('=');
  }
  return absl::StrFormat("%*s  %s\n", base64 ? 0 : hash::HexWidth(type), shown,
                         std::string(path));
}

absl::Status HashSum(const Context& ctx, Fs& fs, std::string_view only_file,
                     const HashsumOptions& options, std::ostream& out) {
  absl::StatusOr<DirEntries> entries =
      ListEntries(fs, only_file, WalkDepth(ctx.options.max_depth), ctx.filter.get());
  if (!entries.ok()) return entries.status();
  Stats& stats = ctx.st();
  int64_t errors_before = stats.errors();
  absl::Mutex out_mu;
  {
    WorkerPool pool(options.download ? ctx.options.transfers : ctx.options.checkers);
    for (const DirEntry& e : *entries) {
      if (!e.is_object()) continue;
      ObjectPtr object = e.object();
      pool.Submit([&, object] {
        absl::StatusOr<std::string> sum;
        if (options.download) {
          absl::StatusOr<std::unique_ptr<Source>> reader = object->Open();
          sum = reader.ok() ? HashSource(options.type, **reader)
                            : absl::StatusOr<std::string>(reader.status());
        } else {
          sum = object->Hash(options.type);
          if (sum.ok() && sum->empty()) sum = HashUnsupported(hash::HashTypeName(options.type));
        }
        if (!sum.ok()) {
          // rclone's words: "hash unsupported: hash type not supported".
          absl::Status error = IsUnimplemented(sum.status())
                                   ? HashUnsupported("hash unsupported")
                                   : WithContext(sum.status(), "Failed to hash");
          stats.Error(error);
          LogError(object->remote(), base::ToStd(error.message()));
          return;
        }
        std::string line = HashLine(options.type, *sum, object->remote(), options.base64);
        absl::MutexLock lock(&out_mu);
        out << line;
      });
    }
  }
  out.flush();
  return stats.ErrorSince(errors_before);
}

}  // namespace vfs::operations
