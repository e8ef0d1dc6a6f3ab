#include "mount/byte_ranges.h"

#include <algorithm>

namespace mount {

void ByteRanges::Insert(int64_t start, int64_t end) {
  if (start >= end) return;
  // The first range that could touch [start, end): the one starting at or before `start`.
  auto it = ranges_.upper_bound(start);
  if (it != ranges_.begin() && std::prev(it)->second >= start) --it;
  while (it != ranges_.end() && it->first <= end) {
    start = std::min(start, it->first);
    end = std::max(end, it->second);
    total_ -= it->second - it->first;
    it = ranges_.erase(it);
  }
  ranges_.emplace(start, end);
  total_ += end - start;
}

std::vector<ByteRange> ByteRanges::Missing(int64_t start, int64_t end) const {
  std::vector<ByteRange> gaps;
  auto it = ranges_.upper_bound(start);
  if (it != ranges_.begin() && std::prev(it)->second > start) --it;
  int64_t at = start;
  for (; it != ranges_.end() && it->first < end && at < end; ++it) {
    if (it->first > at) gaps.push_back({at, it->first});
    at = std::max(at, it->second);
  }
  if (at < end) gaps.push_back({at, end});
  return gaps;
}

std::vector<ByteRange> ByteRanges::List() const {
  std::vector<ByteRange> out;
  out.reserve(ranges_.size());
  for (const auto& [start, end] : ranges_) out.push_back({start, end});
  return out;
}

}  // namespace mount
