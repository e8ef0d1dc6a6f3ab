// Sync's --track-renames: a source file missing from the destination that matches a file only
// on the destination (same size, and the strategy's hash, mod time or leaf name) is moved there
// server-side instead of being sent, so a renamed large file costs one move and no upload.
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "vfs/operations/backup.h"
#include "vfs/operations/equal.h"
#include "vfs/operations/syncer.h"
#include "vfs/operations/transfer.h"
#include "vfs/path.h"

namespace vfs::operations::sync_internal {

void Syncer::ResolveRenames(Pools& pools) {
  LogInfo(dst_.ToString(), "Making map for --track-renames");
  std::vector<ObjectPtr> sources;
  // Destination-only files by size; a claimed one is reset to null.
  auto candidates = std::make_shared<std::map<int64_t, std::vector<ObjectPtr>>>();
  {
    absl::MutexLock lock(&mu_);
    sources.swap(rename_src_);
    for (ObjectPtr& d : rename_dst_) (*candidates)[d->size()].push_back(std::move(d));
    rename_dst_.clear();
  }
  LogInfo(dst_.ToString(), "Finished making map for --track-renames");
  const absl::Duration window = ModifyWindow(src_, dst_, ctx_.options);
  auto matches = [this, window](const Object& src, const std::string& src_hash,
                                const Object& dst) {
    if (rename_strategy_.leaf && Leaf(src.remote()) != Leaf(dst.remote())) return false;
    if (rename_strategy_.modtime && absl::AbsDuration(src.mod_time() - dst.mod_time()) > window) {
      return false;
    }
    if (rename_strategy_.hash) {
      absl::StatusOr<std::string> h = dst.Hash(common_hash_);
      if (!h.ok() || h->empty() || *h != src_hash) return false;
    }
    return true;
  };
  for (ObjectPtr& src : sources) {
    pools.checkers.Submit([this, src, candidates, matches, &pools] {
      if (Stopped()) return;
      {
        absl::MutexLock lock(&mu_);
        if (candidates->find(src->size()) == candidates->end()) {
          LogDebug(src->remote(), "Need to transfer - File not found at Destination");
          SubmitTransfer(pools, src, nullptr);
          return;
        }
      }
      // Hashing may read the whole source file: only for sizes some destination file has.
      std::string src_hash;
      if (rename_strategy_.hash) {
        absl::StatusOr<std::string> h = src->Hash(common_hash_);
        if (h.ok()) src_hash = *h;
      }
      ObjectPtr renamed;
      if (!rename_strategy_.hash || !src_hash.empty()) {
        absl::MutexLock lock(&mu_);
        for (ObjectPtr& d : (*candidates)[src->size()]) {
          if (d && matches(*src, src_hash, *d)) {
            renamed = std::move(d);
            d = nullptr;
            break;
          }
        }
      }
      if (!renamed) {
        LogDebug(src->remote(), "Need to transfer - File not found at Destination");
        SubmitTransfer(pools, src, nullptr);
        return;
      }
      // The destination file is moved to the source's name (no bytes are sent).
      absl::StatusOr<ObjectPtr> moved =
          MoveObject(ctx_, dst_, renamed, dst_, src->remote(), nullptr);
      if (moved.ok() && *moved != nullptr) {
        ctx_.st().AddRename();
        LogInfo(src->remote(), absl::StrCat("Renamed from \"", renamed->remote(), "\""));
      }
    });
  }
  pools.checkers.Wait();
  // What no source file claimed is deleted as usual.
  for (auto& [size, list] : *candidates) {
    for (ObjectPtr& d : list) {
      if (d) DeleteDstOnly(std::move(d), pools, /*rename_candidate=*/false);
    }
  }
}

}  // namespace vfs::operations::sync_internal
