// The parts of a file held in a sparse cache copy (--vfs-cache-mode full): half-open byte
// ranges [start, end), kept merged, so a read asks only for the gaps and a file whose ranges
// cover it is whole.
#ifndef FICHIER_MOUNT_BYTE_RANGES_H_
#define FICHIER_MOUNT_BYTE_RANGES_H_

#include <cstdint>
#include <map>
#include <vector>

namespace mount {

struct ByteRange {
  int64_t start = 0;
  int64_t end = 0;  // exclusive
  bool operator==(const ByteRange&) const = default;
};

class ByteRanges {
 public:
  // Adds [start, end), merging with the ranges it touches or overlaps.
  void Insert(int64_t start, int64_t end);
  // The parts of [start, end) not held, in order.
  std::vector<ByteRange> Missing(int64_t start, int64_t end) const;
  bool Covers(int64_t start, int64_t end) const { return Missing(start, end).empty(); }
  // Bytes held.
  int64_t Total() const { return total_; }
  // The ranges held, in order.
  std::vector<ByteRange> List() const;
  void Clear() {
    ranges_.clear();
    total_ = 0;
  }

 private:
  std::map<int64_t, int64_t> ranges_;  // start -> end, disjoint and not touching
  int64_t total_ = 0;
};

}  // namespace mount

#endif  // FICHIER_MOUNT_BYTE_RANGES_H_
