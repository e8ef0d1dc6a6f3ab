// The stored bytes of one upload, on disk. Shared by a file and its server-side copies, and by
// downloads in flight, so removing a file never pulls the data from under a running transfer;
// the disk file goes when the last holder lets go.
#ifndef FICHIER_EMULATOR_BLOB_H_
#define FICHIER_EMULATOR_BLOB_H_

#include <cstdint>
#include <cstddef>
#include <cstdlib>
#include <memory>
#include <string>

namespace emulator {

// Blobs are written and read with O_DIRECT (blob_writer.h, blob_reader.h), which wants buffers,
// sizes and file offsets aligned to the logical block size; a page covers every size in use.
inline constexpr size_t kDirectIoAlignment = 4096;
struct AlignedFree {
  void operator()(char* p) const { std::free(p); }
};
using AlignedBuffer = std::unique_ptr<char, AlignedFree>;
// `size` must be a multiple of kDirectIoAlignment; null when out of memory.
inline AlignedBuffer NewAlignedBuffer(size_t size) {
  return AlignedBuffer(static_cast<char*>(std::aligned_alloc(kDirectIoAlignment, size)));
}

class Blob {
 public:
  // `direct_io`: the bytes were written with O_DIRECT (not in the page cache), so downloads read
  // them the same way rather than filling the page cache.
  Blob(std::string path, uint64_t size, std::string whirlpool_hex, bool direct_io = false)
      : path_(std::move(path)),
        size_(size),
        whirlpool_(std::move(whirlpool_hex)),
        direct_io_(direct_io) {}
  ~Blob();
  Blob(const Blob&) = delete;
  Blob& operator=(const Blob&) = delete;

  const std::string& path() const { return path_; }
  uint64_t size() const { return size_; }
  const std::string& whirlpool() const { return whirlpool_; }
  bool direct_io() const { return direct_io_; }

 private:
  std::string path_;
  uint64_t size_;
  std::string whirlpool_;
  bool direct_io_;
};

}  // namespace emulator

#endif  // FICHIER_EMULATOR_BLOB_H_
