// Vectorised compression for CPUs with AVX-512 (F, BW, VBMI) and GFNI. The whole 8x8-byte
// state fits one 512-bit register: ShiftColumns is one byte permutation, the S-box is a
// 256-entry byte lookup done with two 128-entry VBMI permutes, and MixRows is row rotations
// plus GF(2^8) multiplications by constants, each a single GFNI affine instruction. Functions
// carry target attributes (not per-file flags) so nothing AVX-512 leaks into shared inline code.
#include <immintrin.h>

#include <array>

#include "hash/whirlpool_tables.h"

namespace hash::whirlpool_internal {
namespace {

#define FICHIER_AVX512_GFNI __attribute__((target("avx512f,avx512bw,avx512vbmi,gfni")))

// GFNI affine matrix for multiplication by `c` modulo Whirlpool's polynomial: byte 7-i of the
// matrix selects the input bits that feed output bit i.
constexpr uint64_t MulMatrix(uint8_t c) {
  uint64_t matrix = 0;
  for (int out_bit = 0; out_bit < 8; ++out_bit) {
    uint8_t row = 0;
    for (int in_bit = 0; in_bit < 8; ++in_bit) {
      if ((GfMul(c, static_cast<uint8_t>(1u << in_bit)) >> out_bit) & 1) {
        row = static_cast<uint8_t>(row | (1u << in_bit));
      }
    }
    matrix |= static_cast<uint64_t>(row) << (8 * (7 - out_bit));
  }
  return matrix;
}

// Byte k = 8*row + column of the register is that cell of the state, as in memory order of a
// message block. ShiftColumns moves cell (i, j) from row i - j.
constexpr std::array<uint8_t, 64> ShiftColumnsIndex() {
  std::array<uint8_t, 64> index{};
  for (int i = 0; i < 8; ++i)
    for (int j = 0; j < 8; ++j) index[8 * i + j] = static_cast<uint8_t>(8 * ((i - j) & 7) + j);
  return index;
}

alignas(64) constexpr std::array<uint8_t, 64> kShiftColumns = ShiftColumnsIndex();
alignas(64) constexpr std::array<uint8_t, 256> kSboxAligned = kSbox;

struct Constants {
  __m512i sbox[4];
  __m512i shift_columns;
  __m512i mul2, mul4, mul8, mul5, mul9;
  __m512i byteswap;  // within each 64-bit word
  __m512i round_constant[kRounds];
};

FICHIER_AVX512_GFNI inline Constants LoadConstants() {
  Constants c;
  for (int i = 0; i < 4; ++i) c.sbox[i] = _mm512_load_si512(kSboxAligned.data() + 64 * i);
  c.shift_columns = _mm512_load_si512(kShiftColumns.data());
  c.mul2 = _mm512_set1_epi64(static_cast<long long>(MulMatrix(2)));
  c.mul4 = _mm512_set1_epi64(static_cast<long long>(MulMatrix(4)));
  c.mul8 = _mm512_set1_epi64(static_cast<long long>(MulMatrix(8)));
  c.mul5 = _mm512_set1_epi64(static_cast<long long>(MulMatrix(5)));
  c.mul9 = _mm512_set1_epi64(static_cast<long long>(MulMatrix(9)));
  c.byteswap = _mm512_set_epi64(0x08090a0b0c0d0e0fLL, 0x0001020304050607LL,
                                0x08090a0b0c0d0e0fLL, 0x0001020304050607LL,
                                0x08090a0b0c0d0e0fLL, 0x0001020304050607LL,
                                0x08090a0b0c0d0e0fLL, 0x0001020304050607LL);
  for (int r = 0; r < kRounds; ++r) {
    // Row 0 only, in memory (big-endian) byte order.
    c.round_constant[r] = _mm512_maskz_set1_epi64(
        1, static_cast<long long>(__builtin_bswap64(kRoundConstants[r])));
  }
  return c;
}

// SubBytes and ShiftColumns, then MixRows, then XOR with the round key.
FICHIER_AVX512_GFNI inline __m512i Round(const Constants& c, __m512i in, __m512i key) {
  __m512i shifted = _mm512_permutexvar_epi8(c.shift_columns, in);
  __m512i low = _mm512_permutex2var_epi8(c.sbox[0], shifted, c.sbox[1]);
  __m512i high = _mm512_permutex2var_epi8(c.sbox[2], shifted, c.sbox[3]);
  __m512i s = _mm512_mask_blend_epi8(_mm512_movepi8_mask(shifted), low, high);
  // Output column j sums coefficient t times input column j - t: rotating a row left by t bytes
  // (little-endian lanes) lines those up. Coefficients 1,1,4,1,8,5,2,9 for t = 0..7.
  __m512i r1 = _mm512_rol_epi64(s, 8);
  __m512i r3 = _mm512_rol_epi64(s, 24);
  __m512i m4 = _mm512_gf2p8affine_epi64_epi8(_mm512_rol_epi64(s, 16), c.mul4, 0);
  __m512i m8 = _mm512_gf2p8affine_epi64_epi8(_mm512_rol_epi64(s, 32), c.mul8, 0);
  __m512i m5 = _mm512_gf2p8affine_epi64_epi8(_mm512_rol_epi64(s, 40), c.mul5, 0);
  __m512i m2 = _mm512_gf2p8affine_epi64_epi8(_mm512_rol_epi64(s, 48), c.mul2, 0);
  __m512i m9 = _mm512_gf2p8affine_epi64_epi8(_mm512_rol_epi64(s, 56), c.mul9, 0);
  constexpr int kXor3 = 0x96;
  __m512i a = _mm512_ternarylogic_epi64(s, r1, r3, kXor3);
  __m512i b = _mm512_ternarylogic_epi64(m4, m8, m5, kXor3);
  __m512i d = _mm512_ternarylogic_epi64(m2, m9, key, kXor3);
  return _mm512_ternarylogic_epi64(a, b, d, kXor3);
}

}  // namespace

FICHIER_AVX512_GFNI void CompressAvx512Gfni(uint64_t state[8], const uint8_t* blocks,
                                            size_t count) {
  const Constants c = LoadConstants();
  // The portable state holds big-endian words; the register holds bytes in memory order.
  __m512i hash = _mm512_shuffle_epi8(_mm512_loadu_si512(state), c.byteswap);
  for (size_t b = 0; b < count; ++b, blocks += 64) {
    const __m512i message = _mm512_loadu_si512(blocks);
    __m512i key = hash;
    __m512i cipher = _mm512_xor_si512(message, key);
    for (int r = 0; r < kRounds; ++r) {
      key = Round(c, key, c.round_constant[r]);
      cipher = Round(c, cipher, key);
    }
    hash = _mm512_ternarylogic_epi64(hash, cipher, message, 0x96);
  }
  _mm512_storeu_si512(state, _mm512_shuffle_epi8(hash, c.byteswap));
}

bool CpuHasAvx512Gfni() {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
         __builtin_cpu_supports("avx512vbmi") && __builtin_cpu_supports("gfni");
}

}  // namespace hash::whirlpool_internal
