#include "vfs/open_options.h"

#include <algorithm>

namespace vfs {

ResolvedRange OpenOptions::Resolve(int64_t size) const {
  const RangeOption r = range.value_or(RangeOption{});
  ResolvedRange out;
  if (r.start >= 0) {
    out.offset = r.start;
    if (r.end >= 0) out.length = std::max<int64_t>(0, r.end - r.start + 1);
  } else if (r.end >= 0) {
    // "The last N bytes" needs the size; without it the whole object is the best answer.
    if (size < 0) return {};
    out.offset = std::max<int64_t>(0, size - r.end);
  }
  if (size >= 0) {
    out.offset = std::min(out.offset, size);
    int64_t available = size - out.offset;
    out.length = out.length < 0 ? available : std::min(out.length, available);
  }
  return out;
}

}  // namespace vfs
