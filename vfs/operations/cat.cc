#include "vfs/operations/cat.h"

#include "absl/strings/str_cat.h"
#include "vfs/operations/list.h"
#include "vfs/operations/max_depth.h"

namespace vfs::operations {

absl::Status Cat(const Context& ctx, Fs& fs, std::string_view only_file, const CatOptions& options,
                 std::ostream& out) {
  absl::StatusOr<DirEntries> entries =
      ListEntries(fs, only_file, WalkDepth(ctx.options.max_depth), ctx.filter.get());
  if (!entries.ok()) return entries.status();
  Stats& stats = ctx.st();
  int64_t errors_before = stats.errors();
  for (const DirEntry& e : *entries) {
    if (!e.is_object()) continue;
    const ObjectPtr& object = e.object();
    int64_t size = object->size();
    int64_t offset = options.offset;
    if (offset < 0 && size >= 0) offset = std::max<int64_t>(0, size + offset);
    OpenOptions open;
    if (offset > 0 || options.count >= 0) {
      open.range = RangeOption{offset < 0 ? 0 : offset,
                               options.count >= 0 ? (offset < 0 ? 0 : offset) + options.count - 1
                                                  : -1};
      if (options.count == 0) continue;
    }
    Stats::TransferPtr transfer = stats.StartTransfer(object->remote(), size);
    absl::StatusOr<std::unique_ptr<Source>> reader = object->Open(open);
    absl::Status st = reader.status();
    if (reader.ok()) {
      absl::StatusOr<int64_t> n = Drain(**reader, [&](std::span<const uint8_t> chunk) {
        transfer->AddBytes(static_cast<int64_t>(chunk.size()));
        if (!options.discard) {
          out.write(reinterpret_cast<const char*>(chunk.data()),
                    static_cast<std::streamsize>(chunk.size()));
          if (!out) return absl::DataLossError("failed to write output");
        }
        return absl::OkStatus();
      });
      st = n.status();
    }
    stats.FinishTransfer(transfer, st.ok());
    if (!st.ok()) {
      stats.Error(st);
      LogError(object->remote(), absl::StrCat("Failed to send to output: ", st.message()));
    }
  }
  out.flush();
  return stats.ErrorSince(errors_before);
}

}  // namespace vfs::operations
