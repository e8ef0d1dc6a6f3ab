#include "hash/whirlpool.h"

#include <cstdlib>
#include <cstring>
#include <vector>

#include "base/hex.h"
#include "hash/whirlpool_tables.h"

namespace hash {
namespace {

using whirlpool_internal::CompressAvx512Gfni;
using whirlpool_internal::CompressPortable;

std::vector<WhirlpoolImplementation> DetectImplementations() {
  std::vector<WhirlpoolImplementation> found = {{"portable", &CompressPortable}};
  if (whirlpool_internal::CpuHasAvx512Gfni()) found.push_back({"avx512-gfni", &CompressAvx512Gfni});
  return found;
}

}  // namespace

std::span<const WhirlpoolImplementation> AvailableWhirlpoolImplementations() {
  static const std::vector<WhirlpoolImplementation> implementations = DetectImplementations();
  return implementations;
}

const WhirlpoolImplementation& DefaultWhirlpoolImplementation() {
  static const WhirlpoolImplementation& chosen = [] () -> const WhirlpoolImplementation& {
    auto all = AvailableWhirlpoolImplementations();
    const char* forced = std::getenv("FICHIER_WHIRLPOOL");
    if (forced != nullptr) {
      for (const auto& impl : all) {
        if (impl.name == forced) return impl;
      }
    }
    return all.back();  // the list is ordered slowest first
  }();
  return chosen;
}

Whirlpool::Whirlpool() : Whirlpool(DefaultWhirlpoolImplementation().compress) {}

Whirlpool::Whirlpool(CompressFn compress) : compress_(compress) { Reset(); }

void Whirlpool::Reset() {
  std::memset(state_, 0, sizeof(state_));
  buffered_ = 0;
  total_bytes_ = 0;
}

void Whirlpool::Update(std::span<const uint8_t> data) {
  total_bytes_ += data.size();
  const uint8_t* p = data.data();
  size_t left = data.size();
  if (buffered_ > 0) {
    size_t take = std::min(left, kBlockSize - buffered_);
    std::memcpy(buffer_ + buffered_, p, take);
    buffered_ += take;
    p += take;
    left -= take;
    if (buffered_ < kBlockSize) return;
    compress_(state_, buffer_, 1);
    buffered_ = 0;
  }
  // Whole blocks straight from the caller's memory, in one call so the vector path keeps its
  // constants in registers.
  size_t blocks = left / kBlockSize;
  if (blocks > 0) {
    compress_(state_, p, blocks);
    p += blocks * kBlockSize;
    left -= blocks * kBlockSize;
  }
  std::memcpy(buffer_, p, left);
  buffered_ = left;
}

Whirlpool::Digest Whirlpool::Finalize() {
  // Padding: a 1 bit, zeros up to 32 bytes before a block end, then the 256-bit length in bits.
  uint8_t tail[2 * kBlockSize] = {};
  std::memcpy(tail, buffer_, buffered_);
  tail[buffered_] = 0x80;
  size_t tail_size = buffered_ + 1 <= kBlockSize - 32 ? kBlockSize : 2 * kBlockSize;
  uint64_t bits_low = total_bytes_ << 3;
  uint64_t bits_high = total_bytes_ >> 61;
  for (int i = 0; i < 8; ++i) {
    tail[tail_size - 1 - i] = static_cast<uint8_t>(bits_low >> (8 * i));
    tail[tail_size - 9 - i] = static_cast<uint8_t>(bits_high >> (8 * i));
  }
  compress_(state_, tail, tail_size / kBlockSize);
  Digest digest;
  for (int i = 0; i < 8; ++i) {
    for (int j = 0; j < 8; ++j) digest[8 * i + j] = static_cast<uint8_t>(state_[i] >> (56 - 8 * j));
  }
  return digest;
}

Whirlpool::Digest WhirlpoolDigest(std::string_view data) {
  Whirlpool hasher;
  hasher.Update(data);
  return hasher.Finalize();
}

std::string WhirlpoolHex(std::string_view data) { return base::HexLower(WhirlpoolDigest(data)); }

}  // namespace hash
