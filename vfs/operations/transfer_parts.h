// Pieces shared by the two ways a file is copied (transfer.cc's single stream and
// multi_thread_copy.cc's ranges): the byte counting through the run's limits and the wording of
// a hash mismatch.
#ifndef FICHIER_VFS_OPERATIONS_TRANSFER_PARTS_H_
#define FICHIER_VFS_OPERATIONS_TRANSFER_PARTS_H_

#include <optional>
#include <string>

#include "absl/strings/str_cat.h"
#include "base/cancel.h"
#include "base/string_views.h"
#include "vfs/operations/limits.h"
#include "vfs/operations/stats.h"
#include "vfs/source.h"

namespace vfs::operations {

// Counts the bytes that pass into the transfer's stats, through the run's limits when there
// are any (--max-transfer cuts, --bwlimit waits).
class AccountingSource : public Source {
 public:
  AccountingSource(Source& inner, Stats::Transfer& transfer, std::optional<Limits::Meter> meter)
      : inner_(inner), transfer_(transfer), meter_(meter) {}
  absl::StatusOr<size_t> Read(std::span<uint8_t> buffer) override {
    // A stop cuts every streamed transfer, even one between two local disks.
    if (const base::Cancel& cancel = base::CurrentCancel(); cancel.triggered()) {
      return cancel.status();
    }
    if (meter_) {
      if (absl::Status st = meter_->BeforeRead(); !st.ok()) return st;
      buffer = buffer.first(meter_->Clamp(buffer.size()));
    }
    absl::StatusOr<size_t> n = inner_.Read(buffer);
    if (n.ok() && meter_ && *n > 0) n = meter_->AfterRead(*n);
    if (n.ok()) transfer_.AddBytes(static_cast<int64_t>(*n));
    return n;
  }
  // The bytes pass unchanged: a sum the inner source computes is theirs too.
  bool ComputesHash(hash::HashType type) const override { return inner_.ComputesHash(type); }
  absl::StatusOr<std::string> StreamHash(hash::HashType type) const override {
    return inner_.StreamHash(type);
  }

 private:
  Source& inner_;
  Stats::Transfer& transfer_;
  std::optional<Limits::Meter> meter_;
};

// rclone's detail when the sums of the source and of the copy differ (DataCorruption adds the
// "corrupted on transfer" before it).
inline std::string HashDifferText(hash::HashType type, std::string_view sent,
                                  std::string_view got) {
  return absl::StrCat(base::ToAbsl(hash::HashTypeName(type)), " hash differ \"", base::ToAbsl(sent), "\" vs \"", base::ToAbsl(got), "\"");
}

}  // namespace vfs::operations

#endif  // FICHIER_VFS_OPERATIONS_TRANSFER_PARTS_H_
