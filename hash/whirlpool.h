// Whirlpool (ISO/IEC 10118-3, final version), the checksum 1fichier returns for every file.
#ifndef FICHIER_HASH_WHIRLPOOL_H_
#define FICHIER_HASH_WHIRLPOOL_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace hash {

// Streaming Whirlpool hasher: Update() any number of times, then Finalize() once.
// Picks the fastest compression function the CPU supports when constructed.
class Whirlpool {
 public:
  static constexpr size_t kDigestSize = 64;
  static constexpr size_t kBlockSize = 64;
  using Digest = std::array<uint8_t, kDigestSize>;
  // Compresses `blocks` consecutive 64-byte blocks into the 8x64-bit chaining state.
  using CompressFn = void (*)(uint64_t state[8], const uint8_t* blocks, size_t count);

  Whirlpool();
  // For tests and benchmarks: force one implementation (see AvailableImplementations()).
  explicit Whirlpool(CompressFn compress);

  void Update(std::span<const uint8_t> data);
  void Update(std::string_view data) {
    Update(std::span(reinterpret_cast<const uint8_t*>(data.data()), data.size()));
  }
  // Pads, compresses the last block(s) and returns the digest. The hasher must not be reused
  // afterwards without Reset().
  Digest Finalize();
  void Reset();

 private:
  CompressFn compress_;
  uint64_t state_[8];
  uint8_t buffer_[kBlockSize];
  size_t buffered_ = 0;
  uint64_t total_bytes_ = 0;  // 2^64 bytes is beyond any file; the 256-bit length is padded.
};

// A named compression function, for tests that check every path against the oracle.
struct WhirlpoolImplementation {
  std::string_view name;
  Whirlpool::CompressFn compress;
};
// The portable path first, then every vectorised path this CPU can run.
std::span<const WhirlpoolImplementation> AvailableWhirlpoolImplementations();
// The one Whirlpool() uses: the fastest available, unless FICHIER_WHIRLPOOL=portable is set.
const WhirlpoolImplementation& DefaultWhirlpoolImplementation();

// One-shot helpers.
Whirlpool::Digest WhirlpoolDigest(std::string_view data);
std::string WhirlpoolHex(std::string_view data);  // 128 lowercase hex characters

}  // namespace hash

#endif  // FICHIER_HASH_WHIRLPOOL_H_
