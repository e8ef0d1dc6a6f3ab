// Vectorised compression for CPUs with AVX-512 (F, BW, VBMI) and GFNI. The whole 8x8-byte
// state fits one 512-bit register. The S-box is a 256-entry byte lookup done with two 128-entry
// VBMI permutes, the halves chosen by a GFNI-made top-bit mask; MixRows is eight byte
// permutations of the S-box output (ShiftColumns folded into each: one vpermb per circulant
// term) plus GF(2^8) multiplications by constants, each a single GFNI affine instruction. The
// key-schedule round and the cipher round are written interleaved, the round key entering the
// cipher last, which lets the out-of-order core overlap them (~10% over one round at a time
// with a separate ShiftColumns permute on AMD Zen 5). Functions carry target attributes (not
// per-file flags) so nothing AVX-512 leaks into shared inline code.
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

// Every output bit is input bit 7: each byte becomes 0x00 or 0xff by its top bit.
constexpr uint64_t kTopBitMatrix = 0x8080808080808080ULL;

// Byte k = 8*row + column of the register is that cell of the state, as in memory order of a
// message block. Output cell (i, j) of MixRows sums coefficient t times cell (i, j - t) of the
// ShiftColumns output, which is cell (i - j', j'), j' = j - t, of the S-box output: term t is
// one byte permutation of the S-box output.
constexpr std::array<std::array<uint8_t, 64>, 8> TermIndex() {
  std::array<std::array<uint8_t, 64>, 8> index{};
  for (int t = 0; t < 8; ++t) {
    for (int i = 0; i < 8; ++i) {
      for (int j = 0; j < 8; ++j) {
        const int from_column = (j - t) & 7;
        index[t][8 * i + j] = static_cast<uint8_t>(8 * ((i - from_column) & 7) + from_column);
      }
    }
  }
  return index;
}

alignas(64) constexpr std::array<std::array<uint8_t, 64>, 8> kTermIndex = TermIndex();
alignas(64) constexpr std::array<uint8_t, 256> kSboxAligned = kSbox;

struct Constants {
  __m512i sbox[4];
  __m512i term[8];
  __m512i top_bit;
  __m512i mul2, mul4, mul8, mul5, mul9;
  __m512i byteswap;  // within each 64-bit word
  __m512i round_constant[kRounds];
};

FICHIER_AVX512_GFNI inline Constants LoadConstants() {
  Constants c;
  for (int i = 0; i < 4; ++i) c.sbox[i] = _mm512_load_si512(kSboxAligned.data() + 64 * i);
  for (int t = 0; t < 8; ++t) c.term[t] = _mm512_load_si512(kTermIndex[t].data());
  c.top_bit = _mm512_set1_epi64(static_cast<long long>(kTopBitMatrix));
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

// SubBytes of each byte.
FICHIER_AVX512_GFNI inline __m512i SubBytes(const Constants& c, __m512i in) {
  const __m512i low = _mm512_permutex2var_epi8(c.sbox[0], in, c.sbox[1]);
  const __m512i high = _mm512_permutex2var_epi8(c.sbox[2], in, c.sbox[3]);
  const __m512i top = _mm512_gf2p8affine_epi64_epi8(in, c.top_bit, 0);
  return _mm512_ternarylogic_epi64(top, high, low, 0xCA);  // top ? high : low
}

// Term t of MixRows before its coefficient: ShiftColumns and the rotation in one permutation.
FICHIER_AVX512_GFNI inline __m512i Term(const Constants& c, int t, __m512i s) {
  return _mm512_permutexvar_epi8(c.term[t], s);
}

// Each byte times a constant in GF(2^8), given as its affine matrix.
FICHIER_AVX512_GFNI inline __m512i Times(__m512i x, __m512i matrix) {
  return _mm512_gf2p8affine_epi64_epi8(x, matrix, 0);
}

// One round of the key schedule (key = round(key) ^ constant) and of the cipher
// (cipher = round(cipher) ^ new key), written interleaved. Coefficients 1,1,4,1,8,5,2,9 for
// terms t = 0..7.
FICHIER_AVX512_GFNI inline void Rounds(const Constants& c, __m512i& key, __m512i& cipher,
                                       __m512i round_constant) {
  constexpr int kXor3 = 0x96;
  const __m512i s[2] = {SubBytes(c, key), SubBytes(c, cipher)};
  __m512i a[2], b[2], d[2];
  for (int k = 0; k < 2; ++k) {
    b[k] = _mm512_ternarylogic_epi64(Times(Term(c, 2, s[k]), c.mul4),
                                     Times(Term(c, 4, s[k]), c.mul8),
                                     Times(Term(c, 5, s[k]), c.mul5), kXor3);
  }
  for (int k = 0; k < 2; ++k) {
    const __m512i m2 = Times(Term(c, 6, s[k]), c.mul2);
    const __m512i m9 = Times(Term(c, 7, s[k]), c.mul9);
    a[k] = _mm512_ternarylogic_epi64(Term(c, 0, s[k]), Term(c, 1, s[k]), Term(c, 3, s[k]), kXor3);
    d[k] = _mm512_ternarylogic_epi64(m2, m9, a[k], kXor3);
  }
  key = _mm512_ternarylogic_epi64(b[0], d[0], round_constant, kXor3);
  cipher = _mm512_ternarylogic_epi64(b[1], d[1], key, kXor3);
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
    for (int r = 0; r < kRounds; ++r) Rounds(c, key, cipher, c.round_constant[r]);
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
