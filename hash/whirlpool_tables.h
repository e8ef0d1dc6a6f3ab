// Whirlpool's constants, derived at compile time from the definitions in the ISO standard (the
// S-box from its mini-boxes E and R, the MixRows circulant) instead of pasted tables, so the
// source shows where every number comes from. Internal to hash/.
#ifndef FICHIER_HASH_WHIRLPOOL_TABLES_H_
#define FICHIER_HASH_WHIRLPOOL_TABLES_H_

#include <array>
#include <cstdint>

namespace hash::whirlpool_internal {

inline constexpr int kRounds = 10;

// Multiplication in GF(2^8) with Whirlpool's reduction polynomial x^8 + x^4 + x^3 + x^2 + 1.
constexpr uint8_t GfMul(uint8_t a, uint8_t b) {
  uint8_t product = 0;
  while (b != 0) {
    if (b & 1) product ^= a;
    a = static_cast<uint8_t>((a << 1) ^ ((a & 0x80) ? 0x1d : 0));
    b >>= 1;
  }
  return product;
}

// The S-box is built from two 4-bit mini-boxes E (and its inverse) and R.
constexpr std::array<uint8_t, 256> MakeSbox() {
  constexpr uint8_t kE[16] = {0x1, 0xB, 0x9, 0xC, 0xD, 0x6, 0xF, 0x3,
                              0xE, 0x8, 0x7, 0x4, 0xA, 0x2, 0x5, 0x0};
  constexpr uint8_t kR[16] = {0x7, 0xC, 0xB, 0xD, 0xE, 0x4, 0x9, 0xF,
                              0x6, 0x3, 0x8, 0xA, 0x2, 0x5, 0x1, 0x0};
  uint8_t e_inverse[16] = {};
  for (int i = 0; i < 16; ++i) e_inverse[kE[i]] = static_cast<uint8_t>(i);
  std::array<uint8_t, 256> sbox{};
  for (int u = 0; u < 256; ++u) {
    uint8_t left = kE[u >> 4];
    uint8_t right = e_inverse[u & 0xF];
    uint8_t mixed = kR[left ^ right];
    sbox[u] = static_cast<uint8_t>((kE[left ^ mixed] << 4) | e_inverse[right ^ mixed]);
  }
  return sbox;
}
inline constexpr std::array<uint8_t, 256> kSbox = MakeSbox();

// First row of the MixRows circulant matrix cir(1, 1, 4, 1, 8, 5, 2, 9).
inline constexpr uint8_t kMixRow[8] = {1, 1, 4, 1, 8, 5, 2, 9};

// kTable[t][x]: S(x) times row t of the circulant, packed big-endian (column 0 in the top byte).
// One lookup per byte then replaces SubBytes and MixRows; table t is table 0 rotated by t bytes.
constexpr std::array<std::array<uint64_t, 256>, 8> MakeTables() {
  std::array<std::array<uint64_t, 256>, 8> tables{};
  for (int x = 0; x < 256; ++x) {
    uint64_t row = 0;
    for (int j = 0; j < 8; ++j) row = (row << 8) | GfMul(kSbox[x], kMixRow[j]);
    for (int t = 0; t < 8; ++t) {
      tables[t][x] = t == 0 ? row : (row >> (8 * t)) | (row << (64 - 8 * t));
    }
  }
  return tables;
}
inline constexpr auto kTables = MakeTables();

// Round constants: row 0 of round r holds S-box entries 8r .. 8r+7, big-endian; other rows are 0.
constexpr std::array<uint64_t, kRounds> MakeRoundConstants() {
  std::array<uint64_t, kRounds> constants{};
  for (int r = 0; r < kRounds; ++r) {
    uint64_t row = 0;
    for (int j = 0; j < 8; ++j) row = (row << 8) | kSbox[8 * r + j];
    constants[r] = row;
  }
  return constants;
}
inline constexpr auto kRoundConstants = MakeRoundConstants();

static_assert(kSbox[0] == 0x18 && kSbox[1] == 0x23 && kSbox[2] == 0xc6,
              "S-box must match the standard's first and last entries");
static_assert(kTables[0][0] == 0x18186018c07830d8ULL, "table 0 must match the standard's C0[0]");

// Compression functions; each processes `count` 64-byte blocks into the big-endian state words.
void CompressPortable(uint64_t state[8], const uint8_t* blocks, size_t count);
// Only call when CPU support was checked (AVX-512 F/BW/VBMI and GFNI).
void CompressAvx512Gfni(uint64_t state[8], const uint8_t* blocks, size_t count);
bool CpuHasAvx512Gfni();

}  // namespace hash::whirlpool_internal

#endif  // FICHIER_HASH_WHIRLPOOL_TABLES_H_
