#include "backend/crypt/eme.h"

#include <openssl/evp.h>

#include <memory>
#include <vector>

#include "absl/strings/str_cat.h"

namespace backend::crypt {
namespace {

using Block = std::array<uint8_t, kEmeBlockSize>;

// Doubling in GF(2^128) with EME's little-endian convention (x^128 = x^7 + x^2 + x + 1).
Block Double(const Block& in) {
  Block out;
  out[0] = static_cast<uint8_t>(in[0] << 1);
  if (in[15] & 0x80) out[0] ^= 0x87;
  for (size_t j = 1; j < kEmeBlockSize; ++j) {
    out[j] = static_cast<uint8_t>((in[j] << 1) | (in[j - 1] >> 7));
  }
  return out;
}

void XorInto(uint8_t* out, const uint8_t* a, const uint8_t* b) {
  for (size_t i = 0; i < kEmeBlockSize; ++i) out[i] = a[i] ^ b[i];
}

struct CtxFree {
  void operator()(EVP_CIPHER_CTX* ctx) const { EVP_CIPHER_CTX_free(ctx); }
};
using CtxPtr = std::unique_ptr<EVP_CIPHER_CTX, CtxFree>;

// Raw AES-256 on single blocks (ECB, no padding).
class Aes {
 public:
  Aes(const std::array<uint8_t, 32>& key, bool encrypt) : ctx_(EVP_CIPHER_CTX_new()) {
    ok_ = ctx_ && EVP_CipherInit_ex(ctx_.get(), EVP_aes_256_ecb(), nullptr, key.data(), nullptr,
                                    encrypt ? 1 : 0) == 1 &&
          EVP_CIPHER_CTX_set_padding(ctx_.get(), 0) == 1;
  }
  bool ok() const { return ok_; }
  bool Apply(uint8_t* out, const uint8_t* in) {
    int len = 0;
    return EVP_CipherUpdate(ctx_.get(), out, &len, in, kEmeBlockSize) == 1 &&
           len == static_cast<int>(kEmeBlockSize);
  }

 private:
  CtxPtr ctx_;
  bool ok_ = false;
};

}  // namespace

absl::StatusOr<std::string> EmeTransform(const std::array<uint8_t, 32>& key,
                                         const std::array<uint8_t, 16>& tweak,
                                         std::string_view data, EmeDirection direction) {
  if (data.empty() || data.size() % kEmeBlockSize != 0 ||
      data.size() > kEmeBlockSize * kEmeMaxBlocks) {
    return absl::InvalidArgumentError(
        absl::StrCat("EME operates on 1 to 128 blocks of 16 bytes, not ", data.size(), " bytes"));
  }
  const size_t m = data.size() / kEmeBlockSize;
  Aes forward(key, /*encrypt=*/true);
  Aes cipher(key, direction == EmeDirection::kEncrypt);
  if (!forward.ok() || !cipher.ok()) return absl::InternalError("AES-256 is unavailable");
  auto fail = [] { return absl::InternalError("AES-256 block operation failed"); };

  // L_j = 2^(j+1) * AES_enc(0), whatever the direction.
  std::vector<Block> l_table(m);
  Block l{};
  if (!forward.Apply(l.data(), l.data())) return fail();
  for (size_t j = 0; j < m; ++j) {
    l = Double(l);
    l_table[j] = l;
  }
  const auto* in = reinterpret_cast<const uint8_t*>(data.data());
  std::string out(data.size(), '\0');
  auto* c = reinterpret_cast<uint8_t*>(out.data());
  auto block = [&](size_t j) { return c + j * kEmeBlockSize; };

  Block tmp;
  for (size_t j = 0; j < m; ++j) {  // PPP_j = AES(P_j xor L_j)
    XorInto(tmp.data(), in + j * kEmeBlockSize, l_table[j].data());
    if (!cipher.Apply(block(j), tmp.data())) return fail();
  }
  Block mp;  // MP = xor of PPP_j, xor T
  XorInto(mp.data(), block(0), tweak.data());
  for (size_t j = 1; j < m; ++j) XorInto(mp.data(), mp.data(), block(j));
  Block mc;
  if (!cipher.Apply(mc.data(), mp.data())) return fail();
  Block mask;  // M = MP xor MC
  XorInto(mask.data(), mp.data(), mc.data());
  for (size_t j = 1; j < m; ++j) {  // CCC_j = PPP_j xor 2^(j-1) M
    mask = Double(mask);
    XorInto(block(j), block(j), mask.data());
  }
  Block ccc1;  // CCC_1 = MC xor T xor (xor of the other CCC_j)
  XorInto(ccc1.data(), mc.data(), tweak.data());
  for (size_t j = 1; j < m; ++j) XorInto(ccc1.data(), ccc1.data(), block(j));
  std::copy(ccc1.begin(), ccc1.end(), block(0));
  for (size_t j = 0; j < m; ++j) {  // C_j = AES(CCC_j) xor L_j
    if (!cipher.Apply(tmp.data(), block(j))) return fail();
    XorInto(block(j), tmp.data(), l_table[j].data());
  }
  return out;
}

}  // namespace backend::crypt
