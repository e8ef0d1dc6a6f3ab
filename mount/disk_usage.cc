#include "mount/disk_usage.h"

#include "absl/strings/str_cat.h"
#include "vfs/log.h"
#include "vfs/walk.h"

namespace mount {

vfs::Usage DiskUsage::Get() {
  absl::MutexLock lock(&mu_);
  const absl::Time now = options_.clock->Now();
  if (now - asked_ >= options_.dir_cache_time) {
    usage_ = Ask();
    asked_ = now;
  }
  return usage_;
}

vfs::Usage DiskUsage::Ask() {
  vfs::Usage usage;
  if (fs_.features().about) {
    absl::StatusOr<vfs::Usage> about = fs_.About();
    if (about.ok()) {
      usage = *about;
    } else {
      vfs::Log(vfs::LogLevel::kError, "",
               absl::StrCat("Statfs failed: ", about.status().message()));
    }
  }
  if (options_.used_is_size) {
    absl::StatusOr<vfs::DirEntries> all = vfs::Walk(fs_, "", {.use_list_r = true});
    if (all.ok()) {
      int64_t used = 0;
      for (const vfs::DirEntry& e : *all) {
        if (e.is_object() && e.object()->size() > 0) used += e.object()->size();
      }
      usage.used = used;
    } else {
      vfs::Log(vfs::LogLevel::kError, "", absl::StrCat("Statfs failed: ", all.status().message()));
    }
  }
  if (options_.disk_space_total_size >= 0) {
    usage.total = options_.disk_space_total_size;
    if (usage.used) usage.free.reset();  // made again from the total given
  }
  // Two numbers known give the third.
  if (!usage.total && usage.used && usage.free) usage.total = *usage.used + *usage.free;
  if (!usage.free && usage.total && usage.used) {
    usage.free = *usage.total > *usage.used ? *usage.total - *usage.used : 0;
  }
  return usage;
}

}  // namespace mount
