// The portable compression function: eight table lookups per output word (the classic
// formulation), works on any CPU and is the reference the vectorised path is tested against.
#include <cstring>

#include "hash/whirlpool_tables.h"

namespace hash::whirlpool_internal {
namespace {

inline uint64_t LoadBigEndian(const uint8_t* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return __builtin_bswap64(v);
}

// One round function (SubBytes, ShiftColumns, MixRows) on `in`, XORed with `key` into `out`.
inline void Round(const uint64_t in[8], const uint64_t key[8], uint64_t out[8]) {
  const auto& t = kTables;
  // Fully unrolled, the eight words stay in registers; GCC does not do this on its own.
#pragma GCC unroll 8
  for (int i = 0; i < 8; ++i) {
    out[i] = t[0][in[i] >> 56] ^ t[1][(in[(i + 7) & 7] >> 48) & 0xff] ^
             t[2][(in[(i + 6) & 7] >> 40) & 0xff] ^ t[3][(in[(i + 5) & 7] >> 32) & 0xff] ^
             t[4][(in[(i + 4) & 7] >> 24) & 0xff] ^ t[5][(in[(i + 3) & 7] >> 16) & 0xff] ^
             t[6][(in[(i + 2) & 7] >> 8) & 0xff] ^ t[7][in[(i + 1) & 7] & 0xff] ^ key[i];
  }
}

}  // namespace

void CompressPortable(uint64_t state[8], const uint8_t* blocks, size_t count) {
  for (size_t b = 0; b < count; ++b, blocks += 64) {
    uint64_t message[8], key[8], cipher[8], next[8];
    for (int i = 0; i < 8; ++i) {
      message[i] = LoadBigEndian(blocks + 8 * i);
      key[i] = state[i];
      cipher[i] = message[i] ^ key[i];
    }
#pragma GCC unroll 10
    for (int r = 0; r < kRounds; ++r) {
      const uint64_t round_key[8] = {kRoundConstants[r], 0, 0, 0, 0, 0, 0, 0};
      Round(key, round_key, next);
      std::memcpy(key, next, sizeof(key));
      Round(cipher, key, next);
      std::memcpy(cipher, next, sizeof(cipher));
    }
    // Miyaguchi-Preneel: the new chaining value mixes in the block and the old value.
    for (int i = 0; i < 8; ++i) state[i] ^= cipher[i] ^ message[i];
  }
}

}  // namespace hash::whirlpool_internal
